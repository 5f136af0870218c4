import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Safety alerts with three levels (IMMEDIATE > URGENT > CHECK-IN) that can escalate: the old
 * unique (screening_id, link_id) made a later, worse answer raise nothing. Now at most one alert
 * per screening and item is open; a worse answer raises its level, or a new alert once it was
 * acknowledged. Also the per-practice critical items of imported instruments.
 */
export class SafetyAlerts1795410000000 implements MigrationInterface {
  name = 'SafetyAlerts1795410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."alerts_screening_id_link_id_key"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_severity_check"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_reason_check"`);
    // Existing rows keep their level: 'urgent' stays URGENT (a recorded level is never lowered),
    // 'review' becomes CHECK-IN.
    await queryRunner.query(`ALTER TABLE "alerts" RENAME COLUMN "severity" TO "level"`);
    await queryRunner.query(`UPDATE "alerts" SET "level" = 'check-in' WHERE "level" = 'review'`);
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_level_check" CHECK (level IN ('immediate','urgent','check-in'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_reason_check" CHECK (reason IN ('answered','declined','unanswered'))`,
    );
    await queryRunner.query(`ALTER TABLE "alerts" ADD "answer_rank" numeric NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "escalated_from_alert_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "alerts_screening_id_link_id_idx" ON "alerts"  ("screening_id", "link_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_one_open_per_item" ON "alerts"  ("screening_id", "link_id") WHERE acknowledged_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_escalated_from_alert_id_fkey" FOREIGN KEY ("escalated_from_alert_id") REFERENCES "alerts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "instrument_critical_items" ("practice_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "instrument_id" uuid NOT NULL, "items" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_by_user_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "instrument_critical_items_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "instrument_critical_items_instrument_id_key" ON "instrument_critical_items"  ("instrument_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "instrument_critical_items" ADD CONSTRAINT "instrument_critical_items_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "instrument_critical_items" ADD CONSTRAINT "instrument_critical_items_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "instruments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "instrument_critical_items" DROP CONSTRAINT "instrument_critical_items_instrument_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "instrument_critical_items" DROP CONSTRAINT "instrument_critical_items_practice_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."instrument_critical_items_instrument_id_key"`);
    await queryRunner.query(`DROP TABLE "instrument_critical_items"`);
    await queryRunner.query(
      `ALTER TABLE "alerts" DROP CONSTRAINT "alerts_escalated_from_alert_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."alerts_one_open_per_item"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_screening_id_link_id_idx"`);
    // The old shape holds one alert per screening and item: keep the most urgent, newest one.
    await queryRunner.query(`DELETE FROM "alerts" a USING "alerts" b
      WHERE a.screening_id = b.screening_id AND a.link_id = b.link_id AND a.id <> b.id
        AND (CASE a.level WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, -extract(epoch FROM a.created_at))
          > (CASE b.level WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, -extract(epoch FROM b.created_at))`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "escalated_from_alert_id"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "escalated_at"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "answer_rank"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_reason_check"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_level_check"`);
    await queryRunner.query(
      `UPDATE "alerts" SET "level" = CASE WHEN "level" = 'check-in' THEN 'review' ELSE 'urgent' END`,
    );
    await queryRunner.query(
      `UPDATE "alerts" SET "reason" = 'declined' WHERE "reason" = 'unanswered'`,
    );
    await queryRunner.query(`ALTER TABLE "alerts" RENAME COLUMN "level" TO "severity"`);
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_severity_check" CHECK (severity IN ('urgent','review'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_reason_check" CHECK (reason IN ('answered','declined'))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_screening_id_link_id_key" ON "alerts"  ("screening_id", "link_id") `,
    );
  }
}
