import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DevMailboxMessage } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';

export interface OutgoingMail {
  practiceId: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** Checked again at send time (see `stillWanted`). */
  payload?: Record<string, string>;
  /** A second message with the same key is dropped. */
  dedupeKey?: string;
  runAfter?: Date;
}

export interface OutboxRow {
  id: string;
  kind: string;
  to_email: string;
  subject: string;
  body_text: string;
  payload: Record<string, string>;
  attempts: number;
}

/** The outbox_messages table. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async enqueue(mail: OutgoingMail, m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(
      `INSERT INTO outbox_messages (practice_id, kind, to_email, subject, body_text, payload, dedupe_key, run_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, now()))
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        mail.practiceId,
        mail.kind,
        mail.to,
        mail.subject,
        mail.text,
        JSON.stringify(mail.payload ?? {}),
        mail.dedupeKey ?? null,
        mail.runAfter ?? null,
      ],
    );
  }

  /**
   * Queues several messages in one statement; a message whose dedupe key is taken is dropped.
   * Returns how many were queued.
   */
  async enqueueMany(mails: readonly OutgoingMail[], m: EntityManager = this.ds.manager) {
    if (mails.length === 0) return 0;
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO outbox_messages (practice_id, kind, to_email, subject, body_text, payload, dedupe_key, run_after)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[],
                            $8::timestamptz[])
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        mails.map((x) => x.practiceId),
        mails.map((x) => x.kind),
        mails.map((x) => x.to),
        mails.map((x) => x.subject),
        mails.map((x) => x.text),
        mails.map((x) => JSON.stringify(x.payload ?? {})),
        mails.map((x) => x.dedupeKey ?? null),
        mails.map((x) => x.runAfter ?? new Date()),
      ],
    );
    return rows.length;
  }

  /** The messages queued under these dedupe keys (any status): their key and when they were due. */
  async byDedupeKeys(keys: readonly string[]): Promise<{ dedupe_key: string; run_after: Date }[]> {
    if (keys.length === 0) return [];
    return this.ds.query<{ dedupe_key: string; run_after: Date }[]>(
      'SELECT dedupe_key, run_after FROM outbox_messages WHERE dedupe_key = ANY($1::text[])',
      [keys],
    );
  }

  /** Claims what is due; rows another sender holds are skipped, so nothing goes out twice. */
  claimDue(m: EntityManager, limit: number): Promise<OutboxRow[]> {
    return m.query<OutboxRow[]>(
      `SELECT id, kind, to_email, subject, body_text, payload, attempts FROM outbox_messages
        WHERE status = 'pending' AND run_after <= now()
        ORDER BY run_after LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async skipped(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE outbox_messages SET status = 'skipped' WHERE id = $1`, [id]);
  }

  async sent(m: EntityManager, id: string, transport: string): Promise<void> {
    await m.query(
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), transport = $2, attempts = attempts + 1 WHERE id = $1`,
      [id, transport],
    );
  }

  /** Counts a failed attempt and backs off (30 s, 60 s, ...); `last` gives up for good. */
  async failed(m: EntityManager, id: string, error: string, last: boolean): Promise<void> {
    await m.query(
      `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2,
              status = CASE WHEN $3 THEN 'failed' ELSE 'pending' END,
              run_after = now() + make_interval(secs => 30 * power(2, attempts)) WHERE id = $1`,
      [id, error, last],
    );
  }

  /** The practice's latest outgoing mail. */
  async recent(practiceId: string, limit: number): Promise<DevMailboxMessage[]> {
    const rows = await this.ds.query<
      {
        id: string;
        to_email: string;
        subject: string;
        body_text: string;
        kind: string;
        created_at: Date;
        sent_at: Date | null;
        status: DevMailboxMessage['status'];
      }[]
    >(
      `SELECT id, to_email, subject, body_text, kind, created_at, sent_at, status FROM outbox_messages
        WHERE practice_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [practiceId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      to: r.to_email,
      subject: r.subject,
      text: r.body_text,
      kind: r.kind,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
      status: r.status,
    }));
  }
}
