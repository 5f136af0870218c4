import { HttpStatus, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import { type Limits, SignInThrottleRepository } from './sign-in-throttle.repository.js';

export interface Bucket {
  key: string;
  limits: Limits;
}

/** "about 3 minutes", "45 seconds": how long to wait, in plain words. */
export function waitWords(seconds: number): string {
  return seconds < 60
    ? `${seconds} second${seconds === 1 ? '' : 's'}`
    : seconds < 90
      ? 'about a minute'
      : `about ${Math.round(seconds / 60)} minutes`;
}

/**
 * Sign-in's throttle (issue 9: one atomic statement per bucket in `sign_in_throttles`, exponential
 * waits past the free attempts, shared by every app instance) for the other doors: reset links,
 * codes of the second step, the current password. Buckets: `reset:<email>`, `mfa:<user id>`,
 * `password:<user id>`, and sign-in's own `ip:<address>`.
 */
@Injectable()
export class AttemptThrottle {
  constructor(private readonly throttle: SignInThrottleRepository) {}

  /** One account's attempts: 5 free, then 15 s, 30 s, ... up to 15 minutes (sign-in's limits). */
  account(key: string): Bucket {
    return { key, limits: this.throttle.account };
  }

  /** One address's attempts, with sign-in's own per-address bucket and limits. */
  ip(ip: string | null): Bucket[] {
    return ip ? [{ key: `ip:${ip}`, limits: this.throttle.ip }] : [];
  }

  /**
   * Counts one attempt in every bucket, or, if one is waiting, none (what was counted is given
   * back) and throws 429 with Retry-After after `onRefused` (to audit it).
   */
  async charge(
    buckets: Bucket[],
    message: (wait: string) => string,
    onRefused: (retryAfterS: number, bucket: string) => Promise<void>,
  ): Promise<void> {
    const charged: Bucket[] = [];
    for (const b of buckets) {
      const r = await this.throttle.reserve(b.key, b.limits);
      if (!r.ok) {
        for (const c of charged) await this.throttle.refund(c.key, c.limits);
        await onRefused(r.retryAfterS, b.key.split(':')[0]!);
        throw new AppError(
          HttpStatus.TOO_MANY_REQUESTS,
          'too_many_requests',
          message(waitWords(r.retryAfterS)),
          { retryAfter: r.retryAfterS },
        );
      }
      charged.push(b);
    }
  }

  /** A success: an account's count starts over; an address gets its attempt back. */
  async succeeded(buckets: Bucket[]): Promise<void> {
    for (const b of buckets) {
      if (b.key.startsWith('ip:')) await this.throttle.refund(b.key, b.limits);
      else await this.throttle.reset(b.key);
    }
  }

  /** Starts an account's count over (its password was just reset). */
  async forget(key: string): Promise<void> {
    await this.throttle.reset(key);
  }
}
