import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface MfaRow {
  user_id: string;
  secret_ciphertext: Buffer;
  confirmed_at: Date | null;
  last_time_step: string | null;
}

/** The second step: `user_mfa` (one TOTP secret per user) and `mfa_recovery_codes`. */
@Injectable()
export class MfaRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(userId: string, m: EntityManager = this.ds.manager): Promise<MfaRow | null> {
    const [row] = await m.query<MfaRow[]>(
      `SELECT user_id, secret_ciphertext, confirmed_at, last_time_step FROM user_mfa WHERE user_id = $1`,
      [userId],
    );
    return row ?? null;
  }

  /** Which of these users have a confirmed second step (one query, for a page of members). */
  async enabledAmong(userIds: readonly string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await this.ds.query<{ user_id: string }[]>(
      `SELECT user_id FROM user_mfa WHERE user_id = ANY($1::uuid[]) AND confirmed_at IS NOT NULL`,
      [userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** Starts (or starts again) an enrolment that is not confirmed yet; a confirmed one is kept. */
  async startEnrolment(userId: string, sealed: Buffer): Promise<boolean> {
    const rows = await this.ds.query<unknown[]>(
      `INSERT INTO user_mfa (user_id, secret_ciphertext) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = EXCLUDED.secret_ciphertext,
              last_time_step = NULL, created_at = now()
        WHERE user_mfa.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, sealed],
    );
    return rows.length === 1;
  }

  /**
   * Records the step of an accepted code, only if it is later than every step accepted before:
   * two requests with the same code cannot both pass (the row lock orders them). With `confirm`,
   * also confirms a pending enrolment.
   */
  async acceptStep(
    m: EntityManager,
    userId: string,
    timeStep: number,
    confirm = false,
  ): Promise<boolean> {
    const [, n] = await m.query<[unknown[], number]>(
      `UPDATE user_mfa SET last_time_step = $2,
              confirmed_at = CASE WHEN $3 THEN now() ELSE confirmed_at END
        WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2)
          AND (confirmed_at IS NULL) = $3`,
      [userId, timeStep, confirm],
    );
    return n === 1;
  }

  async remove(m: EntityManager, userId: string): Promise<boolean> {
    await m.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
    const [, n] = await m.query<[unknown[], number]>(`DELETE FROM user_mfa WHERE user_id = $1`, [
      userId,
    ]);
    return n > 0;
  }

  /** Replaces every recovery code of a user with these hashes. */
  async replaceRecoveryCodes(m: EntityManager, userId: string, hashes: Buffer[]): Promise<void> {
    await m.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(
      `INSERT INTO mfa_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::bytea[])`,
      [userId, hashes],
    );
  }

  unusedRecoveryCodes(userId: string): Promise<{ id: string; code_hash: Buffer }[]> {
    return this.ds.query(
      `SELECT id, code_hash FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
  }

  /** Marks a code used, once: a second request with the same code finds it used. */
  async useRecoveryCode(m: EntityManager, id: string): Promise<boolean> {
    const [, n] = await m.query<[unknown[], number]>(
      `UPDATE mfa_recovery_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL`,
      [id],
    );
    return n === 1;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const [row] = await this.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return row?.n ?? 0;
  }
}
