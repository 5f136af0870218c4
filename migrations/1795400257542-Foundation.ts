import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795400257542 implements MigrationInterface {
  name = 'Foundation1795400257542';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid, "actor_user_id" uuid, "action" text NOT NULL, "entity_type" text, "entity_id" uuid, "client_id" uuid, "ip" text, "meta" jsonb NOT NULL DEFAULT '{}'::jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_client_id_idx" ON "audit_events"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_action_created_at_idx" ON "audit_events"  ("action", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_practice_id_created_at_idx" ON "audit_events"  ("practice_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" citext NOT NULL, "password_hash" text NOT NULL, "display_name" text NOT NULL, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" text, "user_agent" text, CONSTRAINT "auth_sessions_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "auth_sessions_user_id_idx" ON "auth_sessions"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "auth_sessions_token_hash_key" ON "auth_sessions"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "practices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "time_zone" text NOT NULL, "crisis_text" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "practices_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "user_id" uuid NOT NULL, "roles" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "memberships_roles_check" CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['admin','therapist']::text[]), CONSTRAINT "memberships_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "memberships_practice_id_idx" ON "memberships"  ("practice_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "memberships_user_id_key" ON "memberships"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "clients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "user_id" uuid, "first_name" text NOT NULL, "last_name" text NOT NULL, "preferred_name" text, "pronouns" text, "email" citext, "time_zone" text, "primary_therapist_id" uuid, "status" text NOT NULL DEFAULT 'active', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "clients_status_check" CHECK (status IN ('active','inactive')), CONSTRAINT "clients_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "clients_user_id_key" ON "clients"  ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "clients_primary_therapist_id_idx" ON "clients"  ("primary_therapist_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "clients_practice_id_last_name_idx" ON "clients"  ("practice_id", "last_name", "first_name", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "practice_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "kind" text NOT NULL, "email" citext NOT NULL, "display_name" text NOT NULL, "roles" text array NOT NULL DEFAULT '{}', "client_id" uuid, "invited_by_user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "invitations_kind_check" CHECK ((kind = 'member' AND client_id IS NULL AND cardinality(roles) >= 1 AND roles <@ ARRAY['admin','therapist']::text[]) OR (kind = 'client' AND client_id IS NOT NULL AND cardinality(roles) = 0)), CONSTRAINT "invitations_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_client_id_idx" ON "invitations"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_practice_id_created_at_idx" ON "invitations"  ("practice_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "memberships_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "clients_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "clients_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "clients_primary_therapist_id_fkey" FOREIGN KEY ("primary_therapist_id") REFERENCES "memberships"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "invitations_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "invitations_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_fkey" FOREIGN KEY ("invited_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The audit trail is append-only for everyone, the application's own role included.
    await queryRunner.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_no_truncate ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER audit_events_no_update_delete ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "invitations_invited_by_user_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "invitations_client_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "invitations_practice_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" DROP CONSTRAINT "clients_primary_therapist_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "clients" DROP CONSTRAINT "clients_user_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP CONSTRAINT "clients_practice_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "memberships_user_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "memberships" DROP CONSTRAINT "memberships_practice_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" DROP CONSTRAINT "auth_sessions_user_id_fkey"`,
    );
    await queryRunner.query(`DROP INDEX "public"."invitations_practice_id_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_client_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP INDEX "public"."clients_practice_id_last_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."clients_primary_therapist_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."clients_user_id_key"`);
    await queryRunner.query(`DROP TABLE "clients"`);
    await queryRunner.query(`DROP INDEX "public"."memberships_user_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."memberships_practice_id_idx"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP TABLE "practices"`);
    await queryRunner.query(`DROP INDEX "public"."auth_sessions_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."auth_sessions_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_practice_id_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_action_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_client_id_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
