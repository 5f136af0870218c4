import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Client self-booking (off by default): the practice's switch, which appointment types clients
 * may book, and a client's pending request to move or cancel a session too close to change
 * online (cleared when staff move, cancel or mark it handled).
 */
export class SelfBooking1795498000000 implements MigrationInterface {
  name = 'SelfBooking1795498000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "practices" ADD "self_booking_enabled" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_types" ADD "client_bookable" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "appointments" ADD "change_request_kind" text`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD "change_request_note" text`);
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD "change_requested_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_change_request_check" CHECK ((change_request_kind IS NULL OR change_request_kind IN ('reschedule','cancel')) AND (change_request_kind IS NULL) = (change_requested_at IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_change_request_check"`,
    );
    await queryRunner.query(`ALTER TABLE "appointments" DROP COLUMN "change_requested_at"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP COLUMN "change_request_note"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP COLUMN "change_request_kind"`);
    await queryRunner.query(`ALTER TABLE "appointment_types" DROP COLUMN "client_bookable"`);
    await queryRunner.query(`ALTER TABLE "practices" DROP COLUMN "self_booking_enabled"`);
  }
}
