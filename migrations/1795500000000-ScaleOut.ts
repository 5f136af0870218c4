import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several app instances on one Postgres:
 * - `outbox_messages.lease_token`: a sender claims a batch by pushing `run_after` one lease ahead
 *   and stamping its token; only the holder of the token may mark a row sent, and a sender that
 *   dies leaves rows that fall due again when the lease runs out.
 * - `job_runs`: one row per periodic job and period, written in the job's own transaction, so a
 *   period's work is done once across instances (and again only if that transaction failed).
 * - A partial index for the day-ahead reminder sweep (booked sessions by start).
 */
export class ScaleOut1795500000000 implements MigrationInterface {
  name = 'ScaleOut1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "lease_token" uuid`);
    await queryRunner.query(
      `CREATE TABLE "job_runs" ("job" text NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "instance" text NOT NULL, "items" integer, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "job_runs_pkey" PRIMARY KEY ("job", "period_start"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_booked_starts_at_idx" ON "appointments" ("starts_at") WHERE status = 'booked'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."appointments_booked_starts_at_idx"`);
    await queryRunner.query(`DROP TABLE "job_runs"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "lease_token"`);
  }
}
