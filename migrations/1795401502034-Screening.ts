import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Screening1795401502034 implements MigrationInterface {
  name = 'Screening1795401502034';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "instruments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid, "key" text NOT NULL, "version" integer NOT NULL, "title" text NOT NULL, "validated" boolean NOT NULL, "source" text NOT NULL, "definition" jsonb NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "instruments_practice_source_check" CHECK ((source = 'builtin') = (practice_id IS NULL)), CONSTRAINT "instruments_source_check" CHECK (source IN ('builtin','fhir')), CONSTRAINT "instruments_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "instruments_builtin_key_version_key" ON "instruments"  ("key", "version") WHERE practice_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "instruments_practice_id_key_version_key" ON "instruments"  ("practice_id", "key", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "screenings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "client_id" uuid NOT NULL, "instrument_id" uuid NOT NULL, "assigned_by_user_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'assigned', "due_at" TIMESTAMP WITH TIME ZONE, "note" text, "answers" jsonb NOT NULL DEFAULT '{}', "draft_version" integer NOT NULL DEFAULT '0', "result" jsonb, "engine_version" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by_user_id" uuid, "idempotency_key" text, "request_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "screenings_submitted_check" CHECK ((status = 'submitted') = (submitted_at IS NOT NULL AND result IS NOT NULL)), CONSTRAINT "screenings_status_check" CHECK (status IN ('assigned','in_progress','submitted','cancelled')), CONSTRAINT "screenings_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "screenings_practice_id_status_idx" ON "screenings"  ("practice_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "screenings_client_id_created_at_idx" ON "screenings"  ("client_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "client_id" uuid NOT NULL, "screening_id" uuid NOT NULL, "link_id" text NOT NULL, "severity" text NOT NULL, "reason" text NOT NULL, "message" text NOT NULL, "raised_from" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_user_id" uuid, "acknowledgement_note" text, CONSTRAINT "alerts_acknowledged_check" CHECK ((acknowledged_at IS NULL) = (acknowledgement_note IS NULL)), CONSTRAINT "alerts_raised_from_check" CHECK (raised_from IN ('draft','submission')), CONSTRAINT "alerts_reason_check" CHECK (reason IN ('answered','declined')), CONSTRAINT "alerts_severity_check" CHECK (severity IN ('urgent','review')), CONSTRAINT "alerts_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "alerts_client_id_idx" ON "alerts"  ("client_id") `);
    await queryRunner.query(
      `CREATE INDEX "alerts_practice_id_acknowledged_at_idx" ON "alerts"  ("practice_id", "acknowledged_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_screening_id_link_id_key" ON "alerts"  ("screening_id", "link_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "instruments" ADD CONSTRAINT "instruments_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD CONSTRAINT "screenings_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD CONSTRAINT "screenings_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD CONSTRAINT "screenings_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "instruments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_screening_id_fkey" FOREIGN KEY ("screening_id") REFERENCES "screenings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // A stored instrument definition never changes: a new version is a new row.
    await queryRunner.query(`CREATE FUNCTION instruments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.definition IS DISTINCT FROM OLD.definition OR NEW.key <> OLD.key OR NEW.version <> OLD.version THEN
          RAISE EXCEPTION 'instrument % version % is immutable; save a new version instead', OLD.key, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER instruments_no_definition_change BEFORE UPDATE ON "instruments"
      FOR EACH ROW EXECUTE FUNCTION instruments_immutable()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER instruments_no_definition_change ON "instruments"`);
    await queryRunner.query(`DROP FUNCTION instruments_immutable()`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_screening_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_client_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_practice_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "screenings" DROP CONSTRAINT "screenings_instrument_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "screenings" DROP CONSTRAINT "screenings_client_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "screenings" DROP CONSTRAINT "screenings_practice_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "instruments" DROP CONSTRAINT "instruments_practice_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."alerts_screening_id_link_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_practice_id_acknowledged_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_client_id_idx"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP INDEX "public"."screenings_client_id_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."screenings_practice_id_status_idx"`);
    await queryRunner.query(`DROP TABLE "screenings"`);
    await queryRunner.query(`DROP INDEX "public"."instruments_practice_id_key_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."instruments_builtin_key_version_key"`);
    await queryRunner.query(`DROP TABLE "instruments"`);
  }
}
