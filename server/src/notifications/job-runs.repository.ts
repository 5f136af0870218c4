import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The job_runs table, and the advisory lock that keeps two instances off one job at a time. */
@Injectable()
export class JobRunsRepository {
  /**
   * Takes the job's transaction-scoped advisory lock if it is free: an instance that finds
   * another running the job moves on at once instead of queueing behind it. Released at commit
   * or rollback, so it cannot outlive a crashed run (and it works through PgBouncer's
   * transaction pooling, unlike a session lock).
   */
  async tryLock(m: EntityManager, job: string): Promise<boolean> {
    const [row] = await m.query<{ ok: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended('attune.job:' || $1, 0)) AS ok`,
      [job],
    );
    return row?.ok === true;
  }

  /**
   * Records the current period of `job` as taken, unless it already is. Periods of `everyMs`
   * are counted from the Unix epoch on the database's clock (or `at`, for tests), so instances
   * whose clocks drift still agree on them (an hour starts on the hour, a day at 00:00 UTC).
   * Returns the period's start and the moment used, or null when the period was done before.
   */
  async claim(
    m: EntityManager,
    job: string,
    everyMs: number,
    at: Date | null,
    instance: string,
  ): Promise<{ periodStart: Date; now: Date } | null> {
    const [row] = await m.query<{ period_start: Date; now: Date }[]>(
      `WITH t AS (SELECT coalesce($3::timestamptz, now()) AS now)
       INSERT INTO job_runs (job, period_start, instance)
       SELECT $1, to_timestamp(floor(extract(epoch FROM t.now) * 1000 / $2) * $2 / 1000), $4 FROM t
       ON CONFLICT (job, period_start) DO NOTHING
       RETURNING period_start, (SELECT now FROM t) AS now`,
      [job, everyMs, at, instance],
    );
    return row ? { periodStart: row.period_start, now: row.now } : null;
  }

  async finish(m: EntityManager, job: string, periodStart: Date, items: number): Promise<void> {
    await m.query(
      `UPDATE job_runs SET items = $3, finished_at = clock_timestamp() WHERE job = $1 AND period_start = $2`,
      [job, periodStart, items],
    );
  }
}
