import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the read paths that must stay fast at size (500 clients, 20,000 screenings, years
 * of sessions): the dashboard's recently submitted screenings (a partial index read backwards,
 * instead of every submitted screening of the practice), and a therapist's or a client's
 * sessions from a lower bound on starts_at (the client index was named for starts_at but held
 * client_id alone). The length check makes that lower bound exact: a session overlapping a
 * window starts at most the longest appointment type (480 minutes) before it.
 */
export class HotPathIndexes1795470000000 implements MigrationInterface {
  name = 'HotPathIndexes1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "screenings_practice_id_submitted_at_idx" ON "screenings"  ("practice_id", "submitted_at") WHERE status = 'submitted'`,
    );
    await queryRunner.query(`DROP INDEX "public"."appointments_client_id_starts_at_idx"`);
    await queryRunner.query(
      `CREATE INDEX "appointments_client_id_starts_at_idx" ON "appointments"  ("client_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_therapist_id_starts_at_idx" ON "appointments"  ("therapist_id", "starts_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_length_check" CHECK (ends_at <= starts_at + interval '480 minutes')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_length_check"`,
    );
    await queryRunner.query(`DROP INDEX "public"."appointments_therapist_id_starts_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_client_id_starts_at_idx"`);
    await queryRunner.query(
      `CREATE INDEX "appointments_client_id_starts_at_idx" ON "appointments"  ("client_id") `,
    );
    await queryRunner.query(`DROP INDEX "public"."screenings_practice_id_submitted_at_idx"`);
  }
}
