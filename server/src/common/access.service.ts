import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Client } from '../clients/client.entity.js';
import { type AuthContext, hasRole } from './auth-context.js';
import { notFound } from './errors.js';

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

  /** Loads a client the caller may see, or throws 404 (also for other practices' clients). */
  async client(
    auth: AuthContext,
    clientId: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<Client> {
    const qb = manager.createQueryBuilder(Client, 'c').where('c.id = :id', { id: clientId });
    const found = await this.scopeClients(qb, auth).getOne();
    if (!found) throw notFound('That client');
    return found;
  }
}
