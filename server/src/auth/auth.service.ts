import { HttpStatus, Injectable } from '@nestjs/common';
import type { MeResponse } from '@attune/shared';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { HOUR_MS, PeriodicJobs } from '../notifications/periodic-jobs.service.js';
import { PracticesRepository } from '../practices/practices.repository.js';
import { DeviceCookies } from './device-cookies.js';
import { dummyHash, verifyPassword } from './passwords.js';
import { type Limits, SignInThrottleRepository } from './sign-in-throttle.repository.js';
import { UsersRepository } from './users.repository.js';

export interface VerifiedUser {
  id: string;
  practiceId: string | null;
}

const BAD_CREDENTIALS =
  "That email and password don't match our records. Please check them and try again.";

/** "about 3 minutes", "45 seconds": how long to wait, in plain words. */
function throttledMessage(seconds: number): string {
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : seconds < 90
        ? 'about a minute'
        : `about ${Math.round(seconds / 60)} minutes`;
  return `Too many sign-in attempts. For your safety, please wait ${wait} and try again, or ask your practice for help.`;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly practices: PracticesRepository,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottleRepository,
    private readonly devices: DeviceCookies,
    jobs: PeriodicJobs,
  ) {
    // Once an hour across every instance (it used to be per process, on sign-in).
    jobs.register({
      name: 'auth.prune-sign-in-throttles',
      everyMs: HOUR_MS,
      run: (m) => this.throttle.prune(m),
    });
  }

  /**
   * Checks a sign-in attempt. Each attempt is counted before the password is checked: in the
   * bucket of a device that signed in to this account before (its cookie), else in the account's
   * bucket and the peer address's. Past the free attempts, each bucket waits longer and longer
   * (429 with Retry-After). Every attempt is audited with the peer address.
   */
  async verifyCredentials(
    emailRaw: string,
    password: string,
    ip: string | null,
    deviceCookie?: string,
  ): Promise<VerifiedUser> {
    const email = emailRaw.trim().toLowerCase();
    const user = await this.users.credentials(email);

    const nonce = user ? this.devices.trustedNonce(deviceCookie, user.id) : null;
    const { account, ip: perIp } = this.throttle;
    const buckets: { key: string; limits: Limits }[] = nonce
      ? [{ key: `device:${nonce}`, limits: account }]
      : [
          ...(ip ? [{ key: `ip:${ip}`, limits: perIp }] : []),
          { key: `account:${email}`, limits: account },
        ];
    const via = nonce ? 'device' : 'account';
    const charged: typeof buckets = [];
    for (const b of buckets) {
      const r = await this.throttle.reserve(b.key, b.limits);
      if (!r.ok) {
        // Not checked, so not counted anywhere.
        for (const c of charged) await this.throttle.refund(c.key, c.limits);
        await this.audit.record({
          action: 'auth.login.throttled',
          practiceId: user?.practice_id ?? null,
          actorUserId: user?.id ?? null,
          ip,
          meta: { email, via, bucket: b.key.split(':')[0], retryAfterSeconds: r.retryAfterS },
        });
        throw new AppError(
          HttpStatus.TOO_MANY_REQUESTS,
          'sign_in_throttled',
          throttledMessage(r.retryAfterS),
          {
            retryAfter: r.retryAfterS,
          },
        );
      }
      charged.push(b);
    }

    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    if (!user || !ok || user.disabled_at) {
      await this.audit.record({
        action: 'auth.login.failure',
        practiceId: user?.practice_id ?? null,
        actorUserId: user?.id ?? null,
        ip,
        meta: {
          email,
          via,
          reason: !user ? 'unknown_email' : !ok ? 'bad_password' : 'disabled',
        },
      });
      throw new AppError(HttpStatus.UNAUTHORIZED, 'bad_credentials', BAD_CREDENTIALS);
    }
    for (const b of charged) {
      if (b.key.startsWith('ip:')) await this.throttle.refund(b.key, b.limits);
      else await this.throttle.reset(b.key);
    }
    return { id: user.id, practiceId: user.practice_id };
  }

  async me(auth: AuthContext): Promise<MeResponse> {
    return {
      user: { id: auth.userId, email: auth.email, displayName: auth.displayName },
      practice: await this.practices.summary(auth.practiceId),
      roles: auth.roles,
      clientId: auth.clientId,
      memberId: auth.memberId,
      mfa: {
        enabled: auth.assurance?.mfaEnabled ?? false,
        setupRequired: auth.assurance?.pending === 'mfa_setup',
      },
    };
  }
}
