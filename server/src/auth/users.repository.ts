import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/** What a sign-in checks: the hash, whether the login is on, and its practice (staff or client). */
export interface Credentials {
  id: string;
  password_hash: string;
  disabled_at: Date | null;
  practice_id: string | null;
}

/** The users table (logins). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async credentials(email: string): Promise<Credentials | null> {
    const [row] = await this.ds.query<Credentials[]>(
      `SELECT u.id, u.password_hash, u.disabled_at, coalesce(m.practice_id, c.practice_id) AS practice_id
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN clients c ON c.user_id = u.id
        WHERE u.email = $1`,
      [email],
    );
    return row ?? null;
  }

  /** A login's password hash and email, by id (changing a password checks the current one). */
  async passwordOf(id: string): Promise<{ email: string; password_hash: string } | null> {
    const [row] = await this.ds.query<{ email: string; password_hash: string }[]>(
      'SELECT email, password_hash FROM users WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  /** Who a reset link would go to: an active login, its name and practice. */
  async resetTarget(email: string): Promise<{
    id: string;
    display_name: string;
    practice_id: string;
    practice_name: string;
  } | null> {
    const [row] = await this.ds.query<
      { id: string; display_name: string; practice_id: string; practice_name: string }[]
    >(
      `SELECT u.id, u.display_name, p.id AS practice_id, p.name AS practice_name
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN clients c ON c.user_id = u.id AND c.status = 'active'
         JOIN practices p ON p.id = coalesce(m.practice_id, c.practice_id)
        WHERE u.email = $1 AND u.disabled_at IS NULL`,
      [email],
    );
    return row ?? null;
  }

  /** A login's email and practice, for mail about their account. */
  async contact(
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<{ email: string; display_name: string; practice_id: string | null }> {
    const [row] = await m.query<
      [{ email: string; display_name: string; practice_id: string | null }]
    >(
      `SELECT u.email, u.display_name, coalesce(mm.practice_id, c.practice_id) AS practice_id
         FROM users u
         LEFT JOIN memberships mm ON mm.user_id = u.id
         LEFT JOIN clients c ON c.user_id = u.id
        WHERE u.id = $1`,
      [id],
    );
    return row;
  }

  async setPassword(m: EntityManager, id: string, passwordHash: string): Promise<void> {
    await m.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
      id,
      passwordHash,
    ]);
  }

  exists(email: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    return m.existsBy(User, { email });
  }

  insert(
    m: EntityManager,
    user: { email: string; displayName: string; passwordHash: string },
  ): Promise<User> {
    return m.save(m.create(User, user));
  }

  /** Turns a login off (keeping the first time) or back on. */
  async setActive(m: EntityManager, id: string, active: boolean): Promise<void> {
    await m.query(
      `UPDATE users SET disabled_at = CASE WHEN $2 THEN NULL ELSE coalesce(disabled_at, now()) END,
              updated_at = now() WHERE id = $1`,
      [id, active],
    );
  }
}
