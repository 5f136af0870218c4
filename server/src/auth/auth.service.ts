import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LOGIN_LOCKOUT, type MeResponse } from '@attune/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Practice } from '../practices/practice.entity.js';
import { toPracticeSummary } from '../practices/practices.service.js';
import { dummyHash, verifyPassword } from './passwords.js';

export interface VerifiedUser {
  id: string;
  practiceId: string | null;
}

const BAD_CREDENTIALS =
  "That email and password don't match our records. Please check them and try again.";

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Checks a sign-in attempt, with per-account and per-IP lockout. Every outcome is audited. */
  async verifyCredentials(
    emailRaw: string,
    password: string,
    ip: string | null,
  ): Promise<VerifiedUser> {
    const email = emailRaw.trim().toLowerCase();
    const [counts] = (await this.ds.query(
      `SELECT count(*) FILTER (WHERE meta->>'email' = $1)::int AS by_email,
              count(*) FILTER (WHERE ip = $2)::int AS by_ip
         FROM audit_events
        WHERE action = 'auth.login.failure' AND created_at > now() - make_interval(secs => $3)`,
      [email, ip, LOGIN_LOCKOUT.windowMs / 1000],
    )) as { by_email: number; by_ip: number }[];
    if (
      counts!.by_email >= LOGIN_LOCKOUT.maxFailures ||
      counts!.by_ip >= LOGIN_LOCKOUT.maxFailuresPerIp
    ) {
      await this.audit.record({ action: 'auth.login.locked', ip, meta: { email } });
      throw new AppError(
        HttpStatus.TOO_MANY_REQUESTS,
        'Too many sign-in attempts. For your safety, sign-in is paused for 15 minutes. ' +
          'You can try again then, or ask your practice to help.',
      );
    }

    const [user] = (await this.ds.query(
      `SELECT u.id, u.password_hash, u.disabled_at, coalesce(m.practice_id, c.practice_id) AS practice_id
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN clients c ON c.user_id = u.id
        WHERE u.email = $1`,
      [email],
    )) as {
      id: string;
      password_hash: string;
      disabled_at: Date | null;
      practice_id: string | null;
    }[];

    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    if (!user || !ok || user.disabled_at) {
      await this.audit.record({
        action: 'auth.login.failure',
        practiceId: user?.practice_id ?? null,
        actorUserId: user?.id ?? null,
        ip,
        meta: { email, reason: !user ? 'unknown_email' : !ok ? 'bad_password' : 'disabled' },
      });
      throw new AppError(HttpStatus.UNAUTHORIZED, BAD_CREDENTIALS);
    }
    return { id: user.id, practiceId: user.practice_id };
  }

  async me(auth: AuthContext): Promise<MeResponse> {
    const practice = await this.ds.manager.findOneByOrFail(Practice, { id: auth.practiceId });
    return {
      user: { id: auth.userId, email: auth.email, displayName: auth.displayName },
      practice: toPracticeSummary(practice),
      roles: auth.roles,
      clientId: auth.clientId,
      memberId: auth.memberId,
    };
  }
}
