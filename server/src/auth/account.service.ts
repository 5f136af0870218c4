import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LoginSessionSummary, OtherSessionsEnded, PasswordChanged } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, badField, notFound } from '../common/errors.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { AttemptThrottle } from './attempt-throttle.js';
import type { ChangePasswordDto } from './dto/account.dto.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { UsersRepository } from './users.repository.js';

/** The signed-in person's own account: their password and where they are signed in. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly sessions: SessionsService,
    private readonly signIn: SignInService,
    private readonly throttle: AttemptThrottle,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Changes the password after checking the current one (counted like sign-in attempts), ends
   * every other session, and gives this one a new token (set as the cookie here).
   */
  async changePassword(
    auth: AuthContext,
    dto: ChangePasswordDto,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<PasswordChanged> {
    const buckets = [this.throttle.account(`password:${auth.userId}`)];
    await this.throttle.charge(
      buckets,
      (wait) => `Too many tries with the current password. Please wait ${wait} and try again.`,
      (retryAfterSeconds) =>
        this.audit.byCaller(auth, 'auth.password.change.failure', {
          entityType: 'user',
          entityId: auth.userId,
          meta: { reason: 'throttled', retryAfterSeconds },
        }),
    );
    const current = await this.users.passwordOf(auth.userId);
    if (!current || !(await verifyPassword(current.password_hash, dto.currentPassword))) {
      await this.audit.byCaller(auth, 'auth.password.change.failure', {
        entityType: 'user',
        entityId: auth.userId,
        meta: { reason: 'wrong_current_password' },
      });
      throw new AppError(
        HttpStatus.BAD_REQUEST,
        'current_password_wrong',
        "That isn't your current password. Please check it and try again.",
        { fields: { currentPassword: "That isn't your current password." } },
      );
    }
    await this.throttle.succeeded(buckets);
    if (dto.newPassword === dto.currentPassword)
      throw badField('newPassword', 'Choose a password different from your current one');
    const passwordHash = await hashPassword(dto.newPassword);
    const { token, ended } = await this.ds.transaction(async (m) => {
      await this.users.setPassword(m, auth.userId, passwordHash);
      await this.resets.retireAll(m, auth.userId);
      const ended = await this.sessions.revokeOthers(auth.userId, auth.sessionId, m);
      const token = await this.sessions.rotate(m, auth.sessionId);
      await this.audit.byCaller(
        auth,
        'auth.password.change',
        { entityType: 'user', entityId: auth.userId, meta: { otherSessionsEnded: ended } },
        m,
      );
      // If it was not them, the owner hears of it at their address.
      await this.notifications.enqueue(
        {
          practiceId: auth.practiceId,
          kind: 'password_changed',
          to: auth.email,
          subject: 'Your Attune password was changed',
          text:
            `Hello ${auth.displayName},\n\nThe password of your Attune account was just changed, ` +
            `and any other devices were signed out.\n\nIf you did this, there is nothing else to do. ` +
            `If you did not, choose a new password now with "Forgot password?" on the sign-in page, ` +
            `and let your practice know.`,
        },
        m,
      );
      return { token, ended };
    });
    this.signIn.setSessionCookie(req, reply, token);
    return { otherSessionsEnded: ended };
  }

  listSessions(auth: AuthContext): Promise<LoginSessionSummary[]> {
    return this.sessions.list(auth);
  }

  /** Signs out one of the caller's sessions (this one too, like signing out). */
  async signOutSession(
    auth: AuthContext,
    sessionId: string,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    if (!(await this.sessions.revokeOwn(auth.userId, sessionId))) throw notFound('That sign-in');
    const current = sessionId === auth.sessionId;
    await this.audit.byCaller(auth, 'auth.session.revoke', {
      entityType: 'auth_session',
      entityId: sessionId,
      meta: { current },
    });
    if (current) this.signIn.clear(req, reply);
  }

  async signOutOthers(auth: AuthContext): Promise<OtherSessionsEnded> {
    const ended = await this.sessions.revokeOthers(auth.userId, auth.sessionId);
    await this.audit.byCaller(auth, 'auth.session.revoke_others', {
      entityType: 'user',
      entityId: auth.userId,
      meta: { ended },
    });
    return { ended };
  }
}
