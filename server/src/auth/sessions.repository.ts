import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StaffRole } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { run, statement } from '../database/statements.js';
import { AuthSession } from './auth-session.entity.js';

export interface SessionRow {
  session_id: string;
  user_id: string;
  email: string;
  display_name: string;
  last_seen_at: Date;
  member_id: string | null;
  member_practice_id: string | null;
  roles: StaffRole[] | null;
  client_id: string | null;
  client_practice_id: string | null;
}

/** A live session by token hash ($1) and idle limit in seconds ($2), with its user's roles. */
export const LIVE_SESSION = statement(
  'auth_session_live',
  `SELECT s.id AS session_id, u.id AS user_id, u.email, u.display_name, s.last_seen_at,
         m.id AS member_id, m.practice_id AS member_practice_id, m.roles,
         c.id AS client_id, c.practice_id AS client_practice_id
    FROM auth_sessions s
    JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
    LEFT JOIN memberships m ON m.user_id = u.id
    LEFT JOIN clients c ON c.user_id = u.id AND c.status = 'active'
   WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(secs => $2)`,
);

const TOUCH = statement(
  'auth_session_touch',
  'UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1',
);

/** The auth_sessions table. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    s: Pick<AuthSession, 'userId' | 'tokenHash' | 'lastSeenAt' | 'expiresAt' | 'ip' | 'userAgent'>,
    m: EntityManager = this.ds.manager,
  ): Promise<void> {
    await m.insert(AuthSession, s);
  }

  /** A live session (not revoked, not expired, not idle too long) with its user's roles. */
  async live(tokenHash: Buffer, idleSeconds: number): Promise<SessionRow | null> {
    const [row] = await run<SessionRow>(this.ds, LIVE_SESSION, [tokenHash, idleSeconds]);
    return row ?? null;
  }

  async touch(id: string): Promise<void> {
    await run(this.ds, TOUCH, [id]);
  }

  async revoke(id: string): Promise<void> {
    await this.ds.query(
      'UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [id],
    );
  }

  async revokeAllForUser(userId: string, m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(
      'UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
  }
}
