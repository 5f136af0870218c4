import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GENTLE_REMINDER_KIND,
  GENTLE_REMINDER_MIN_DAYS,
  gentleReminderEmail,
  type ReminderPreference,
} from '@attune/shared';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type ReminderRecipient, ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { NotificationsService, type OutgoingMail } from '../notifications/notifications.service.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { AssignmentsRepository } from '../psychoeducation/assignments.repository.js';
import { ScreeningsRepository } from '../screening/screenings.repository.js';

/** How often each instance looks for reminders to queue (the window below is six hours wide). */
export const REMINDER_SWEEP_MS = 15 * 60_000;
const PAGE = 500;
const DAY_MS = 86_400_000;

/** Weekdays, 10:00 to 16:00 on the client's clock: never at night, never at the weekend. */
export function inReminderWindow(local: DateTime): boolean {
  return local.isValid && local.weekday <= 5 && local.hour >= 10 && local.hour < 16;
}

/** One key per client and ISO week: the database queues the week's note once, whoever runs. */
export function reminderKey(clientId: string, local: DateTime): string {
  return `${GENTLE_REMINDER_KIND}:${clientId}:${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

/**
 * Gentle reminders: at most one email a week per client, and only while a reading or a screener
 * is waiting and the client has not turned them off. Safe on several instances at once: each
 * week's note has a unique key in the outbox, and the sender checks again before it goes out.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly clients: ClientsRepository,
    private readonly screenings: ScreeningsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditService,
    notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    notifications.periodically('gentle-reminders', REMINDER_SWEEP_MS, (now) => this.queueDue(now));
    // Turned off, or nothing left open, after it was queued: it does not go out.
    notifications.whenSending(GENTLE_REMINDER_KIND, ({ clientId }, m) =>
      clientId ? this.stillWanted(clientId, m) : Promise.resolve(false),
    );
  }

  async preference(auth: AuthContext): Promise<ReminderPreference> {
    await this.access.requireAccess(auth, 'reminders.manage');
    return { gentleReminders: await this.clients.gentleReminders(auth.clientId!) };
  }

  async setPreference(auth: AuthContext, gentleReminders: boolean): Promise<ReminderPreference> {
    await this.access.requireAccess(auth, 'reminders.manage');
    return this.ds.transaction(async (m) => {
      await this.clients.setGentleReminders(m, auth.clientId!, gentleReminders);
      await this.audit.byCaller(
        auth,
        'client.reminders.update',
        {
          entityType: 'client',
          entityId: auth.clientId,
          clientId: auth.clientId,
          meta: { gentleReminders },
        },
        m,
      );
      return { gentleReminders };
    });
  }

  /**
   * Queues this week's note for every client whose clock is in the window, who has something
   * open, and who got none in the last seven days. Returns how many were queued. A few queries
   * per 500 clients; running it twice, or on two instances at once, queues nothing more.
   */
  async queueDue(now: Date): Promise<number> {
    let after: string | null = null;
    let queued = 0;
    for (;;) {
      const page = await this.clients.reminderRecipients(after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      queued += await this.queuePage(page, now);
      if (page.length < PAGE) break;
    }
    return queued;
  }

  private async queuePage(page: ReminderRecipient[], now: Date): Promise<number> {
    const due = page.flatMap((r) => {
      const local = DateTime.fromJSDate(now, { zone: r.time_zone });
      return inReminderWindow(local)
        ? [
            {
              r,
              key: reminderKey(r.id, local),
              lastWeek: reminderKey(r.id, local.minus({ weeks: 1 })),
            },
          ]
        : [];
    });
    if (due.length === 0) return 0;
    const ids = due.map((d) => d.r.id);
    const [screeners, readings] = await Promise.all([
      this.screenings.clientsWithOpen(ids),
      this.assignments.clientsWithOpen(ids),
    ]);
    const open = due.filter((d) => screeners.has(d.r.id) || readings.has(d.r.id));
    // This week's key, or last week's within seven days: at most one a week, and never two
    // close together across a week's end.
    const cutoff = now.getTime() - GENTLE_REMINDER_MIN_DAYS * DAY_MS;
    const queuedBefore = await this.outbox.byDedupeKeys(open.flatMap((d) => [d.key, d.lastWeek]));
    const recent = new Set(
      queuedBefore.filter((q) => q.run_after.getTime() > cutoff).map((q) => q.dedupe_key),
    );
    const thisWeek = new Set(queuedBefore.map((q) => q.dedupe_key));
    const mails: OutgoingMail[] = open
      .filter((d) => !thisWeek.has(d.key) && !recent.has(d.lastWeek))
      .map(({ r, key }) => {
        const { subject, text } = gentleReminderEmail({
          name: r.name,
          practiceName: r.practice_name,
          reading: readings.has(r.id),
          screener: screeners.has(r.id),
          homeUrl: `${this.config.publicUrl}/client`,
          settingsUrl: `${this.config.publicUrl}/client/account#reminders`,
        });
        return {
          practiceId: r.practice_id,
          kind: GENTLE_REMINDER_KIND,
          to: r.email,
          subject,
          text,
          payload: { clientId: r.id },
          dedupeKey: key,
          runAfter: now,
        };
      });
    return this.outbox.enqueueMany(mails);
  }

  private async stillWanted(clientId: string, m: EntityManager): Promise<boolean> {
    if (!(await this.clients.gentleReminders(clientId, m))) return false;
    const [screeners, readings] = await Promise.all([
      this.screenings.clientsWithOpen([clientId], m),
      this.assignments.clientsWithOpen([clientId], m),
    ]);
    return screeners.has(clientId) || readings.has(clientId);
  }
}
