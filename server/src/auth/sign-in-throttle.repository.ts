import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config.js';

export interface Limits {
  /** Attempts that cost nothing; the next ones wait. */
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A bucket quiet this long starts over. */
  forgetAfterMs: number;
}

/** Either the attempt may go ahead (and is already counted), or it must wait `retryAfterS`. */
export type Reservation = { ok: true } | { ok: false; retryAfterS: number };

// The wait after the n-th counted attempt: none while n < free, then base, 2 x base, ... max.
const delaySql = (n: string) =>
  `CASE WHEN ${n} < $2 THEN 0 ELSE least($4::float8, $3::float8 * power(2, ${n} - $2)) END`;

/** The sign-in throttle buckets (`sign_in_throttles`); see SignInThrottle. */
@Injectable()
export class SignInThrottleRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get account(): Limits {
    const t = this.config.signInThrottle;
    return {
      free: t.maxFailures,
      baseDelayMs: t.baseDelayMs,
      maxDelayMs: t.maxDelayMs,
      forgetAfterMs: t.forgetAfterMs,
    };
  }

  get ip(): Limits {
    const t = this.config.signInThrottle;
    return {
      free: t.maxFailuresPerIp,
      baseDelayMs: t.baseDelayMs,
      maxDelayMs: t.maxDelayMs,
      forgetAfterMs: t.forgetIpAfterMs,
    };
  }

  /**
   * Counts one attempt against `key` unless the bucket is waiting. One statement: the row lock
   * of ON CONFLICT DO UPDATE queues parallel attempts, so exactly `free` of them go ahead.
   */
  async reserve(key: string, l: Limits): Promise<Reservation> {
    // clock_timestamp(), not now(): an attempt that waited on the row's lock while a parallel one
    // was counted must compare with the time it is checked, not the (earlier) time it began, or a
    // free attempt would be refused as if the other one's zero wait were still running.
    const forgotten = `t.updated_at < now() - make_interval(secs => $5::float8)`;
    const n = `CASE WHEN ${forgotten} THEN 1 ELSE t.failures + 1 END`;
    const rows = await this.ds.query<{ failures: number }[]>(
      `INSERT INTO sign_in_throttles AS t (key, failures, blocked_until, updated_at)
       VALUES ($1, 1, now() + make_interval(secs => (${delaySql('1')}) / 1000), now())
       ON CONFLICT (key) DO UPDATE SET
         failures = ${n},
         blocked_until = now() + make_interval(secs => (${delaySql(`(${n})`)}) / 1000),
         updated_at = now()
       WHERE t.blocked_until <= clock_timestamp() OR ${forgotten}
       RETURNING failures`,
      [key, l.free, l.baseDelayMs, l.maxDelayMs, l.forgetAfterMs / 1000],
    );
    if (rows.length) return { ok: true };
    const [row] = await this.ds.query<{ s: number }[]>(
      `SELECT greatest(1, ceil(extract(epoch FROM blocked_until - now())))::int AS s
         FROM sign_in_throttles WHERE key = $1`,
      [key],
    );
    return { ok: false, retryAfterS: row?.s ?? 1 };
  }

  /** A correct password: the account's or device's count starts over. */
  async reset(key: string): Promise<void> {
    await this.ds.query('DELETE FROM sign_in_throttles WHERE key = $1', [key]);
  }

  /** Gives back one counted attempt (a success, or an attempt another bucket refused). */
  async refund(key: string, l: Limits): Promise<void> {
    await this.ds.query(
      `UPDATE sign_in_throttles SET failures = greatest(failures - 1, 0),
              blocked_until = CASE WHEN failures - 1 < $2 THEN least(blocked_until, now()) ELSE blocked_until END
        WHERE key = $1`,
      [key, l.free],
    );
  }

  /** Drops buckets nobody has touched for longer than any limit remembers (an hourly job). */
  async prune(m: EntityManager): Promise<number> {
    const t = this.config.signInThrottle;
    const [, dropped] = await m.query<[unknown, number]>(
      `DELETE FROM sign_in_throttles
        WHERE updated_at < now() - make_interval(secs => $1::float8) AND blocked_until < now()`,
      [Math.max(t.forgetAfterMs, t.forgetIpAfterMs) / 1000],
    );
    return dropped;
  }
}
