import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a record: a client's record carries when it was closed (deactivated), and each practice
 * states how many years it keeps closed records (7 by default; local law decides). Records closed
 * before this migration count from their last change.
 */
export class RecordRetention1795485000000 implements MigrationInterface {
  name = 'RecordRetention1795485000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "practices" ADD "retention_years" integer NOT NULL DEFAULT '7'`,
    );
    await queryRunner.query(
      `ALTER TABLE "practices" ADD CONSTRAINT "practices_retention_years_check" CHECK (retention_years BETWEEN 1 AND 100)`,
    );
    await queryRunner.query(`ALTER TABLE "clients" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "clients" SET "closed_at" = "updated_at" WHERE "status" = 'inactive'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "clients_closed_at_check" CHECK ((status = 'inactive') = (closed_at IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" DROP CONSTRAINT "clients_closed_at_check"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "closed_at"`);
    await queryRunner.query(
      `ALTER TABLE "practices" DROP CONSTRAINT "practices_retention_years_check"`,
    );
    await queryRunner.query(`ALTER TABLE "practices" DROP COLUMN "retention_years"`);
  }
}
