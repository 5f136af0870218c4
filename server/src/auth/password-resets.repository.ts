import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** The password_reset_tokens table: single-use links, only their SHA-256 stored. */
@Injectable()
export class PasswordResetsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    m: EntityManager,
    r: { userId: string; tokenHash: Buffer; expiresAt: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`,
      [r.userId, r.tokenHash, r.expiresAt],
    );
  }

  /** Ends every link of a user still waiting (a newer one was sent, or the password changed). */
  async retireAll(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
  }

  /** A link that still works, with its user's email (for the reset page). */
  async pending(tokenHash: Buffer): Promise<{ email: string; expires_at: Date } | null> {
    const [row] = await this.ds.query<{ email: string; expires_at: Date }[]>(
      `SELECT u.email, t.expires_at FROM password_reset_tokens t
         JOIN users u ON u.id = t.user_id AND u.disabled_at IS NULL
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Uses a link, once: the row update is atomic, so two requests cannot both succeed. */
  async consume(m: EntityManager, tokenHash: Buffer): Promise<string | null> {
    const [rows] = await m.query<[{ user_id: string }[], number]>(
      `UPDATE password_reset_tokens t SET used_at = now()
         FROM users u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
          AND u.id = t.user_id AND u.disabled_at IS NULL
       RETURNING t.user_id`,
      [tokenHash],
    );
    return rows[0]?.user_id ?? null;
  }
}
