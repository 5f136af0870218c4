import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ClientStatus } from '@attune/shared';
import { type AuthContext, hasRole } from './auth-context.js';
import { notFound } from './errors.js';

/** What access checks return about a client. */
export interface ClientRecord {
  id: string;
  userId: string | null;
  firstName: string;
  preferredName: string | null;
  email: string | null;
  status: ClientStatus;
}

/**
 * The one place that decides which clients a caller may touch: admins the whole practice,
 * therapists their own caseload, clients only themselves. Anything else is "not found".
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Adds the caller's scope to a query over clients aliased `alias`. */
  scopeClients<T extends object>(
    qb: SelectQueryBuilder<T>,
    auth: AuthContext,
    alias = 'c',
  ): SelectQueryBuilder<T> {
    qb.andWhere(`${alias}.practice_id = :scopePractice`, { scopePractice: auth.practiceId });
    if (hasRole(auth, 'admin')) return qb;
    if (hasRole(auth, 'therapist') && auth.memberId)
      return qb.andWhere(`${alias}.primary_therapist_id = :scopeMember`, {
        scopeMember: auth.memberId,
      });
    if (hasRole(auth, 'client') && auth.clientId)
      return qb.andWhere(`${alias}.id = :scopeClient`, { scopeClient: auth.clientId });
    return qb.andWhere('false');
  }

  /**
   * A therapist (member with the therapist role) of the caller's practice, or 404. Admins reach
   * every therapist; a therapist reaches only themselves.
   */
  async therapist(
    auth: AuthContext,
    memberId: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<{ id: string; displayName: string; email: string; active: boolean }> {
    if (!hasRole(auth, 'admin') && memberId !== auth.memberId) throw notFound('That therapist');
    const [row] = await manager.query<
      { id: string; display_name: string; email: string; active: boolean }[]
    >(
      `SELECT m.id, u.display_name, u.email, u.disabled_at IS NULL AS active
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.id = $1 AND m.practice_id = $2 AND 'therapist' = ANY(m.roles)`,
      [memberId, auth.practiceId],
    );
    if (!row) throw notFound('That therapist');
    return { id: row.id, displayName: row.display_name, email: row.email, active: row.active };
  }

  /** Loads a client the caller may see, or throws 404 (also for other practices' clients). */
  async client(
    auth: AuthContext,
    clientId: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<ClientRecord> {
    const qb = manager
      .createQueryBuilder()
      .select(
        'c.id AS id, c.user_id AS "userId", c.first_name AS "firstName", c.preferred_name AS "preferredName", c.email AS email, c.status AS status',
      )
      .from('clients', 'c')
      .where('c.id = :id', { id: clientId });
    const found = await this.scopeClients(qb, auth).getRawOne<ClientRecord>();
    if (!found) throw notFound('That client');
    return found;
  }
}
