import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PerimeterHardening1795435000000 implements MigrationInterface {
  name = 'PerimeterHardening1795435000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_throttles" ("key" text NOT NULL, "failures" integer NOT NULL DEFAULT '0', "blocked_until" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "sign_in_throttles_updated_at_idx" ON "sign_in_throttles"  ("updated_at") `,
    );
    await queryRunner.query(`ALTER TABLE "appointments" ADD "idempotency_key" text`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD "request_hash" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "appointments_booked_by_idempotency_key" ON "appointments"  ("booked_by_user_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."appointments_booked_by_idempotency_key"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP COLUMN "request_hash"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP COLUMN "idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."sign_in_throttles_updated_at_idx"`);
    await queryRunner.query(`DROP TABLE "sign_in_throttles"`);
  }
}
