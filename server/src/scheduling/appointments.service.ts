import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AppointmentView, SCHEDULING_LIMITS } from '@attune/shared';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { AccessService } from '../common/access.service.js';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { canonicalJson } from '../common/canonical-json.js';
import { AppError, badField, conflict, notFound } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { AvailabilityService, outsideHours } from './availability.service.js';
import { icsText, newCalendar, renderCalendar } from './ics.js';
import type {
  AppointmentListQueryDto,
  BookAppointmentDto,
  CancelAppointmentDto,
  UpdateAppointmentDto,
} from './dto/scheduling.dto.js';

interface AppointmentRow {
  id: string;
  practice_id: string;
  therapist_id: string;
  therapist_name: string;
  therapist_email: string;
  client_id: string;
  client_first: string;
  client_last: string;
  client_preferred: string | null;
  client_email: string | null;
  type_id: string;
  type_name: string;
  duration_minutes: number;
  starts_at: Date;
  ends_at: Date;
  status: AppointmentView['status'];
  cancel_reason: string | null;
  cancelled_at: Date | null;
  late_cancel: boolean;
  override_reason: string | null;
  version: number;
  practice_zone: string;
  practice_name: string;
  cancellation_window_hours: number;
}

const SELECT = `SELECT a.id, a.practice_id, a.therapist_id, tu.display_name AS therapist_name, tu.email AS therapist_email,
    a.client_id, c.first_name AS client_first, c.last_name AS client_last, c.preferred_name AS client_preferred,
    c.email AS client_email, a.type_id, t.name AS type_name, t.duration_minutes, a.starts_at, a.ends_at, a.status,
    a.cancel_reason, a.cancelled_at, a.late_cancel, a.override_reason, a.version,
    p.time_zone AS practice_zone, p.name AS practice_name, p.cancellation_window_hours
  FROM appointments a
  JOIN memberships tm ON tm.id = a.therapist_id JOIN users tu ON tu.id = tm.user_id
  JOIN clients c ON c.id = a.client_id
  JOIN appointment_types t ON t.id = a.type_id
  JOIN practices p ON p.id = a.practice_id`;

const clientName = (r: AppointmentRow) =>
  `${r.client_preferred || r.client_first} ${r.client_last}`;
export const initials = (first: string, last: string) =>
  `${first.charAt(0)}. ${last.charAt(0)}.`.toUpperCase();

function toView(r: AppointmentRow): AppointmentView {
  return {
    id: r.id,
    therapist: { id: r.therapist_id, displayName: r.therapist_name },
    client: { id: r.client_id, displayName: clientName(r) },
    type: { id: r.type_id, name: r.type_name, durationMinutes: r.duration_minutes },
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: r.status,
    cancelReason: r.cancel_reason,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    lateCancel: r.late_cancel,
    overrideReason: r.override_reason,
    version: r.version,
  };
}

const when = (d: Date, zone: string) =>
  DateTime.fromJSDate(d, { zone }).toFormat("cccc d LLLL yyyy 'at' h:mm a ZZZZ");
const clock = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('h:mm a');

const KEY_REUSED = 'This Idempotency-Key was already used for a different booking.';
const RETRIES = 3;

/** Deadlock or serialization failure: the whole transaction may simply run again. */
const retryable = (e: unknown) =>
  e instanceof QueryFailedError &&
  ['40P01', '40001'].includes((e.driverError as { code?: string } | undefined)?.code ?? '');

/**
 * Queues bookings that touch the same therapist or client, so that they meet the exclusion
 * constraints one after another (concurrent inserts into an exclusion constraint can deadlock).
 * Always in sorted order, so two bookings never hold one lock each and wait for the other.
 */
async function lockPeople(m: EntityManager, people: string[]): Promise<void> {
  const keys = [...new Set(people)].sort();
  for (const k of keys)
    await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`appointments:${k}`]);
}

@Injectable()
export class AppointmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly availability: AvailabilityService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Admins: the practice calendar; therapists: their own; clients: their own sessions. One query. */
  async list(auth: AuthContext, q: AppointmentListQueryDto): Promise<AppointmentView[]> {
    const from = q.from ? new Date(q.from) : new Date(Date.now() - 7 * 86_400_000);
    const to = q.to ? new Date(q.to) : new Date(from.getTime() + 70 * 86_400_000);
    if (to <= from) throw badField('to', 'to must be after from');
    if (to.getTime() - from.getTime() > 400 * 86_400_000)
      throw badField('to', 'the range can be at most 400 days');
    const params: unknown[] = [auth.practiceId, from, to];
    let where = 'a.practice_id = $1 AND a.starts_at < $3 AND a.ends_at > $2';
    if (q.includeCancelled !== 'true') where += ` AND a.status <> 'cancelled'`;
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where += ` AND ${sql.replace('?', `$${params.length}`)}`;
    };
    if (hasRole(auth, 'client')) add('a.client_id = ?', auth.clientId);
    else if (!hasRole(auth, 'admin')) add('a.therapist_id = ?', auth.memberId);
    if (q.therapistId) add('a.therapist_id = ?', q.therapistId);
    if (q.clientId) add('a.client_id = ?', q.clientId);
    const rows = await this.ds.query<AppointmentRow[]>(
      `${SELECT} WHERE ${where} ORDER BY a.starts_at, a.id LIMIT 2000`,
      params,
    );
    await this.audit.byCaller(auth, 'appointment.list', {
      entityType: 'appointment',
      clientId: q.clientId ?? auth.clientId ?? null,
    });
    return rows.map(toView);
  }

  private async row(
    auth: AuthContext,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<AppointmentRow> {
    const params: unknown[] = [id, auth.practiceId];
    let where = 'a.id = $1 AND a.practice_id = $2';
    if (hasRole(auth, 'client')) {
      params.push(auth.clientId);
      where += ' AND a.client_id = $3';
    } else if (!hasRole(auth, 'admin')) {
      params.push(auth.memberId);
      where += ' AND a.therapist_id = $3';
    }
    const [row] = await m.query<AppointmentRow[]>(
      `${SELECT} WHERE ${where} ${lock ? 'FOR UPDATE OF a' : ''}`,
      params,
    );
    if (!row) throw notFound('That session');
    return row;
  }

  async get(auth: AuthContext, id: string): Promise<AppointmentView> {
    return toView(await this.row(auth, id));
  }

  /** Checks the slot (hours and time off unless overridden) and names any clash Postgres reports. */
  private async place(
    auth: AuthContext,
    m: EntityManager,
    t: {
      therapistId: string;
      clientId: string;
      typeId: string;
      startsAt: string;
      override?: boolean;
      overrideReason?: string;
    },
    practiceZone: string,
  ) {
    const therapist = await this.access
      .therapist(auth, t.therapistId, m)
      .catch(() =>
        Promise.reject(badField('therapistId', 'therapistId is not a therapist of your practice')),
      );
    if (!therapist.active) throw badField('therapistId', 'this therapist is deactivated');
    const type = await this.availability
      .type(auth, t.typeId, m)
      .catch(() =>
        Promise.reject(badField('typeId', 'typeId is not an appointment type of your practice')),
      );
    if (!type.active) throw badField('typeId', 'this appointment type is no longer offered');
    const start = new Date(t.startsAt);
    if (start.getTime() < Date.now() - 5 * 60_000)
      throw badField('startsAt', 'startsAt is in the past');
    const end = new Date(start.getTime() + type.durationMinutes * 60_000);
    if (t.override) {
      if (!t.overrideReason)
        throw badField('overrideReason', 'say briefly why this session is outside the usual hours');
    } else {
      const fit = await this.availability.fitsSchedule(therapist.id, practiceZone, start, end, m);
      if (fit.timeOff)
        throw outsideHours(
          `${therapist.displayName} is away then (time off ${when(fit.timeOff.starts_at, fit.zone)} to ${when(fit.timeOff.ends_at, fit.zone)}). ` +
            'Choose another time, or book anyway with a reason.',
        );
      if (!fit.inHours)
        throw outsideHours(
          `That time is outside ${therapist.displayName}'s working hours. Choose a free slot, or book anyway with a reason.`,
        );
    }
    return { therapist, type, start, end };
  }

  /** Turns an exclusion violation into a 409 that names the session it clashes with. */
  private async clash(
    e: unknown,
    ids: {
      therapistId: string;
      clientId: string;
      start: Date;
      end: Date;
      zone: string;
      except?: string;
    },
  ): Promise<never> {
    const driver = (e as QueryFailedError).driverError as
      { code?: string; constraint?: string } | undefined;
    if (!(e instanceof QueryFailedError) || driver?.code !== '23P01') throw e;
    const byClient = driver.constraint === 'appointments_client_no_overlap';
    const [other] = await this.ds.query<AppointmentRow[]>(
      `${SELECT} WHERE a.${byClient ? 'client_id' : 'therapist_id'} = $1 AND a.status <> 'cancelled'
         AND a.starts_at < $3 AND a.ends_at > $2 AND a.id <> coalesce($4::uuid, '00000000-0000-0000-0000-000000000000')
       ORDER BY a.starts_at LIMIT 1`,
      [byClient ? ids.clientId : ids.therapistId, ids.start, ids.end, ids.except ?? null],
    );
    const who = other
      ? byClient
        ? clientName(other)
        : other.therapist_name
      : byClient
        ? 'This client'
        : 'This therapist';
    const span = other
      ? ` from ${clock(other.starts_at, ids.zone)} to ${clock(other.ends_at, ids.zone)}`
      : '';
    throw new AppError(
      HttpStatus.CONFLICT,
      `${who} already has a session${span} that overlaps this time.`,
      {
        code: byClient ? 'client_busy' : 'therapist_busy',
      },
    );
  }

  /** Runs a booking transaction again after a deadlock or serialization failure (bounded). */
  private async retrying<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (!retryable(e) || attempt >= RETRIES) throw e;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  /** A booking made before with this key by this caller: the same body gets it back. */
  private async replay(
    auth: AuthContext,
    key: string,
    hash: string,
    m: EntityManager = this.ds.manager,
  ): Promise<string | null> {
    const [prior] = await m.query<{ id: string; request_hash: string }[]>(
      `SELECT id, request_hash FROM appointments
        WHERE booked_by_user_id = $1 AND idempotency_key = $2 AND practice_id = $3`,
      [auth.userId, key, auth.practiceId],
    );
    if (!prior) return null;
    if (prior.request_hash !== hash)
      throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, KEY_REUSED, { code: 'key_reused' });
    return prior.id;
  }

  /**
   * Books a session. Concurrent bookings queue per therapist and per client and answer 201 or
   * 409, never a deadlock; Postgres's exclusion constraints stay the final guard. With an
   * Idempotency-Key, a retry with the same body gets the same booking (after a lost answer too).
   */
  async book(auth: AuthContext, dto: BookAppointmentDto, key?: string): Promise<AppointmentView> {
    if (key !== undefined) {
      if (!key.trim() || key.length > SCHEDULING_LIMITS.idempotencyKeyMax)
        throw badField(
          'Idempotency-Key',
          `Idempotency-Key must be 1 to ${SCHEDULING_LIMITS.idempotencyKeyMax} characters`,
        );
    }
    const hash = createHash('sha256').update(canonicalJson(dto)).digest('hex');
    const zone = await this.availability.practiceZone(auth);
    let placed: Awaited<ReturnType<AppointmentsService['place']>> | undefined;
    let id: string;
    try {
      id = await this.retrying(() =>
        this.ds.transaction(async (m) => {
          placed = undefined;
          const replayed = key ? await this.replay(auth, key, hash, m) : null;
          if (replayed) return replayed;
          const client = await this.access
            .client(auth, dto.clientId, m)
            .catch(() =>
              Promise.reject(badField('clientId', 'clientId is not a client of your practice')),
            );
          if (client.status !== 'active') throw badField('clientId', 'this client is inactive');
          placed = await this.place(auth, m, dto, zone);
          // Only the write queues: the checks above ran side by side.
          await lockPeople(m, [`therapist:${placed.therapist.id}`, `client:${dto.clientId}`]);
          // A parallel request with this key may have just booked while this one waited.
          const earlier = key ? await this.replay(auth, key, hash, m) : null;
          if (earlier) return earlier;
          const [row] = await m.query<{ id: string }[]>(
            `INSERT INTO appointments (practice_id, therapist_id, client_id, type_id, starts_at, ends_at, booked_by_user_id,
                                       override_reason, idempotency_key, request_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
            [
              auth.practiceId,
              placed.therapist.id,
              dto.clientId,
              placed.type.id,
              placed.start,
              placed.end,
              auth.userId,
              dto.override ? dto.overrideReason : null,
              key ?? null,
              key ? hash : null,
            ],
          );
          const appt = await this.row(auth, row!.id, m);
          await this.mail(appt, 'booked', m);
          await this.audit.byCaller(
            auth,
            'appointment.book',
            { entityType: 'appointment', entityId: row!.id, clientId: dto.clientId },
            m,
          );
          return row!.id;
        }),
      );
    } catch (e) {
      // The same key raced in from a second request with another body: the unique index says so.
      const driver = (e as QueryFailedError).driverError as { constraint?: string } | undefined;
      if (key && driver?.constraint === 'appointments_booked_by_idempotency_key') {
        const earlier = await this.replay(auth, key, hash);
        if (earlier) return this.get(auth, earlier);
      }
      if (!placed) throw e;
      return this.clash(e, {
        therapistId: dto.therapistId,
        clientId: dto.clientId,
        start: placed.start,
        end: placed.end,
        zone,
      });
    }
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, dto: UpdateAppointmentDto): Promise<AppointmentView> {
    const moving =
      dto.startsAt !== undefined || dto.therapistId !== undefined || dto.typeId !== undefined;
    if (moving && !hasRole(auth, 'admin'))
      throw new AppError(HttpStatus.FORBIDDEN, 'Only a practice admin can move a session.');
    if (moving && dto.status)
      throw badField('status', 'change the time and the status in separate steps');
    const zone = await this.availability.practiceZone(auth);
    let placed: Awaited<ReturnType<AppointmentsService['place']>> | undefined;
    let current: AppointmentRow | undefined;
    try {
      await this.retrying(() =>
        this.ds.transaction(async (m) => {
          placed = undefined;
          current = await this.row(auth, id, m, true);
          // Any change that stays on the calendar meets the exclusion constraints: queue with
          // bookings of the same therapist and client (bookings take no row locks, so no cycle).
          await lockPeople(m, [
            `therapist:${dto.therapistId ?? current.therapist_id}`,
            `client:${current.client_id}`,
          ]);
          if (dto.version !== current.version)
            throw conflict(
              'This session was changed since you opened it. Here is the latest.',
              toView(current),
            );
          if (current.status === 'cancelled') throw conflict('This session was cancelled.');
          if (dto.status) {
            await m.query(
              'UPDATE appointments SET status = $2, version = version + 1, updated_at = now() WHERE id = $1',
              [id, dto.status],
            );
            await this.audit.byCaller(
              auth,
              `appointment.${dto.status}`,
              { entityType: 'appointment', entityId: id, clientId: current.client_id },
              m,
            );
            return;
          }
          if (!moving) return;
          placed = await this.place(
            auth,
            m,
            {
              therapistId: dto.therapistId ?? current.therapist_id,
              clientId: current.client_id,
              typeId: dto.typeId ?? current.type_id,
              startsAt: dto.startsAt ?? current.starts_at.toISOString(),
              override: dto.override,
              overrideReason: dto.overrideReason,
            },
            zone,
          );
          await m.query(
            `UPDATE appointments SET therapist_id = $2, type_id = $3, starts_at = $4, ends_at = $5, override_reason = $6,
                  version = version + 1, updated_at = now() WHERE id = $1`,
            [
              id,
              placed.therapist.id,
              placed.type.id,
              placed.start,
              placed.end,
              dto.override ? dto.overrideReason : null,
            ],
          );
          await this.mail(await this.row(auth, id, m), 'changed', m);
          await this.audit.byCaller(
            auth,
            'appointment.reschedule',
            { entityType: 'appointment', entityId: id, clientId: current.client_id },
            m,
          );
        }),
      );
    } catch (e) {
      if (!placed || !current) throw e;
      return this.clash(e, {
        therapistId: placed.therapist.id,
        clientId: current.client_id,
        start: placed.start,
        end: placed.end,
        zone,
        except: id,
      });
    }
    return this.get(auth, id);
  }

  /** Cancels with a reason; inside the practice's window it is marked a late cancellation. */
  async cancel(auth: AuthContext, id: string, dto: CancelAppointmentDto): Promise<AppointmentView> {
    await this.ds.transaction(async (m) => {
      const a = await this.row(auth, id, m, true);
      if (a.status === 'cancelled') return;
      if (a.status !== 'booked') throw conflict('Only a booked session can be cancelled.');
      const late = a.starts_at.getTime() - Date.now() < a.cancellation_window_hours * 3_600_000;
      await m.query(
        `UPDATE appointments SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), late_cancel = $3,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [id, dto.reason, late],
      );
      await this.mail(a, 'cancelled', m);
      await this.audit.byCaller(
        auth,
        'appointment.cancel',
        { entityType: 'appointment', entityId: id, clientId: a.client_id, meta: { late } },
        m,
      );
    });
    return this.get(auth, id);
  }

  /** Confirmation, change and cancellation mail to client and therapist, plus a reminder a day ahead. */
  private async mail(
    a: AppointmentRow,
    what: 'booked' | 'changed' | 'cancelled',
    m: EntityManager,
  ): Promise<void> {
    const subject = {
      booked: 'Session booked',
      changed: 'Session moved',
      cancelled: 'Session cancelled',
    }[what];
    const at = when(a.starts_at, a.practice_zone);
    const lines = {
      booked: `Your session with ${a.therapist_name} is booked for ${at}.`,
      changed: `Your session with ${a.therapist_name} is now on ${at}.`,
      cancelled: `Your session with ${a.therapist_name} on ${at} has been cancelled.`,
    }[what];
    if (a.client_email)
      await this.notifications.enqueue(
        {
          practiceId: a.practice_id,
          kind: `appointment.${what}`,
          to: a.client_email,
          subject: `${subject}: ${a.practice_name}`,
          text: `Hello ${a.client_preferred || a.client_first},\n\n${lines}\n\nIf you need to change it, please contact ${a.practice_name}.`,
        },
        m,
      );
    await this.notifications.enqueue(
      {
        practiceId: a.practice_id,
        kind: `appointment.${what}`,
        to: a.therapist_email,
        subject: `${subject}: ${initials(a.client_first, a.client_last)} ${at}`,
        text: `${subject} with ${initials(a.client_first, a.client_last)} (${a.type_name}) ${what === 'cancelled' ? 'on' : 'for'} ${at}.`,
      },
      m,
    );
    const remindAt = new Date(a.starts_at.getTime() - 24 * 3_600_000);
    if (what !== 'cancelled' && a.client_email && remindAt.getTime() > Date.now())
      await this.notifications.enqueue(
        {
          practiceId: a.practice_id,
          kind: 'appointment.reminder',
          to: a.client_email,
          subject: `Reminder: your session tomorrow with ${a.therapist_name}`,
          text: `Hello ${a.client_preferred || a.client_first},\n\nA gentle reminder of your session with ${a.therapist_name} on ${at}.`,
          payload: { appointmentId: a.id, startsAt: a.starts_at.toISOString() },
          dedupeKey: `reminder:${a.id}:${a.starts_at.toISOString()}`,
          runAfter: remindAt,
        },
        m,
      );
  }

  /** One session as an iCalendar file (RFC 5545), worded for whoever downloads it. */
  async ics(auth: AuthContext, id: string): Promise<string> {
    const a = await this.row(auth, id);
    const cal = newCalendar(a.practice_name);
    cal.createEvent({
      id: `${a.id}@attune`,
      start: a.starts_at,
      end: a.ends_at,
      summary: icsText(
        hasRole(auth, 'client')
          ? `Session with ${a.therapist_name}`
          : `Session: ${initials(a.client_first, a.client_last)}`,
      ),
      description: icsText(`${a.type_name} at ${a.practice_name}`),
      status: a.status === 'cancelled' ? ('CANCELLED' as never) : ('CONFIRMED' as never),
    });
    await this.audit.byCaller(auth, 'appointment.ics', {
      entityType: 'appointment',
      entityId: id,
      clientId: a.client_id,
    });
    return renderCalendar(cal);
  }

  /** Creates (or replaces) the therapist's feed URL. The secret is shown once; only its hash is kept. */
  async createFeed(auth: AuthContext, therapistId: string, showClient: 'initials' | 'none') {
    await this.access.therapist(auth, therapistId);
    const token = newToken();
    const row = await this.ds.transaction(async (m) => {
      await m.query(
        'UPDATE calendar_feeds SET revoked_at = now() WHERE therapist_id = $1 AND revoked_at IS NULL',
        [therapistId],
      );
      const [r] = await m.query<{ created_at: Date }[]>(
        `INSERT INTO calendar_feeds (practice_id, therapist_id, token_hash, show_client) VALUES ($1, $2, $3, $4) RETURNING created_at`,
        [auth.practiceId, therapistId, hashToken(token), showClient],
      );
      await this.audit.byCaller(
        auth,
        'calendar_feed.create',
        { entityType: 'membership', entityId: therapistId },
        m,
      );
      return r!;
    });
    return {
      // PUBLIC_URL (the server's own address in development), never a request's Host header.
      url: `${this.config.publicUrl}/api/calendar-feeds/${token}.ics`,
      showClient,
      createdAt: row.created_at.toISOString(),
    };
  }

  async revokeFeed(auth: AuthContext, therapistId: string): Promise<void> {
    await this.access.therapist(auth, therapistId);
    await this.ds.query(
      'UPDATE calendar_feeds SET revoked_at = now() WHERE therapist_id = $1 AND revoked_at IS NULL',
      [therapistId],
    );
    await this.audit.byCaller(auth, 'calendar_feed.revoke', {
      entityType: 'membership',
      entityId: therapistId,
    });
  }

  /** The subscribable feed: no PHI beyond what the therapist chose (client initials or nothing). */
  async feed(tokenWithExt: string): Promise<string> {
    const token = tokenWithExt.replace(/\.ics$/, '');
    if (token.length > 200) throw notFound();
    const [feed] = await this.ds.query<
      {
        therapist_id: string;
        show_client: 'initials' | 'none';
        practice_id: string;
        practice_name: string;
      }[]
    >(
      `SELECT f.therapist_id, f.show_client, f.practice_id, p.name AS practice_name FROM calendar_feeds f
         JOIN practices p ON p.id = f.practice_id WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
      [hashToken(token)],
    );
    if (!feed) throw notFound('That calendar feed');
    const rows = await this.ds.query<AppointmentRow[]>(
      `${SELECT} WHERE a.therapist_id = $1 AND a.status <> 'cancelled'
         AND a.starts_at > now() - interval '30 days' AND a.starts_at < now() + interval '180 days' ORDER BY a.starts_at`,
      [feed.therapist_id],
    );
    const cal = newCalendar(`${feed.practice_name} sessions`);
    for (const a of rows)
      cal.createEvent({
        id: `${a.id}@attune`,
        start: a.starts_at,
        end: a.ends_at,
        summary: icsText(
          feed.show_client === 'initials'
            ? `Session (${initials(a.client_first, a.client_last)})`
            : 'Session',
        ),
      });
    await this.audit.record({
      action: 'calendar_feed.read',
      practiceId: feed.practice_id,
      entityType: 'membership',
      entityId: feed.therapist_id,
    });
    return renderCalendar(cal);
  }
}
