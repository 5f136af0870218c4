import { Injectable } from '@nestjs/common';
import { ACCOUNT_SECURITY, type LoginSessionSummary, type Role, SESSION } from '@attune/shared';
import type { EntityManager } from 'typeorm';
import { type AuthContext, SessionResolver } from '../common/auth-context.js';
import { SessionsRepository } from './sessions.repository.js';
import { hashToken, newToken } from './tokens.js';
import { describeDevice } from './user-agent.js';

// Refresh last_seen_at at most this often, to keep reads cheap.
const TOUCH_EVERY_MS = 60 * 1000;

@Injectable()
export class SessionsService implements SessionResolver {
  constructor(private readonly sessions: SessionsRepository) {}

  /**
   * A new session. With `mfaPending` the password was right but the code is still to come: the
   * session reaches only the challenge route, and ends in a few minutes unless the code arrives.
   */
  async create(
    userId: string,
    meta: { ip: string | null; userAgent: string | null; mfaPending?: boolean },
    manager?: EntityManager,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = new Date();
    const expiresAt = new Date(
      now.getTime() + (meta.mfaPending ? ACCOUNT_SECURITY.mfaPendingTtlMs : SESSION.absoluteMs),
    );
    await this.sessions.insert(
      {
        userId,
        tokenHash: hashToken(token),
        lastSeenAt: now,
        expiresAt,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 400) ?? null,
        mfaPending: meta.mfaPending ?? false,
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
      assurance: {
        level: row.assurance,
        steppedUpAt: row.stepped_up_at,
        mfaEnabled: row.mfa_enabled,
        // A second step asked for at sign-in comes first; then the practice's requirement (staff).
        pending: row.mfa_pending
          ? 'mfa'
          : row.member_id && row.require_staff_mfa && !row.mfa_enabled
            ? 'mfa_setup'
            : null,
      },
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
  }

  /** Ends every session of a user at once (deactivation, password reset, a second step reset). */
  async revokeAllForUser(userId: string, manager?: EntityManager): Promise<void> {
    await this.sessions.revokeAllForUser(userId, manager);
  }

  /** Ends every session of the user except `keepId`; how many ended. */
  revokeOthers(userId: string, keepId: string, manager?: EntityManager): Promise<number> {
    return this.sessions.revokeOthers(userId, keepId, manager);
  }

  revokeOwn(userId: string, sessionId: string): Promise<boolean> {
    return this.sessions.revokeOwn(userId, sessionId);
  }

  /**
   * A new token for a session that goes on (after a password change, or the second step at
   * sign-in): whoever held the old cookie holds nothing. With `secondStep`, the session also
   * becomes complete and 'mfa'. The caller sets the cookie (SignInService.setSessionCookie).
   */
  async rotate(
    m: EntityManager,
    sessionId: string,
    opts: { secondStep?: boolean } = {},
  ): Promise<string> {
    const token = newToken();
    await this.sessions.rotate(
      m,
      sessionId,
      hashToken(token),
      opts.secondStep ? { expiresAt: new Date(Date.now() + SESSION.absoluteMs) } : null,
    );
    return token;
  }

  steppedUp(m: EntityManager, sessionId: string): Promise<void> {
    return this.sessions.steppedUp(m, sessionId);
  }

  /** Where the user is signed in: device in plain words and times, never an address or place. */
  async list(auth: AuthContext): Promise<LoginSessionSummary[]> {
    const rows = await this.sessions.listLive(auth.userId, SESSION.idleMs / 1000);
    return rows.map((r) => ({
      id: r.id,
      ...describeDevice(r.user_agent),
      signedInAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      current: r.id === auth.sessionId,
      assurance: r.assurance,
    }));
  }
}
