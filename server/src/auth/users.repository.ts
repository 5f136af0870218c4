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
