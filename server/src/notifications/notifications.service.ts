import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DevMailboxMessage } from '@attune/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { type OutboxRow, OutboxRepository, type OutgoingMail } from './outbox.repository.js';
import { PeriodicJobs } from './periodic-jobs.service.js';

export type { OutgoingMail } from './outbox.repository.js';

const MAX_ATTEMPTS = 5;

/** What the mailbox shows instead of a message meant for its recipient's eyes only. */
export const PRIVATE_BODY =
  'This message holds a private link for its recipient only, so its text is not shown here. ' +
  '(In the development mailbox, with no SMTP server set up, it is shown.)';

/** Decides at send time whether a message of one kind is still wanted (see `whenSending`). */
export type StillWanted = (payload: Record<string, string>, m: EntityManager) => Promise<boolean>;

/** Work that queues mail on a schedule (see `periodically`). */
export type PeriodicJob = (now: Date) => Promise<unknown>;

/**
 * The outbox: mail is written in the same transaction as the change it reports and sent later by
 * a sender on every instance. Senders claim rows under a lease (FOR UPDATE SKIP LOCKED, in one
 * short statement), send without holding a transaction, and mark each row only while they still
 * hold its lease: with any number of senders each row is handed to the transport once, unless a
 * sender dies between the transport's acceptance and the mark (then it goes again after the
 * lease, with the same Message-ID). The same timer runs the periodic jobs.
 */
@Injectable()
export class NotificationsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  // Registrations from code (the same in every instance), not state.
  private readonly checks = new Map<string, StillWanted>();
  private readonly messageHost: string;
  private readonly privateKinds = new Set<string>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditService,
    private readonly jobs: PeriodicJobs,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (config.outboxLeaseMs <= transport.sendTimeoutMs)
      throw new Error(
        `OUTBOX_LEASE_MS (${config.outboxLeaseMs}) must be longer than one ${transport.name} send may take (${transport.sendTimeoutMs} ms).`,
      );
    this.messageHost = new URL(config.publicUrl).hostname;
  }

  onApplicationBootstrap(): void {
    if (this.config.outboxIntervalMs > 0) {
      this.timer = setInterval(() => void this.tick(), this.config.outboxIntervalMs);
      this.timer.unref();
    }
  }

  /**
   * Stops the timer and waits for a run in progress, before the pool closes (on shutdown). A
   * batch being sent gives back the rows it has not tried yet, so another instance takes them
   * at once instead of after the lease.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopping = true;
    await this.running;
  }

  /** One beat of the background timer: periodic jobs, then what is due in the outbox. */
  private async tick(): Promise<void> {
    if (this.running || !this.timer) return;
    this.running = (async () => {
      await this.jobs.runDue();
      while (!this.stopping && (await this.runOnce()) > 0);
    })()
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

  /** Queues many at once (one statement); returns how many were new (see `dedupeKey`). */
  enqueueMany(mails: OutgoingMail[], manager?: EntityManager): Promise<number> {
    return this.outbox.enqueueMany(mails, manager);
  }

  /**
   * Lets the feature that wrote a kind of message say at send time whether it still stands (a
   * reminder only while its session is still booked at that time).
   */
  whenSending(kind: string, check: StillWanted): void {
    this.checks.set(kind, check);
  }

  /**
   * Runs `run` once per period of `everyMs` across every instance (see PeriodicJobs): for work
   * that queues mail on a schedule and keeps its own transactions. It should be idempotent too
   * (dedupe keys), since a failed run is tried again at the next tick.
   */
  periodically(name: string, everyMs: number, run: PeriodicJob): void {
    this.jobs.register({
      name,
      everyMs,
      run: async (_m, at) => {
        const done = await run(at.now);
        return typeof done === 'number' ? done : 0;
      },
    });
  }

  /**
   * Marks a kind of mail as holding a secret for its recipient alone (a password reset link):
   * admins see its text in the mailbox only while it is the development mailbox (no SMTP_URL,
   * outside production), where reading it is the point; otherwise only who it went to and when.
   */
  keepBodyPrivate(kind: string): void {
    this.privateKinds.add(kind);
  }

  /** Claims one batch of due mail and sends it. Returns how many messages were claimed. */
  async runOnce(limit = 20): Promise<number> {
    await this.outbox.giveUpStuck(MAX_ATTEMPTS);
    const token = randomUUID();
    const claimedAt = Date.now();
    const rows = await this.outbox.claim(limit, this.config.outboxLeaseMs, token);
    // Start a send only while the lease will outlast it.
    const lastStart = claimedAt + this.config.outboxLeaseMs - this.transport.sendTimeoutMs;
    for (const [i, row] of rows.entries()) {
      if (this.stopping || Date.now() >= lastStart) {
        await this.outbox.release(
          rows.slice(i).map((r) => r.id),
          token,
        );
        break;
      }
      await this.deliver(row, token);
    }
    return rows.length;
  }

  private async deliver(row: OutboxRow, token: string): Promise<void> {
    const check = this.checks.get(row.kind);
    if (check && !(await check(row.payload, this.ds.manager))) {
      await this.outbox.skipped(row.id, token);
      return;
    }
    try {
      await this.transport.send({
        messageId: `<${row.id}@${this.messageHost}>`,
        from: this.config.mailFrom,
        to: row.to_email,
        subject: row.subject,
        text: row.body_text,
      });
    } catch (e) {
      const error = e instanceof Error ? e.message.slice(0, 500) : String(e);
      await this.outbox.failed(row.id, token, error, row.attempts >= MAX_ATTEMPTS);
      return;
    }
    if (!(await this.outbox.sent(row.id, token, this.transport.name)))
      this.logger.warn(
        `Message ${row.id} was sent after its lease ran out; another sender may send it again.`,
      );
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
