import { Inject, Injectable } from '@nestjs/common';
import { type LoginResponse, type MeResponse, SESSION } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CsrfTokens } from '../common/csrf.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { AuthService } from './auth.service.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, DeviceCookies } from './device-cookies.js';
import { SESSION_COOKIE } from '../common/auth-context.js';
import { MfaRepository } from './mfa.repository.js';
import { SessionsService } from './sessions.service.js';

/** What a sign-in whose password was right hears when a code comes next. */
export const MFA_NEXT = 'Your password is right. Now enter the code from your authenticator app.';

/** Starts and ends login sessions: the cookie, the session row and the audit event together. */
@Injectable()
export class SignInService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly csrf: CsrfTokens,
    private readonly devices: DeviceCookies,
    private readonly mfa: MfaRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A sign-in whose password was just checked (the login form, a finished password reset): a
   * complete session, or, when the account has a second step, a session waiting for its code.
   */
  async signInWithPassword(
    req: FastifyRequest,
    reply: FastifyReply,
    user: { id: string; practiceId: string | null },
    how: string,
    manager?: EntityManager,
  ): Promise<{ token: string; response: () => Promise<LoginResponse> }> {
    const mfaPending = !!(await this.mfa.find(user.id, manager))?.confirmed_at;
    const { token } = await this.signIn(req, reply, user, how, manager, { mfaPending });
    return {
      token,
      // Read back after the caller's transaction commits.
      response: async () =>
        mfaPending ? { mfaRequired: true, message: MFA_NEXT } : this.meFor(token, req),
    };
  }

  async signIn(
    req: FastifyRequest,
    reply: FastifyReply,
    user: { id: string; practiceId: string | null },
    how: string,
    manager?: EntityManager,
    opts: { mfaPending?: boolean } = {},
  ): Promise<{ token: string }> {
    const { token } = await this.sessions.create(
      user.id,
      {
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        mfaPending: opts.mfaPending,
      },
      manager,
    );
    await this.audit.record(
      {
        action: 'auth.login.success',
        practiceId: user.practiceId,
        actorUserId: user.id,
        ip: req.ip,
        // The password step: with a second step, auth.mfa.success follows when the code arrives.
        meta: opts.mfaPending ? { how, secondStep: 'pending' } : { how },
      },
      manager,
    );
    this.setSessionCookie(req, reply, token);
    // This browser has now signed in to this account: its later attempts count on their own.
    void reply.setCookie(DEVICE_COOKIE, this.devices.issue(req.cookies?.[DEVICE_COOKIE], user.id), {
      path: '/api/auth',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure(req),
      maxAge: DEVICE_COOKIE_MAX_AGE_S,
    });
    return { token };
  }

  /** Sets the session cookie and a CSRF token bound to it (a new or rotated session). */
  setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(req),
      maxAge: SESSION.absoluteMs / 1000,
    });
    // A new session gets a new CSRF token, bound to it.
    this.csrf.set(reply, token, this.secure(req));
  }

  /** The MeResponse for a token just issued (after its transaction committed). */
  async meFor(token: string, req: FastifyRequest): Promise<MeResponse> {
    const ctx = await this.sessions.resolve(token, req.ip ?? null);
    if (!ctx) throw new Error('A session that was just created could not be read back.');
    return this.auth.me(ctx);
  }

  clear(req: FastifyRequest, reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(req),
    });
    this.csrf.set(reply, null, this.secure(req));
  }

  secure(req: FastifyRequest): boolean {
    return this.config.cookieSecure ?? req.protocol === 'https';
  }
}
