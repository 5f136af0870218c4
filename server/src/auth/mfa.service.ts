import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MeResponse, MfaStatus, RecoveryCodesResponse, TotpEnrolment } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, conflict } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { MembersRepository } from '../members/members.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PracticesRepository } from '../practices/practices.repository.js';
import { AttemptThrottle } from './attempt-throttle.js';
import { AuthService } from './auth.service.js';
import { MfaRepository, type MfaRow } from './mfa.repository.js';
import {
  hashRecoveryCode,
  matchRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
} from './recovery-codes.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import {
  checkTotp,
  newTotpSecret,
  type TotpCheck,
  otpauthUrl,
  qrCodeDataUrl,
  TotpSecrets,
} from './totp.js';
import { UsersRepository } from './users.repository.js';

type Purpose = 'sign_in' | 'step_up' | 'enrol' | 'recovery_codes';
type Method = 'totp' | 'recovery_code';

const WRONG = "That code didn't work. Check the app and try the newest code.";
const USED =
  'That code was just used. Wait for the next code in your app (it changes every 30 seconds).';
const NOT_ENABLED = 'There is no second sign-in step set up on this account.';

const codeError = (replayed: boolean, recovery: boolean) =>
  new AppError(
    HttpStatus.UNAUTHORIZED,
    replayed ? 'mfa_code_used' : 'mfa_code_invalid',
    replayed
      ? USED
      : recovery
        ? "That recovery code didn't work. Each recovery code works once."
        : WRONG,
    { fields: { code: replayed ? USED : WRONG } },
  );

/**
 * The second step: TOTP (otplib, ±1 step, no code twice) with ten single-use recovery codes.
 * Enrolment, the code at sign-in, step-up, new recovery codes, turning it off, and an admin's
 * reset. Every enrolment, use, failure and reset is audited.
 */
@Injectable()
export class MfaService {
  private readonly box: TotpSecrets;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly mfa: MfaRepository,
    private readonly sessions: SessionsService,
    private readonly signIn: SignInService,
    private readonly authService: AuthService,
    private readonly throttle: AttemptThrottle,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly access: AccessPolicy,
    private readonly members: MembersRepository,
    private readonly clients: ClientsRepository,
    private readonly practices: PracticesRepository,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new TotpSecrets(config.sessionSecret!);
  }

  async status(auth: AuthContext): Promise<MfaStatus> {
    const row = await this.mfa.find(auth.userId);
    const enabled = !!row?.confirmed_at;
    return {
      enabled,
      required: auth.memberId !== null && (await this.practiceRequires(auth)),
      enabledAt: row?.confirmed_at?.toISOString() ?? null,
      recoveryCodesLeft: enabled ? await this.mfa.recoveryCodesLeft(auth.userId) : 0,
      steppedUpAt: auth.assurance?.steppedUpAt?.toISOString() ?? null,
    };
  }

  /** A new secret for an authenticator app (again, until it is confirmed with a first code). */
  async startEnrolment(auth: AuthContext): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    if (!(await this.mfa.startEnrolment(auth.userId, this.box.seal(secret))))
      throw conflict(
        'mfa_already_enabled',
        'A second step is already set up. To use a new phone, turn it off first, then set it up again.',
      );
    await this.audit.byCaller(auth, 'auth.mfa.enrol.start', {
      entityType: 'user',
      entityId: auth.userId,
    });
    const url = otpauthUrl(secret, auth.email);
    return {
      secret,
      otpauthUrl: url,
      qrCodeDataUrl: await qrCodeDataUrl(url),
      issuer: 'Attune',
      accountName: auth.email,
    };
  }

  /**
   * The first code from the app confirms the enrolment: ten recovery codes (shown once), every
   * other session ends, and this one goes on as 'mfa' with a new token.
   */
  async confirmEnrolment(
    auth: AuthContext,
    code: string,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<RecoveryCodesResponse> {
    const row = await this.mfa.find(auth.userId);
    if (!row || row.confirmed_at)
      throw conflict(
        row ? 'mfa_already_enabled' : 'mfa_not_enabled',
        row ? 'A second step is already set up.' : 'Start setting up the second step first.',
      );
    const bucket = await this.charge(auth, 'enrol');
    const step = await this.totpStep(auth, row, code, 'enrol');
    const codes = newRecoveryCodes();
    const token = await this.ds.transaction(async (m) => {
      if (!(await this.mfa.acceptStep(m, auth.userId, step, true))) return null;
      await this.mfa.replaceRecoveryCodes(
        m,
        auth.userId,
        codes.map((c) => hashRecoveryCode(auth.userId, normaliseRecoveryCode(c)!)),
      );
      const ended = await this.sessions.revokeOthers(auth.userId, auth.sessionId, m);
      const token = await this.sessions.rotate(m, auth.sessionId, { secondStep: true });
      await this.audit.byCaller(
        auth,
        'auth.mfa.enrol.confirm',
        { entityType: 'user', entityId: auth.userId, meta: { otherSessionsEnded: ended } },
        m,
      );
      await this.notice(m, auth, 'mfa_enabled', 'A second sign-in step is now on', [
        'A second sign-in step was just turned on for your Attune account. From now on, signing in ',
        'asks for a code from your authenticator app after your password.',
      ]);
      return token;
    });
    if (!token) throw await this.failed(auth, 'enrol', 'totp', 'replayed');
    await this.throttle.succeeded([bucket]);
    this.signIn.setSessionCookie(req, reply, token);
    return { recoveryCodes: codes };
  }

  /**
   * A code (TOTP or recovery code): finishes a sign-in waiting for it (the session goes on as
   * 'mfa' with a new token), or steps up a signed-in session for the next few minutes.
   */
  async challenge(
    auth: AuthContext,
    code: string,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<MeResponse> {
    const row = await this.mfa.find(auth.userId);
    if (!row?.confirmed_at) throw conflict('mfa_not_enabled', NOT_ENABLED);
    const purpose: Purpose = auth.assurance?.pending === 'mfa' ? 'sign_in' : 'step_up';
    const bucket = await this.charge(auth, purpose);
    const recovery = !/^\d{6}$/.test(code.replace(/\s/g, ''));
    let use: (m: EntityManager) => Promise<boolean>;
    if (recovery) {
      const normalised = normaliseRecoveryCode(code);
      const id = normalised
        ? matchRecoveryCode(
            hashRecoveryCode(auth.userId, normalised),
            await this.mfa.unusedRecoveryCodes(auth.userId),
          )
        : null;
      if (!id) throw await this.failed(auth, purpose, 'recovery_code', 'wrong_code');
      use = (m) => this.mfa.useRecoveryCode(m, id);
    } else {
      const step = await this.totpStep(auth, row, code.replace(/\s/g, ''), purpose);
      use = (m) => this.mfa.acceptStep(m, auth.userId, step);
    }
    const method: Method = recovery ? 'recovery_code' : 'totp';
    const outcome = await this.ds.transaction(async (m) => {
      if (!(await use(m))) return null;
      const token =
        purpose === 'sign_in'
          ? await this.sessions.rotate(m, auth.sessionId, { secondStep: true })
          : null;
      if (!token) await this.sessions.steppedUp(m, auth.sessionId);
      await this.audit.byCaller(
        auth,
        'auth.mfa.success',
        { entityType: 'user', entityId: auth.userId, meta: { purpose, method } },
        m,
      );
      if (recovery)
        await this.audit.byCaller(
          auth,
          'auth.mfa.recovery_code.used',
          { entityType: 'user', entityId: auth.userId, meta: { purpose } },
          m,
        );
      return { token };
    });
    // Lost a race to the same code (or recovery code) a moment ago.
    if (!outcome)
      throw await this.failed(auth, purpose, method, recovery ? 'wrong_code' : 'replayed');
    await this.throttle.succeeded([bucket]);
    if (outcome.token) {
      this.signIn.setSessionCookie(req, reply, outcome.token);
      return this.signIn.meFor(outcome.token, req);
    }
    return this.authService.me(auth);
  }

  /** Ten new recovery codes (the old ones stop working), for a fresh code from the app. */
  async regenerateRecoveryCodes(auth: AuthContext, code: string): Promise<RecoveryCodesResponse> {
    const row = await this.mfa.find(auth.userId);
    if (!row?.confirmed_at) throw conflict('mfa_not_enabled', NOT_ENABLED);
    const bucket = await this.charge(auth, 'recovery_codes');
    const step = await this.totpStep(auth, row, code.replace(/\s/g, ''), 'recovery_codes');
    const codes = newRecoveryCodes();
    const ok = await this.ds.transaction(async (m) => {
      if (!(await this.mfa.acceptStep(m, auth.userId, step))) return false;
      await this.mfa.replaceRecoveryCodes(
        m,
        auth.userId,
        codes.map((c) => hashRecoveryCode(auth.userId, normaliseRecoveryCode(c)!)),
      );
      await this.sessions.steppedUp(m, auth.sessionId);
      await this.audit.byCaller(
        auth,
        'auth.mfa.recovery_codes.regenerate',
        { entityType: 'user', entityId: auth.userId },
        m,
      );
      return true;
    });
    if (!ok) throw await this.failed(auth, 'recovery_codes', 'totp', 'replayed');
    await this.throttle.succeeded([bucket]);
    return { recoveryCodes: codes };
  }

  /** Turns the caller's own second step off (after a step-up; not where the practice requires it). */
  async disable(auth: AuthContext): Promise<void> {
    const row = await this.mfa.find(auth.userId);
    if (!row) throw conflict('mfa_not_enabled', NOT_ENABLED);
    if (row.confirmed_at && auth.memberId !== null && (await this.practiceRequires(auth)))
      throw conflict(
        'mfa_required_by_practice',
        'Your practice requires a second sign-in step for the team, so it stays on. ' +
          'To move it to a new phone, ask an admin to reset it, then set it up again.',
      );
    await this.ds.transaction(async (m) => {
      await this.mfa.remove(m, auth.userId);
      await this.audit.byCaller(
        auth,
        'auth.mfa.disable',
        { entityType: 'user', entityId: auth.userId, meta: { wasConfirmed: !!row.confirmed_at } },
        m,
      );
      if (row.confirmed_at)
        await this.notice(m, auth, 'mfa_disabled', 'Your second sign-in step is off', [
          'The second sign-in step of your Attune account was just turned off. Signing in now asks ',
          'for your password only. You can turn it back on from your account page at any time.',
        ]);
    });
  }

  /** An admin turns off a team member's second step (lost phone and codes): audited. */
  async resetMember(auth: AuthContext, memberId: string): Promise<void> {
    await this.access.requireAccess(auth, 'members.resetMfa', memberId);
    const member = (await this.members.find(auth.practiceId, memberId))!;
    await this.reset(auth, member.user_id, { entityType: 'membership', entityId: memberId });
  }

  /** An admin turns off a client's second step, on their request: audited. */
  async resetClient(auth: AuthContext, clientId: string): Promise<void> {
    await this.access.requireAccess(auth, 'clients.resetMfa', clientId);
    const client = (await this.clients.record(clientId))!;
    if (!client.userId) throw conflict('mfa_not_enabled', 'This client has no account yet.');
    await this.reset(auth, client.userId, { entityType: 'client', entityId: clientId, clientId });
  }

  private async reset(
    auth: AuthContext,
    userId: string,
    target: { entityType: string; entityId: string; clientId?: string },
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (!(await this.mfa.remove(m, userId)))
        throw conflict('mfa_not_enabled', 'They have no second sign-in step to reset.');
      // They sign in again with their password (and set the step up again if it is required).
      await this.sessions.revokeAllForUser(userId, m);
      await this.audit.byCaller(auth, 'auth.mfa.reset', { ...target, meta: { userId } }, m);
      const contact = await this.users.contact(userId, m);
      await this.notifications.enqueue(
        {
          practiceId: auth.practiceId,
          kind: 'mfa_reset',
          to: contact.email,
          subject: 'Your second sign-in step was reset',
          text:
            `Hello ${contact.display_name},\n\n${auth.displayName} at your practice reset the second ` +
            `sign-in step of your Attune account, and you were signed out. Next time, sign in with your ` +
            `password; you can set up the second step again from your account page.\n\n` +
            `If you did not ask for this, please let your practice know.`,
        },
        m,
      );
    });
  }

  // ---- helpers

  private async practiceRequires(auth: AuthContext): Promise<boolean> {
    return (await this.practices.find(auth.practiceId)).requireStaffMfa;
  }

  /** Counts the attempt against the user's code bucket (throttled like sign-in). */
  private async charge(auth: AuthContext, purpose: Purpose) {
    const bucket = this.throttle.account(`mfa:${auth.userId}`);
    await this.throttle.charge(
      [bucket],
      (wait) => `Too many codes tried. For your safety, please wait ${wait} and try again.`,
      (retryAfterSeconds) =>
        this.audit.byCaller(auth, 'auth.mfa.throttled', {
          entityType: 'user',
          entityId: auth.userId,
          meta: { purpose, retryAfterSeconds },
        }),
    );
    return bucket;
  }

  /** The time step of a right, unused TOTP code; otherwise the failure is audited and thrown. */
  private async totpStep(
    auth: AuthContext,
    row: MfaRow,
    code: string,
    purpose: Purpose,
  ): Promise<number> {
    const secret = this.box.open(row.secret_ciphertext);
    const last = row.last_time_step === null ? null : Number(row.last_time_step);
    const r: TotpCheck = secret
      ? await checkTotp(secret, code, last)
      : { valid: false, replayed: false };
    if (!r.valid)
      throw await this.failed(
        auth,
        purpose,
        'totp',
        !secret ? 'secret_unreadable' : r.replayed ? 'replayed' : 'wrong_code',
      );
    return r.timeStep;
  }

  private async failed(
    auth: AuthContext,
    purpose: Purpose,
    method: Method,
    reason: 'wrong_code' | 'replayed' | 'secret_unreadable',
  ): Promise<AppError> {
    await this.audit.byCaller(auth, 'auth.mfa.failure', {
      entityType: 'user',
      entityId: auth.userId,
      meta: { purpose, method, reason },
    });
    return codeError(reason === 'replayed', method === 'recovery_code');
  }

  private async notice(
    m: EntityManager,
    auth: AuthContext,
    kind: string,
    subject: string,
    lines: string[],
  ): Promise<void> {
    await this.notifications.enqueue(
      {
        practiceId: auth.practiceId,
        kind,
        to: auth.email,
        subject,
        text:
          `Hello ${auth.displayName},\n\n${lines.join('')}\n\n` +
          `If this was not you, please let your practice know right away.`,
      },
      m,
    );
  }
}
