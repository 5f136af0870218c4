import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A client's choice of the gentle weekly reminder about open reading and screeners (on by default). */
export class GentleReminders1795490000000 implements MigrationInterface {
  name = 'GentleReminders1795490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "clients" ADD "gentle_reminders" boolean NOT NULL DEFAULT true`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "gentle_reminders"`);
  }
}
