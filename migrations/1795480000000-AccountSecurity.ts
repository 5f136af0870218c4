import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, account security: password reset links (hashed tokens, single use), the second step
 * (an encrypted TOTP secret per user and hashed single-use recovery codes), each login session's
 * assurance (password or mfa, a pending code, the last step-up) and the practice's "require a
 * second step for staff" setting.
 */
export class AccountSecurity1795480000000 implements MigrationInterface {
  name = 'AccountSecurity1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_reset_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "password_reset_tokens_user_id_idx" ON "password_reset_tokens"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "password_reset_tokens_token_hash_key" ON "password_reset_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mfa_recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" bytea NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "mfa_recovery_codes_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "mfa_recovery_codes_user_id_code_hash_key" ON "mfa_recovery_codes"  ("user_id", "code_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_mfa" ("user_id" uuid NOT NULL, "secret_ciphertext" bytea NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_time_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "user_mfa_pkey" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD "assurance" text NOT NULL DEFAULT 'password'`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD "mfa_pending" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD "stepped_up_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "practices" ADD "require_staff_mfa" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_assurance_check" CHECK (assurance IN ('password','mfa'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "mfa_recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_mfa" ADD CONSTRAINT "user_mfa_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_mfa" DROP CONSTRAINT "user_mfa_user_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "mfa_recovery_codes" DROP CONSTRAINT "mfa_recovery_codes_user_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_reset_tokens" DROP CONSTRAINT "password_reset_tokens_user_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" DROP CONSTRAINT "auth_sessions_assurance_check"`,
    );
    await queryRunner.query(`ALTER TABLE "practices" DROP COLUMN "require_staff_mfa"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "stepped_up_at"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "mfa_pending"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "assurance"`);
    await queryRunner.query(`DROP TABLE "user_mfa"`);
    await queryRunner.query(`DROP INDEX "public"."mfa_recovery_codes_user_id_code_hash_key"`);
    await queryRunner.query(`DROP TABLE "mfa_recovery_codes"`);
    await queryRunner.query(`DROP INDEX "public"."password_reset_tokens_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."password_reset_tokens_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "password_reset_tokens"`);
  }
}
