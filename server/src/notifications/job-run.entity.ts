import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One run of a periodic job for one period (an hour, a day, a week). The row is written in the
 * job's own transaction: two instances cannot both write it, and a run that fails leaves none,
 * so the next tick tries that period again.
 */
@Entity('job_runs')
export class JobRun {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'job_runs_pkey' })
  job: string;

  /** The start of the period, from the database's clock (UTC). */
  @PrimaryColumn('timestamptz', { primaryKeyConstraintName: 'job_runs_pkey' })
  periodStart: Date;

  /** Which server ran it (host:pid). */
  @Column('text')
  instance: string;

  /** What the run did (e.g. reminders queued). */
  @Column('integer', { nullable: true })
  items: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
