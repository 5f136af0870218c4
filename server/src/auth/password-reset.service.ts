import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACCOUNT_SECURITY, type LoginResponse, type PasswordResetPreview } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { AttemptThrottle } from './attempt-throttle.js';
import { hashPassword } from './passwords.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { hashToken, newToken } from './tokens.js';
import { UsersRepository } from './users.repository.js';

export const RESET_MAIL_KIND = 'password_reset';

/** What every request for a reset link hears, whether or not the address has an account. */
export const RESET_REQUESTED =
  "Thanks. If that email address belongs to an Attune account, we've sent it a link to choose a " +
  'new password. The link works once and expires in 30 minutes. Nothing arrived? Check your spam ' +
  'folder, or ask your practice for help.';

const GONE =
  'This reset link has expired or was already used. Each link works once, for 30 minutes. ' +
  'You can ask for a new one from the sign-in page.';

// Every request takes at least this long, known address or not, so the time it takes does not
// tell a stranger whether an account exists (the work for a known one is a few milliseconds).
const ANSWER_FLOOR_MS = 350;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Password reset by emailed link (design.md §3): single use, 30 minutes, only the token's hash
 * stored; the same answer for every address; throttled like sign-in; using it ends every session.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly sessions: SessionsService,
    private readonly signIn: SignInService,
    private readonly throttle: AttemptThrottle,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A reset link is its recipient's alone: admins do not read it in the mailbox (outside the
    // development mailbox).
    notifications.keepBodyPrivate(RESET_MAIL_KIND);
  }

  async request(emailRaw: string, ip: string | null): Promise<string> {
    const started = Date.now();
    try {
      await this.send(emailRaw.trim().toLowerCase(), ip);
      return RESET_REQUESTED;
    } finally {
      await sleep(Math.max(0, started + ANSWER_FLOOR_MS - Date.now()));
    }
  }

  private async send(email: string, ip: string | null): Promise<void> {
    const user = await this.users.resetTarget(email);
    // Counted per address asked about (known or not: the same answer) and per caller's address.
    await this.throttle.charge(
      [...this.throttle.ip(ip), this.throttle.account(`reset:${email}`)],
      (wait) =>
        `You've asked for several reset links in a short time. For your safety, please wait ${wait} and try again.`,
      (retryAfterSeconds, bucket) =>
        this.audit.record({
          action: 'auth.password_reset.throttled',
          practiceId: user?.practice_id ?? null,
          actorUserId: user?.id ?? null,
          ip,
          meta: { email, bucket, retryAfterSeconds },
        }),
    );
    if (!user) {
      await this.audit.record({
        action: 'auth.password_reset.request',
        practiceId: null,
        actorUserId: null,
        ip,
        meta: { email, known: false },
      });
      return;
    }
    const token = newToken();
    const link = `${this.config.publicUrl}/reset-password/${token}`;
    await this.ds.transaction(async (m) => {
      // Only the newest link works.
      await this.resets.retireAll(m, user.id);
      await this.resets.insert(m, {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + ACCOUNT_SECURITY.resetLinkTtlMs),
      });
      await this.audit.record(
        {
          action: 'auth.password_reset.request',
          practiceId: user.practice_id,
          actorUserId: user.id,
          entityType: 'user',
          entityId: user.id,
          ip,
          meta: { known: true },
        },
        m,
      );
      await this.notifications.enqueue(
        {
          practiceId: user.practice_id,
          kind: RESET_MAIL_KIND,
          to: email,
          subject: 'Choose a new password for Attune',
          text:
            `Hello ${user.display_name},\n\n` +
            `Someone asked to reset the password of your ${user.practice_name} account on Attune. ` +
            `If that was you, open this link to choose a new password. It works once and expires in 30 minutes:\n\n` +
            `${link}\n\n` +
            `Choosing a new password signs you out on every device, so you will sign in again with it.\n\n` +
            `If you did not ask for this, you can ignore this email. Your password stays the same.`,
        },
        m,
      );
    });
  }

  async preview(token: string): Promise<PasswordResetPreview> {
    const row = token.length <= 200 ? await this.resets.pending(hashToken(token)) : null;
    if (!row) throw new AppError(HttpStatus.NOT_FOUND, 'reset_link_gone', GONE);
    return { email: row.email, expiresAt: row.expires_at.toISOString() };
  }

  /**
   * Sets the new password and uses the link (once), ends every session of the account (nobody
   * is signed in with the old password any more), and signs this browser in: completely, or up
   * to the code when the account has a second step.
   */
  async complete(
    token: string,
    password: string,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<LoginResponse> {
    const ip = req.ip ?? null;
    const buckets = this.throttle.ip(ip);
    await this.throttle.charge(
      buckets,
      (wait) => `Too many tries. For your safety, please wait ${wait} and try again.`,
      (retryAfterSeconds, bucket) =>
        this.audit.record({
          action: 'auth.password_reset.throttled',
          practiceId: null,
          actorUserId: null,
          ip,
          meta: { bucket, retryAfterSeconds, step: 'complete' },
        }),
    );
    // A dead link costs no password hashing; the update below still decides, atomically.
    if (token.length > 200 || !(await this.resets.pending(hashToken(token))))
      throw new AppError(HttpStatus.NOT_FOUND, 'reset_link_gone', GONE);
    const passwordHash = await hashPassword(password);
    const done = await this.ds.transaction(async (m) => {
      const userId = await this.resets.consume(m, hashToken(token));
      if (!userId) return null;
      const who = await this.users.contact(userId, m);
      await this.users.setPassword(m, userId, passwordHash);
      await this.resets.retireAll(m, userId);
      await this.sessions.revokeAllForUser(userId, m);
      await this.audit.record(
        {
          action: 'auth.password_reset.complete',
          practiceId: who.practice_id,
          actorUserId: userId,
          entityType: 'user',
          entityId: userId,
          ip,
        },
        m,
      );
      const { response } = await this.signIn.signInWithPassword(
        req,
        reply,
        { id: userId, practiceId: who.practice_id },
        'password_reset',
        m,
      );
      return { email: who.email, response };
    });
    if (!done) throw new AppError(HttpStatus.NOT_FOUND, 'reset_link_gone', GONE);
    await this.throttle.succeeded(buckets);
    // Locked out by guesses before? The owner has just proved themselves by email.
    await this.throttle.forget(`account:${done.email}`);
    return done.response();
  }
}
