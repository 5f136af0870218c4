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
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { type OutboxRow, OutboxRepository, type OutgoingMail } from './outbox.repository.js';

export type { OutgoingMail } from './outbox.repository.js';

const MAX_ATTEMPTS = 5;

/** What the mailbox shows instead of a message meant for its recipient's eyes only. */
export const PRIVATE_BODY =
  'This message holds a private link for its recipient only, so its text is not shown here. ' +
  '(In the development mailbox, with no SMTP server set up, it is shown.)';

/** Decides at send time whether a message of one kind is still wanted (see `whenSending`). */
export type StillWanted = (payload: Record<string, string>, m: EntityManager) => Promise<boolean>;

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
  private readonly checks = new Map<string, StillWanted>();
  private readonly privateKinds = new Set<string>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditService,
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

  async enqueue(mail: OutgoingMail, manager?: EntityManager): Promise<void> {
    await this.outbox.enqueue(mail, manager);
  }

  /**
   * Lets the feature that wrote a kind of message say at send time whether it still stands (a
   * reminder only while its session is still booked at that time).
   */
  whenSending(kind: string, check: StillWanted): void {
    this.checks.set(kind, check);
  }

  /**
   * Marks a kind of mail as holding a secret for its recipient alone (a password reset link):
   * admins see its text in the mailbox only while it is the development mailbox (no SMTP_URL,
   * outside production), where reading it is the point; otherwise only who it went to and when.
   */
  keepBodyPrivate(kind: string): void {
    this.privateKinds.add(kind);
  }

  /** Sends what is due. Returns how many messages were handled. */
  async runOnce(limit = 20): Promise<number> {
    return this.ds.transaction(async (m) => {
      const due = await this.outbox.claimDue(m, limit);
      for (const row of due) {
        if (!(await this.stillWanted(row, m))) {
          await this.outbox.skipped(m, row.id);
          continue;
        }
        try {
          const transport = await this.send(row);
          await this.outbox.sent(m, row.id, transport);
        } catch (e) {
          const failed = row.attempts + 1 >= MAX_ATTEMPTS;
          await this.outbox.failed(
            m,
            row.id,
            e instanceof Error ? e.message.slice(0, 500) : String(e),
            failed,
          );
        }
      }
      return due.length;
    });
  }

  private async stillWanted(row: OutboxRow, m: EntityManager): Promise<boolean> {
    const check = this.checks.get(row.kind);
    return check ? check(row.payload, m) : true;
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
    const devMailbox = !this.config.smtpUrl && !this.config.production;
    const messages = (await this.outbox.recent(auth.practiceId, limit)).map((m) =>
      this.privateKinds.has(m.kind) && !devMailbox ? { ...m, text: PRIVATE_BODY } : m,
    );
    // Mail names clients and their sessions: reading it is on the trail.
    await this.audit.byCaller(auth, 'mailbox.read', {
      entityType: 'outbox_message',
      meta: { count: messages.length },
    });
    return messages;
  }
}
