import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, type EntityManager } from 'typeorm';
import { JobRunsRepository } from './job-runs.repository.js';

/** A piece of background work done once per period across every instance. */
export interface PeriodicJob {
  /** Stable name: it keys the job's runs in the database. */
  name: string;
  /** The period (counted from the Unix epoch in UTC: 3_600_000 runs once each clock hour). */
  everyMs: number;
  /**
   * Does the period's work inside the transaction that records the period as done: if it
   * throws, neither stays and the next tick tries again. `now` is the database's clock. Keep
   * the work idempotent too (e.g. dedupe keys on queued mail): a period boundary can fall
   * between two runs that cover overlapping ground. Returns how many things it did.
   */
  run(m: EntityManager, at: { periodStart: Date; now: Date }): Promise<number>;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface JobOutcome {
  job: string;
  periodStart: Date;
  items: number;
}

/**
 * Periodic jobs (day-ahead reminders, weekly reminders, clean-ups). Every instance ticks (the
 * outbox sender's timer calls `runDue`); Postgres decides who does the work: a unique
 * (job, period) row written in the job's transaction, behind a try-advisory lock.
 */
@Injectable()
export class PeriodicJobs {
  private readonly logger = new Logger('Jobs');
  // Registrations from code (the same in every instance), not state.
  private readonly jobs = new Map<string, PeriodicJob>();
  private readonly instance = `${hostname()}:${process.pid}`;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly runs: JobRunsRepository,
  ) {}

  register(job: PeriodicJob): void {
    if (this.jobs.has(job.name)) throw new Error(`A periodic job "${job.name}" already exists.`);
    if (!(job.everyMs >= 1000)) throw new Error(`Job "${job.name}": everyMs must be >= 1000.`);
    this.jobs.set(job.name, job);
  }

  /**
   * Runs each job whose current period nobody has done yet. `at` stands in for the database's
   * clock (tests). Returns what this instance ran; a failing job is logged and left for the
   * next tick.
   */
  async runDue(at?: Date): Promise<JobOutcome[]> {
    const ran: JobOutcome[] = [];
    for (const job of this.jobs.values()) {
      try {
        const outcome = await this.ds.transaction(async (m) => {
          if (!(await this.runs.tryLock(m, job.name))) return null;
          const period = await this.runs.claim(m, job.name, job.everyMs, at ?? null, this.instance);
          if (!period) return null;
          const items = await job.run(m, period);
          await this.runs.finish(m, job.name, period.periodStart, items);
          return { job: job.name, periodStart: period.periodStart, items };
        });
        if (outcome) ran.push(outcome);
      } catch (e) {
        this.logger.warn(
          `Job ${job.name} failed (tried again next tick): ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    return ran;
  }
}
