import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Assurance, StaffRole } from '@attune/shared';
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
  assurance: Assurance;
  mfa_pending: boolean;
  stepped_up_at: Date | null;
  mfa_enabled: boolean;
  require_staff_mfa: boolean;
}

export interface OwnSessionRow {
  id: string;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  assurance: Assurance;
}

/** A live session by token hash ($1) and idle limit in seconds ($2), with its user's roles. */
export const LIVE_SESSION = statement(
  'auth_session_live',
  `SELECT s.id AS session_id, u.id AS user_id, u.email, u.display_name, s.last_seen_at,
    m.id AS member_id, m.practice_id AS member_practice_id, m.roles,
    c.id AS client_id, c.practice_id AS client_practice_id,
    s.assurance, s.mfa_pending, s.stepped_up_at,
    f.confirmed_at IS NOT NULL AS mfa_enabled,
    coalesce(p.require_staff_mfa, false) AS require_staff_mfa
    FROM auth_sessions s
    JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
    LEFT JOIN memberships m ON m.user_id = u.id
    LEFT JOIN practices p ON p.id = m.practice_id
    LEFT JOIN clients c ON c.user_id = u.id AND c.status = 'active'
    LEFT JOIN user_mfa f ON f.user_id = u.id
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
    s: Pick<
      AuthSession,
      'userId' | 'tokenHash' | 'lastSeenAt' | 'expiresAt' | 'ip' | 'userAgent' | 'mfaPending'
    >,
    m: EntityManager = this.ds.manager,
  ): Promise<void> {
    await m.insert(AuthSession, s);
  }

  /**
   * A live session (not revoked, not expired, not idle too long) with its user's roles, its
   * assurance, whether the user has a second step and whether their practice requires one of
   * its staff. One query.
   */
  async live(tokenHash: Buffer, idleSeconds: number): Promise<SessionRow | null> {
    const [row] = await run<SessionRow>(this.ds, LIVE_SESSION, [tokenHash, idleSeconds]);
    return row ?? null;
  }

  /** The user's live, complete sessions (a sign-in waiting for its code is not one yet). */
  listLive(userId: string, idleSeconds: number): Promise<OwnSessionRow[]> {
    return this.ds.query<OwnSessionRow[]>(
      `SELECT id, user_agent, created_at, last_seen_at, assurance FROM auth_sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND NOT mfa_pending
          AND last_seen_at > now() - make_interval(secs => $2)
        ORDER BY last_seen_at DESC, id`,
      [userId, idleSeconds],
    );
  }

  /** Ends one of the user's own sessions; false when it is not theirs or already over. */
  async revokeOwn(userId: string, id: string): Promise<boolean> {
    const [, n] = await this.ds.query<[unknown[], number]>(
      `UPDATE auth_sessions SET revoked_at = now()
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [id, userId],
    );
    return n === 1;
  }

  /** Ends every session of the user but one; how many ended. */
  async revokeOthers(
    userId: string,
    keepId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<number> {
    const [, n] = await m.query<[unknown[], number]>(
      `UPDATE auth_sessions SET revoked_at = now()
        WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL AND expires_at > now()`,
      [userId, keepId],
    );
    return n;
  }

  /**
   * Gives a session a new token (the old cookie stops working), and with `secondStep` records a
   * code just entered: the session becomes 'mfa', complete, and its full lifetime starts.
   */
  async rotate(
    m: EntityManager,
    id: string,
    tokenHash: Buffer,
    secondStep: { expiresAt: Date } | null,
  ): Promise<void> {
    await m.query(
      `UPDATE auth_sessions SET token_hash = $2, last_seen_at = now(),
              assurance = CASE WHEN $3 THEN 'mfa' ELSE assurance END,
              stepped_up_at = CASE WHEN $3 THEN now() ELSE stepped_up_at END,
              mfa_pending = CASE WHEN $3 THEN false ELSE mfa_pending END,
              expires_at = coalesce($4, expires_at)
        WHERE id = $1`,
      [id, tokenHash, secondStep !== null, secondStep?.expiresAt ?? null],
    );
  }

  /** A code entered again (step-up): the session counts as 'mfa' from now. */
  async steppedUp(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE auth_sessions SET assurance = 'mfa', stepped_up_at = now() WHERE id = $1`,
      [id],
    );
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
