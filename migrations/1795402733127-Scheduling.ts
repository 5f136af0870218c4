import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scheduling1795402733127 implements MigrationInterface {
  name = 'Scheduling1795402733127';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid, "kind" text NOT NULL, "to_email" text NOT NULL, "subject" text NOT NULL, "body_text" text NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "dedupe_key" text, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "run_after" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "transport" text, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "outbox_messages_status_check" CHECK (status IN ('pending','sent','skipped','failed')), CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_messages_practice_id_created_at_idx" ON "outbox_messages"  ("practice_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "outbox_messages_dedupe_key_key" ON "outbox_messages"  ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_messages_status_run_after_idx" ON "outbox_messages"  ("status", "run_after") `,
    );
    await queryRunner.query(
      `CREATE TABLE "appointment_types" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "name" text NOT NULL, "duration_minutes" integer NOT NULL, "kind" text NOT NULL, "is_default" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appointment_types_duration_check" CHECK (duration_minutes BETWEEN 5 AND 480), CONSTRAINT "appointment_types_kind_check" CHECK (kind IN ('intake','ongoing','other')), CONSTRAINT "appointment_types_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "appointment_types_practice_id_idx" ON "appointment_types"  ("practice_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "appointment_types_default_key" ON "appointment_types"  ("practice_id", "kind") WHERE is_default`,
    );
    await queryRunner.query(
      `CREATE TABLE "appointments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "therapist_id" uuid NOT NULL, "client_id" uuid NOT NULL, "type_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'booked', "booked_by_user_id" uuid NOT NULL, "cancel_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "late_cancel" boolean NOT NULL DEFAULT false, "override_reason" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appointments_range_check" CHECK (ends_at > starts_at), CONSTRAINT "appointments_status_check" CHECK (status IN ('booked','cancelled','completed','no_show')), CONSTRAINT "appointments_client_no_overlap" EXCLUDE USING gist ("client_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'cancelled'), CONSTRAINT "appointments_therapist_no_overlap" EXCLUDE USING gist ("therapist_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'cancelled'), CONSTRAINT "appointments_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_client_id_starts_at_idx" ON "appointments"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_practice_id_starts_at_idx" ON "appointments"  ("practice_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "availability_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "therapist_id" uuid NOT NULL, "time_zone" text NOT NULL, "weekday" smallint NOT NULL, "start_time" TIME NOT NULL, "end_time" TIME NOT NULL, "valid_from" date, "valid_until" date, CONSTRAINT "availability_rules_dates_check" CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from), CONSTRAINT "availability_rules_time_check" CHECK (end_time > start_time), CONSTRAINT "availability_rules_weekday_check" CHECK (weekday BETWEEN 1 AND 7), CONSTRAINT "availability_rules_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "availability_rules_therapist_id_idx" ON "availability_rules"  ("therapist_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "therapist_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "show_client" text NOT NULL DEFAULT 'initials', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "calendar_feeds_show_client_check" CHECK (show_client IN ('initials','none')), CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "calendar_feeds_therapist_id_idx" ON "calendar_feeds"  ("therapist_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "time_off" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "therapist_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "time_off_range_check" CHECK (ends_at > starts_at), CONSTRAINT "time_off_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "time_off_therapist_id_starts_at_idx" ON "time_off"  ("therapist_id", "starts_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "practices" ADD "cancellation_window_hours" integer NOT NULL DEFAULT '24'`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_types" ADD CONSTRAINT "appointment_types_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_type_id_fkey" FOREIGN KEY ("type_id") REFERENCES "appointment_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "time_off" ADD CONSTRAINT "time_off_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "time_off" ADD CONSTRAINT "time_off_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "time_off" DROP CONSTRAINT "time_off_therapist_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "time_off" DROP CONSTRAINT "time_off_practice_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "calendar_feeds_therapist_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "calendar_feeds_practice_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_rules" DROP CONSTRAINT "availability_rules_therapist_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_rules" DROP CONSTRAINT "availability_rules_practice_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_type_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_client_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_therapist_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_practice_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_types" DROP CONSTRAINT "appointment_types_practice_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "practices" DROP COLUMN "cancellation_window_hours"`);
    await queryRunner.query(`DROP INDEX "public"."time_off_therapist_id_starts_at_idx"`);
    await queryRunner.query(`DROP TABLE "time_off"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_feeds_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_feeds_therapist_id_idx"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`DROP INDEX "public"."availability_rules_therapist_id_idx"`);
    await queryRunner.query(`DROP TABLE "availability_rules"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_practice_id_starts_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_client_id_starts_at_idx"`);
    await queryRunner.query(`DROP TABLE "appointments"`);
    await queryRunner.query(`DROP INDEX "public"."appointment_types_default_key"`);
    await queryRunner.query(`DROP INDEX "public"."appointment_types_practice_id_idx"`);
    await queryRunner.query(`DROP TABLE "appointment_types"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_status_run_after_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_dedupe_key_key"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_practice_id_created_at_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
  }
}
