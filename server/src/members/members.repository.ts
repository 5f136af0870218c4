import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberSummary, StaffRole } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Membership } from './membership.entity.js';

export interface MemberRow {
  id: string;
  user_id: string;
  email: string;
  display_name: string;
  roles: StaffRole[];
  disabled_at: Date | null;
  created_at: Date;
}

/** A therapist as booking and scheduling need them. */
export interface TherapistRecord {
  id: string;
  displayName: string;
  email: string;
  active: boolean;
}

const SELECT = `SELECT m.id, m.user_id, u.email, u.display_name, m.roles, u.disabled_at, m.created_at
                  FROM memberships m JOIN users u ON u.id = m.user_id`;

export function toMemberSummary(r: MemberRow): MemberSummary {
  return {
    id: r.id,
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    account: r.disabled_at ? 'disabled' : 'active',
    createdAt: r.created_at.toISOString(),
  };
}

/** The memberships table (staff of a practice). */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A page of the practice's members by name: one query whatever the practice size. */
  page(practiceId: string, after: (string | number)[] | null, limit: number) {
    return this.ds.query<MemberRow[]>(
      `${SELECT} WHERE m.practice_id = $1
          AND ($3::text IS NULL OR (lower(u.display_name), m.id) > ($3, $4::uuid))
        ORDER BY lower(u.display_name), m.id LIMIT $2`,
      [practiceId, limit, after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  async find(
    practiceId: string,
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<MemberRow | null> {
    const [row] = await m.query<MemberRow[]>(`${SELECT} WHERE m.id = $1 AND m.practice_id = $2`, [
      id,
      practiceId,
    ]);
    return row ?? null;
  }

  /** A member with the therapist role in the practice, or null. */
  async therapist(
    practiceId: string,
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<TherapistRecord | null> {
    const [row] = await m.query<
      { id: string; display_name: string; email: string; active: boolean }[]
    >(
      `SELECT m.id, u.display_name, u.email, u.disabled_at IS NULL AS active
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.id = $1 AND m.practice_id = $2 AND 'therapist' = ANY(m.roles)`,
      [id, practiceId],
    );
    return row
      ? { id: row.id, displayName: row.display_name, email: row.email, active: row.active }
      : null;
  }

  async insert(
    m: EntityManager,
    practiceId: string,
    userId: string,
    roles: StaffRole[],
  ): Promise<Membership> {
    return m.save(m.create(Membership, { practiceId, userId, roles }));
  }

  async setRoles(m: EntityManager, id: string, roles: StaffRole[]): Promise<void> {
    await m.query('UPDATE memberships SET roles = $1 WHERE id = $2', [roles, id]);
  }

  /** Active members of the practice (with an active login), and how many of them are admins. */
  async counts(
    practiceId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<{ active: number; admins: number }> {
    const [row] = await m.query<[{ active: number; admins: number }]>(
      `SELECT count(*)::int AS active, count(*) FILTER (WHERE 'admin' = ANY(m.roles))::int AS admins
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.practice_id = $1 AND u.disabled_at IS NULL`,
      [practiceId],
    );
    return row;
  }
}
