import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DevMailboxMessage } from '@attune/shared';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { APP_CONFIG, type AppConfig } from '../config.js';

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

interface OutboxRow {
  id: string;
  kind: string;
  to_email: string;
  subject: string;
  body_text: string;
  payload: Record<string, string>;
  attempts: number;
}

const MAX_ATTEMPTS = 5;

/**
 * The outbox: mail is written in the same transaction as the change it reports and sent later by
 * a runner that claims rows with FOR UPDATE SKIP LOCKED, so several servers never send one twice.
 */
@Injectable()
export class NotificationsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer: NodeJS.Timeout | undefined;
  private transport: Transporter | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.smtpUrl) this.transport = nodemailer.createTransport(this.config.smtpUrl);
    if (this.config.outboxIntervalMs > 0) {
      this.timer = setInterval(() => void this.tick(), this.config.outboxIntervalMs);
      this.timer.unref();
    }
  }

  /** Stops the sender and waits for a run in progress, before the pool closes (on shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running || !this.timer) return;
    this.running = this.runOnce()
      .then(
        () => undefined,
        (e: unknown) =>
          this.logger.warn(`Outbox run failed: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }

  async enqueue(mail: OutgoingMail, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.query(
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

  /** Sends what is due. Returns how many messages were handled. */
  async runOnce(limit = 20): Promise<number> {
    return this.ds.transaction(async (m) => {
      const due = await m.query<OutboxRow[]>(
        `SELECT id, kind, to_email, subject, body_text, payload, attempts FROM outbox_messages
          WHERE status = 'pending' AND run_after <= now()
          ORDER BY run_after LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      for (const row of due) {
        if (!(await this.stillWanted(row, m))) {
          await m.query(`UPDATE outbox_messages SET status = 'skipped' WHERE id = $1`, [row.id]);
          continue;
        }
        try {
          const transport = await this.send(row);
          await m.query(
            `UPDATE outbox_messages SET status = 'sent', sent_at = now(), transport = $2, attempts = attempts + 1 WHERE id = $1`,
            [row.id, transport],
          );
        } catch (e) {
          const failed = row.attempts + 1 >= MAX_ATTEMPTS;
          await m.query(
            `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2,
                    status = CASE WHEN $3 THEN 'failed' ELSE 'pending' END,
                    run_after = now() + make_interval(secs => 30 * power(2, attempts)) WHERE id = $1`,
            [row.id, e instanceof Error ? e.message.slice(0, 500) : String(e), failed],
          );
        }
      }
      return due.length;
    });
  }

  /** A reminder is only sent if its session is still booked at the time it was written for. */
  private async stillWanted(row: OutboxRow, m: EntityManager): Promise<boolean> {
    const { appointmentId, startsAt } = row.payload;
    if (row.kind !== 'appointment.reminder' || !appointmentId) return true;
    const [appt] = await m.query<
      {
        status: string;
        starts_at: Date;
      }[]
    >(`SELECT status, starts_at FROM appointments WHERE id = $1`, [appointmentId]);
    return !!appt && appt.status === 'booked' && appt.starts_at.toISOString() === startsAt;
  }

  private async send(row: OutboxRow): Promise<string> {
    if (!this.transport) return 'dev-mailbox';
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: row.to_email,
      subject: row.subject,
      text: row.body_text,
    });
    return 'smtp';
  }

  /** The practice's recent outgoing mail, for admins (the development mailbox when SMTP is not set). */
  async mailbox(auth: AuthContext, limit = 100): Promise<DevMailboxMessage[]> {
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
      [auth.practiceId, limit],
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
