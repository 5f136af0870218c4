import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-ups wait for their email to be confirmed (no account enumeration at sign-up). */
export class SignupRequests1795430000000 implements MigrationInterface {
  name = 'SignupRequests1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "signup_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "email" citext NOT NULL, "practice_name" text NOT NULL, "time_zone" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "admin_is_therapist" boolean NOT NULL DEFAULT false, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "signup_requests_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "signup_requests_token_hash_key" ON "signup_requests"  ("token_hash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."signup_requests_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "signup_requests"`);
  }
}
