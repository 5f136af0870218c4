import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { InvitationScope } from '../common/access/access.policy.js';
import { Invitation } from './invitation.entity.js';

// Neither used, revoked nor expired.
const PENDING = 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()';

/** The invitations table. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A fresh invitation replaces any earlier unused one for the same person. */
  async revokePendingFor(m: EntityManager, practiceId: string, email: string): Promise<void> {
    await m.query(
      `UPDATE invitations SET revoked_at = now()
        WHERE practice_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [practiceId, email],
    );
  }

  insert(
    m: EntityManager,
    i: Pick<
      Invitation,
      | 'practiceId'
      | 'tokenHash'
      | 'kind'
      | 'email'
      | 'displayName'
      | 'roles'
      | 'clientId'
      | 'invitedByUserId'
      | 'expiresAt'
    >,
  ): Promise<Invitation> {
    return m.save(m.create(Invitation, i));
  }

  /** Pending invitations the scope sees, newest first (keyset on created_at, id). */
  page(s: InvitationScope, after: (string | number)[] | null, limit: number) {
    return this.ds
      .createQueryBuilder(Invitation, 'i')
      .where('i.practice_id = :p', { p: s.practiceId })
      .andWhere(PENDING)
      .andWhere(
        `(CAST(:by AS uuid) IS NULL OR i.invited_by_user_id = :by
          OR i.client_id IN (SELECT id FROM clients WHERE primary_therapist_id = :mem))`,
        { by: s.invitedBy, mem: s.caseload },
      )
      .andWhere(
        '(CAST(:c0 AS timestamptz) IS NULL OR (i.created_at, i.id) < (:c0::timestamptz, :c1::uuid))',
        { c0: after?.[0] ?? null, c1: after?.[1] ?? null },
      )
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** How many invitations the scope has pending. */
  async pendingCount(s: InvitationScope): Promise<number> {
    const [row] = await this.ds.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM invitations i
        WHERE i.practice_id = $1 AND ${PENDING} AND ($2::uuid IS NULL OR i.invited_by_user_id = $2)`,
      [s.practiceId, s.invitedBy],
    );
    return row.n;
  }

  find(id: string, practiceId: string): Promise<Invitation | null> {
    return this.ds.manager.findOneBy(Invitation, { id, practiceId });
  }

  async revoke(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE invitations SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [
      id,
    ]);
  }

  /** The pending invitation for a token (with its practice), optionally locked; null if none. */
  pending(tokenHash: Buffer, m: EntityManager, lock: boolean): Promise<Invitation | null> {
    const qb = m
      .createQueryBuilder(Invitation, 'i')
      .innerJoinAndSelect('i.practice', 'p')
      .where('i.token_hash = :h', { h: tokenHash })
      .andWhere(PENDING);
    if (lock) qb.setLock('pessimistic_write', undefined, ['i']);
    return qb.getOne();
  }

  async markAccepted(m: EntityManager, id: string): Promise<void> {
    await m.update(Invitation, { id }, { acceptedAt: () => 'now()' });
  }
}
