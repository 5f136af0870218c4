import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Psychoeducation1795402394442 implements MigrationInterface {
  name = 'Psychoeducation1795402394442';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "modules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid, "slug" text NOT NULL, "version" integer NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "reading_minutes" integer NOT NULL, "sign_tags" text array NOT NULL, "content" jsonb NOT NULL, "source" text NOT NULL, "author_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "modules_practice_source_check" CHECK ((source = 'builtin') = (practice_id IS NULL)), CONSTRAINT "modules_source_check" CHECK (source IN ('builtin','practice')), CONSTRAINT "modules_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "modules_builtin_slug_key" ON "modules"  ("slug") WHERE practice_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "modules_practice_id_slug_key" ON "modules"  ("practice_id", "slug") `,
    );
    await queryRunner.query(
      `CREATE TABLE "module_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "client_id" uuid NOT NULL, "module_id" uuid NOT NULL, "assigned_by_user_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'assigned', "due_at" TIMESTAMP WITH TIME ZONE, "note" text, "position" integer NOT NULL, "sections_read" integer array NOT NULL DEFAULT '{}', "last_section" integer, "completed_at" TIMESTAMP WITH TIME ZONE, "helpful" smallint, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "module_assignments_helpful_check" CHECK (helpful IS NULL OR helpful BETWEEN 1 AND 5), CONSTRAINT "module_assignments_status_check" CHECK (status IN ('assigned','completed','withdrawn')), CONSTRAINT "module_assignments_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "module_assignments_client_id_position_idx" ON "module_assignments"  ("client_id", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "module_assignments_client_id_module_id_key" ON "module_assignments"  ("client_id", "module_id") WHERE status <> 'withdrawn'`,
    );
    await queryRunner.query(
      `CREATE TABLE "module_versions" ("module_id" uuid NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "author_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "module_versions_pkey" PRIMARY KEY ("module_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reflections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "client_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "prompt_id" text NOT NULL, "body" text NOT NULL, "shared" boolean NOT NULL DEFAULT false, "shared_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reflections_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reflections_client_id_idx" ON "reflections"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reflections_assignment_id_prompt_id_key" ON "reflections"  ("assignment_id", "prompt_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "modules" ADD CONSTRAINT "modules_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" ADD CONSTRAINT "module_assignments_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" ADD CONSTRAINT "module_assignments_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" ADD CONSTRAINT "module_assignments_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "modules"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_versions" ADD CONSTRAINT "module_versions_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "modules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reflections" ADD CONSTRAINT "reflections_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reflections" ADD CONSTRAINT "reflections_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reflections" ADD CONSTRAINT "reflections_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "module_assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Version history is append-only: an edit is a new row.
    await queryRunner.query(`CREATE FUNCTION module_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'module_versions is append-only' USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER module_versions_no_update BEFORE UPDATE ON "module_versions"
      FOR EACH ROW EXECUTE FUNCTION module_versions_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER module_versions_no_update ON "module_versions"`);
    await queryRunner.query(`DROP FUNCTION module_versions_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "reflections" DROP CONSTRAINT "reflections_assignment_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reflections" DROP CONSTRAINT "reflections_client_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reflections" DROP CONSTRAINT "reflections_practice_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_versions" DROP CONSTRAINT "module_versions_module_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" DROP CONSTRAINT "module_assignments_module_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" DROP CONSTRAINT "module_assignments_client_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" DROP CONSTRAINT "module_assignments_practice_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "modules" DROP CONSTRAINT "modules_practice_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."reflections_assignment_id_prompt_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."reflections_client_id_idx"`);
    await queryRunner.query(`DROP TABLE "reflections"`);
    await queryRunner.query(`DROP TABLE "module_versions"`);
    await queryRunner.query(`DROP INDEX "public"."module_assignments_client_id_module_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."module_assignments_client_id_position_idx"`);
    await queryRunner.query(`DROP TABLE "module_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."modules_practice_id_slug_key"`);
    await queryRunner.query(`DROP INDEX "public"."modules_builtin_slug_key"`);
    await queryRunner.query(`DROP TABLE "modules"`);
  }
}
