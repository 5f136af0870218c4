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
   * Queues many messages in one statement; those whose dedupe key is already queued are dropped.
   * Returns how many were queued.
   */
  async enqueueMany(
    mails: readonly OutgoingMail[],
    m: EntityManager = this.ds.manager,
  ): Promise<number> {
    if (!mails.length) return 0;
    const queued = await m.query<unknown[]>(
      `INSERT INTO outbox_messages (practice_id, kind, to_email, subject, body_text, payload, dedupe_key, run_after)
       SELECT practice_id, kind, to_email, subject, body_text, payload, dedupe_key, coalesce(run_after, now())
         FROM jsonb_to_recordset($1::jsonb) AS x(practice_id uuid, kind text, to_email text, subject text,
              body_text text, payload jsonb, dedupe_key text, run_after timestamptz)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
      [
        JSON.stringify(
          mails.map((mail) => ({
            practice_id: mail.practiceId,
            kind: mail.kind,
            to_email: mail.to,
            subject: mail.subject,
            body_text: mail.text,
            payload: mail.payload ?? {},
            dedupe_key: mail.dedupeKey ?? null,
            run_after: mail.runAfter?.toISOString() ?? null,
          })),
        ),
      ],
    );
    return queued.length;
  }

  /** The messages queued under these dedupe keys (any status): their key and when they were due. */
  async byDedupeKeys(keys: readonly string[]): Promise<{ dedupe_key: string; run_after: Date }[]> {
    if (keys.length === 0) return [];
    return this.ds.query<{ dedupe_key: string; run_after: Date }[]>(
      'SELECT dedupe_key, run_after FROM outbox_messages WHERE dedupe_key = ANY($1::text[])',
      [keys],
    );
  }

  /**
   * Claims up to `limit` due rows for one sender, in one short statement: the rows are locked
   * with FOR UPDATE SKIP LOCKED (another sender's claim in progress is passed over), then leased:
   * `run_after` moves one lease ahead, `lease_token` names the holder and `attempts` counts the
   * try. No transaction stays open while mail is sent. A sender that dies (or stalls past the
   * lease) leaves rows that fall due again when the lease runs out, and another sender takes them.
   */
  async claim(limit: number, leaseMs: number, token: string): Promise<OutboxRow[]> {
    // (TypeORM answers an UPDATE with [rows, count].)
    const [rows] = await this.ds.query<[OutboxRow[], number]>(
      `WITH due AS (
         SELECT id FROM outbox_messages
          WHERE status = 'pending' AND run_after <= now()
          ORDER BY run_after LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE outbox_messages o
          SET run_after = now() + make_interval(secs => $2::float8 / 1000), lease_token = $3,
              attempts = o.attempts + 1
         FROM due WHERE o.id = due.id
       RETURNING o.id, o.kind, o.to_email, o.subject, o.body_text, o.payload, o.attempts`,
      [limit, leaseMs, token],
    );
    return rows;
  }

  // Every outcome is written only while the sender still holds the lease: if it ran out and
  // another sender took the row, the late one changes nothing (and learns it from the count).
  private async settle(sql: string, id: string, token: string, more: unknown[] = []) {
    const [, affected] = await this.ds.query<[unknown, number]>(
      `UPDATE outbox_messages SET lease_token = NULL, ${sql}
        WHERE id = $1 AND lease_token = $2 AND status = 'pending'`,
      [id, token, ...more],
    );
    return affected === 1;
  }

  /** Not wanted any more (e.g. the session moved); false if the lease was lost. */
  skipped(id: string, token: string): Promise<boolean> {
    return this.settle(`status = 'skipped'`, id, token);
  }

  /** Handed to the transport; false if the lease was lost meanwhile. */
  sent(id: string, token: string, transport: string): Promise<boolean> {
    return this.settle(`status = 'sent', sent_at = now(), transport = $3`, id, token, [transport]);
  }

  /** A failed attempt backs off (30 s, 60 s, ...); `last` gives up for good. */
  failed(id: string, token: string, error: string, last: boolean): Promise<boolean> {
    return this.settle(
      `last_error = $3, status = CASE WHEN $4 THEN 'failed' ELSE 'pending' END,
       run_after = now() + make_interval(secs => 30 * power(2, attempts - 1))`,
      id,
      token,
      [error, last],
    );
  }

  /** Gives back rows claimed but not tried (the lease was running short): due again at once. */
  async release(ids: string[], token: string): Promise<void> {
    if (!ids.length) return;
    await this.ds.query(
      `UPDATE outbox_messages SET lease_token = NULL, run_after = now(), attempts = attempts - 1
        WHERE id = ANY($1::uuid[]) AND lease_token = $2 AND status = 'pending'`,
      [ids, token],
    );
  }

  /**
   * Rows whose senders kept dying mid-send (their lease ran out `max` times) are given up, so a
   * message that crashes the sender cannot loop for ever.
   */
  async giveUpStuck(max: number): Promise<number> {
    const [, affected] = await this.ds.query<[unknown, number]>(
      `UPDATE outbox_messages SET status = 'failed', lease_token = NULL,
              last_error = 'the sender stopped while sending, ' || attempts || ' times'
        WHERE status = 'pending' AND run_after <= now() AND lease_token IS NOT NULL AND attempts >= $1`,
      [max],
    );
    return affected;
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
