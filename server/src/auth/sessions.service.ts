import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Role, SESSION, type StaffRole } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthContext, SessionResolver } from '../common/auth-context.js';
import { AuthSession } from './auth-session.entity.js';
import { hashToken, newToken } from './tokens.js';

// Refresh last_seen_at at most this often, to keep reads cheap.
const TOUCH_EVERY_MS = 60 * 1000;

interface SessionRow {
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

@Injectable()
export class SessionsService implements SessionResolver {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async create(
    userId: string,
    meta: { ip: string | null; userAgent: string | null },
    manager: EntityManager = this.ds.manager,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION.absoluteMs);
    await manager.insert(AuthSession, {
      userId,
      tokenHash: hashToken(token),
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
    });
    return { token, expiresAt };
  }

  /** Resolves a cookie token to the caller, enforcing idle and absolute expiry and deactivation. */
  async resolve(token: string | undefined, ip: string | null): Promise<AuthContext | null> {
    if (!token || token.length > 200) return null;
    const rows: SessionRow[] = await this.ds.query(
      `SELECT s.id AS session_id, u.id AS user_id, u.email, u.display_name, s.last_seen_at,
              m.id AS member_id, m.practice_id AS member_practice_id, m.roles,
              c.id AS client_id, c.practice_id AS client_practice_id
         FROM auth_sessions s
         JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN clients c ON c.user_id = u.id AND c.status = 'active'
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => $2)`,
      [hashToken(token), SESSION.idleMs / 1000],
    );
    const row = rows[0];
    if (!row) return null;
    const practiceId = row.member_practice_id ?? row.client_practice_id;
    if (!practiceId) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.ds.query('UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1', [
        row.session_id,
      ]);
    }
    const roles: Role[] = row.member_id ? [...(row.roles ?? [])] : ['client'];
    return {
      userId: row.user_id,
      sessionId: row.session_id,
      email: row.email,
      displayName: row.display_name,
      practiceId,
      roles,
      memberId: row.member_id,
      clientId: row.member_id ? null : row.client_id,
      ip,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.ds.query(
      'UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [sessionId],
    );
  }

  /** Ends every session of a user at once (deactivation, password change). */
  async revokeAllForUser(userId: string, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.query(
      'UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
  }
}
