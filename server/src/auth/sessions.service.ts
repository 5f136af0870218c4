import { Injectable } from '@nestjs/common';
import { type Role, SESSION } from '@attune/shared';
import type { EntityManager } from 'typeorm';
import { type AuthContext, SessionResolver } from '../common/auth-context.js';
import { SessionsRepository } from './sessions.repository.js';
import { hashToken, newToken } from './tokens.js';

// Refresh last_seen_at at most this often, to keep reads cheap.
const TOUCH_EVERY_MS = 60 * 1000;

@Injectable()
export class SessionsService implements SessionResolver {
  constructor(private readonly sessions: SessionsRepository) {}

  async create(
    userId: string,
    meta: { ip: string | null; userAgent: string | null },
    manager?: EntityManager,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION.absoluteMs);
    await this.sessions.insert(
      {
        userId,
        tokenHash: hashToken(token),
        lastSeenAt: now,
        expiresAt,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 400) ?? null,
      },
      manager,
    );
    return { token, expiresAt };
  }

  /** Resolves a cookie token to the caller, enforcing idle and absolute expiry and deactivation. */
  async resolve(token: string | undefined, ip: string | null): Promise<AuthContext | null> {
    if (!token || token.length > 200) return null;
    const row = await this.sessions.live(hashToken(token), SESSION.idleMs / 1000);
    if (!row) return null;
    const practiceId = row.member_practice_id ?? row.client_practice_id;
    if (!practiceId) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(row.session_id);
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
    await this.sessions.revoke(sessionId);
  }

  /** Ends every session of a user at once (deactivation, password change). */
  async revokeAllForUser(userId: string, manager?: EntityManager): Promise<void> {
    await this.sessions.revokeAllForUser(userId, manager);
  }
}
