import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppointmentView,
  type ChangeRequestKind,
  formatSessionTime,
  formatTime,
  SCHEDULING_LIMITS,
} from '@attune/shared';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { MembersRepository, type TherapistRecord } from '../members/members.repository.js';
import { canonicalJson } from '../common/canonical-json.js';
import { AppError, badField, conflict, notFound } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { HOUR_MS, PeriodicJobs } from '../notifications/periodic-jobs.service.js';
import {
  type AppointmentRow,
  AppointmentsRepository,
  clientName,
  toView,
} from './appointments.repository.js';
import { AvailabilityService, outsideHours } from './availability.service.js';
import { icsText, newCalendar, renderCalendar } from './ics.js';
import type {
  AppointmentListQueryDto,
  BookAppointmentDto,
  CancelAppointmentDto,
  ChangeRequestDto,
  UpdateAppointmentDto,
} from './dto/scheduling.dto.js';

export const initials = (first: string, last: string) =>
  `${first.charAt(0)}. ${last.charAt(0)}.`.toUpperCase();

// The app's own date rule (shared with the client), so email and pages read the same.
const when = (d: Date, zone: string) => formatSessionTime(d, zone);
const clock = (d: Date, zone: string) => formatTime(d, zone);

/** The periodic job that queues day-ahead reminders (its runs are keyed by this name). */
export const DAY_AHEAD_REMINDERS = 'appointment.day-ahead-reminders';

const KEY_REUSED = 'This Idempotency-Key was already used for a different booking.';
/** The reason recorded on sessions cancelled because the practice closed the client's record. */
const RECORD_CLOSED = 'The practice closed this record.';
const RETRIES = 3;

/** Deadlock or serialization failure: the whole transaction may simply run again. */
const retryable = (e: unknown) =>
  e instanceof QueryFailedError &&
  ['40P01', '40001'].includes((e.driverError as { code?: string } | undefined)?.code ?? '');

@Injectable()
export class AppointmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly appointments: AppointmentsRepository,
    private readonly clients: ClientsRepository,
    private readonly members: MembersRepository,
    private readonly availability: AvailabilityService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    jobs: PeriodicJobs,
  ) {
    jobs.register({
      name: DAY_AHEAD_REMINDERS,
      everyMs: HOUR_MS,
      run: (m, at) => this.queueDayAheadReminders(m, at.now),
    });
    // A reminder goes out only while its session is still booked at the time it was written for.
    notifications.whenSending('appointment.reminder', ({ appointmentId, startsAt }, m) =>
      appointmentId
        ? this.appointments.stillBooked(m, appointmentId, startsAt ?? '')
        : Promise.resolve(true),
    );
  }

  /** Admins: the practice calendar; therapists: their own; clients: their own sessions. One query. */
  async list(auth: AuthContext, q: AppointmentListQueryDto): Promise<AppointmentView[]> {
    const from = q.from ? new Date(q.from) : new Date(Date.now() - 7 * 86_400_000);
    const to = q.to ? new Date(q.to) : new Date(from.getTime() + 70 * 86_400_000);
    if (to <= from) throw badField('to', 'to must be after from');
    if (to.getTime() - from.getTime() > 400 * 86_400_000)
      throw badField('to', 'the range can be at most 400 days');
    const rows = await this.appointments.list(this.access.appointmentScope(auth), {
      from,
      to,
      includeCancelled: q.includeCancelled === 'true',
      therapistId: q.therapistId ?? null,
      clientId: q.clientId ?? null,
    });
    await this.audit.byCaller(auth, 'appointment.list', {
      entityType: 'appointment',
      clientId: q.clientId ?? auth.clientId ?? null,
    });
    return rows.map(toView);
  }

  /** A session the caller may reach for `permission` (404 otherwise), optionally locked. */
  private async row(
    auth: AuthContext,
    id: string,
    m: EntityManager = this.ds.manager,
    lock = false,
    permission:
      | 'appointments.read'
      | 'appointments.update'
      | 'appointments.cancel'
      | 'appointments.selfChange' = 'appointments.read',
  ): Promise<AppointmentRow> {
    await this.access.requireAccess(auth, permission, id, m);
    const row = await this.appointments.row(id, m, lock);
    if (!row) throw notFound('That session');
    return row;
  }

  async get(auth: AuthContext, id: string): Promise<AppointmentView> {
    return toView(await this.row(auth, id));
  }

  /** One session, as `GET /appointments/:id` shows it: on the trail with its client. */
  async read(auth: AuthContext, id: string): Promise<AppointmentView> {
    const view = await this.get(auth, id);
    await this.audit.byCaller(auth, 'appointment.read', {
      entityType: 'appointment',
      entityId: id,
      clientId: view.client.id,
    });
    return view;
  }

  /**
   * A therapist of the practice the caller may book for, or a 400 naming therapistId. A client's
   * booking comes here after the self-service gate, which allowed only their own therapist.
   */
  private async therapist(
    auth: AuthContext,
    therapistId: string,
    m: EntityManager,
    gated: boolean,
  ): Promise<TherapistRecord> {
    const reach = gated
      ? Promise.resolve()
      : this.access.requireAccess(auth, 'therapists.read', therapistId, m);
    const found = await reach.then(
      () => this.members.therapist(auth.practiceId, therapistId, m),
      () => null,
    );
    if (!found) throw badField('therapistId', 'therapistId is not a therapist of your practice');
    return found;
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
    gated = false,
  ) {
    const therapist = await this.therapist(auth, t.therapistId, m, gated);
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
      // Clients (and therapists) book inside working hours: no override, whatever the reason.
      await this.access.requireAccess(auth, 'appointments.override', [], m);
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
    const other = await this.appointments.overlapping(
      byClient ? 'client' : 'therapist',
      byClient ? ids.clientId : ids.therapistId,
      ids.start,
      ids.end,
      ids.except ?? null,
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
      byClient ? 'client_busy' : 'therapist_busy',
      `${who} already has a session${span} that overlaps this time.`,
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
    const prior = await this.appointments.byIdempotencyKey(m, auth.userId, key, auth.practiceId);
    if (!prior) return null;
    if (prior.request_hash !== hash)
      throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'key_reused', KEY_REUSED);
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
    // A client books for themselves, through the self-service gate; admins for anyone.
    const self = this.access.can(auth, 'appointments.selfBook');
    let placed: Awaited<ReturnType<AppointmentsService['place']>> | undefined;
    let id: string;
    try {
      id = await this.retrying(() =>
        this.ds.transaction(async (m) => {
          placed = undefined;
          const replayed = key ? await this.replay(auth, key, hash, m) : null;
          if (replayed) return replayed;
          const client = await this.access
            .requireAccess(
              auth,
              self ? 'appointments.selfBook' : 'appointments.book',
              dto.clientId,
              m,
            )
            .then(async () => (await this.clients.record(dto.clientId, m))!)
            .catch(() =>
              Promise.reject(
                badField(
                  'clientId',
                  self
                    ? 'you can book sessions only for yourself'
                    : 'clientId is not a client of your practice',
                ),
              ),
            );
          if (client.status !== 'active') throw badField('clientId', 'this client is inactive');
          if (self)
            await this.access.requireSelfService(
              auth,
              'appointments.selfBook',
              {
                therapistId: dto.therapistId,
                typeId: dto.typeId,
                startsAt: new Date(dto.startsAt),
              },
              m,
            );
          placed = await this.place(auth, m, dto, zone, self);
          // Only the write queues: the checks above ran side by side.
          await this.appointments.lockPeople(m, [
            `therapist:${placed.therapist.id}`,
            `client:${dto.clientId}`,
          ]);
          // A parallel request with this key may have just booked while this one waited.
          const earlier = key ? await this.replay(auth, key, hash, m) : null;
          if (earlier) return earlier;
          const id = await this.appointments.insert(m, {
            practiceId: auth.practiceId,
            therapistId: placed.therapist.id,
            clientId: dto.clientId,
            typeId: placed.type.id,
            start: placed.start,
            end: placed.end,
            bookedBy: auth.userId,
            overrideReason: dto.override ? (dto.overrideReason ?? null) : null,
            idempotencyKey: key ?? null,
            requestHash: key ? hash : null,
          });
          const appt = (await this.appointments.row(id, m))!;
          await this.mail(appt, 'booked', m);
          await this.audit.byCaller(
            auth,
            'appointment.book',
            { entityType: 'appointment', entityId: id, clientId: dto.clientId },
            m,
          );
          return id;
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
    // A client moves their own session to another free time of the same therapist, nothing else.
    const self = this.access.can(auth, 'appointments.selfChange');
    if (self) {
      for (const field of ['therapistId', 'typeId', 'status', 'override'] as const)
        if (dto[field] !== undefined)
          throw badField(field, `${field} cannot be changed online; only the time can`);
      if (dto.startsAt === undefined) throw badField('startsAt', 'choose the new time');
    }
    const moving =
      dto.startsAt !== undefined || dto.therapistId !== undefined || dto.typeId !== undefined;
    if (moving && !self) await this.access.requireAccess(auth, 'appointments.move');
    if (moving && dto.status)
      throw badField('status', 'change the time and the status in separate steps');
    const zone = await this.availability.practiceZone(auth);
    let placed: Awaited<ReturnType<AppointmentsService['place']>> | undefined;
    let current: AppointmentRow | undefined;
    try {
      await this.retrying(() =>
        this.ds.transaction(async (m) => {
          placed = undefined;
          current = await this.row(
            auth,
            id,
            m,
            true,
            self ? 'appointments.selfChange' : 'appointments.update',
          );
          // Any change that stays on the calendar meets the exclusion constraints: queue with
          // bookings of the same therapist and client (bookings take no row locks, so no cycle).
          await this.appointments.lockPeople(m, [
            `therapist:${dto.therapistId ?? current.therapist_id}`,
            `client:${current.client_id}`,
          ]);
          if (dto.version !== current.version)
            throw conflict(
              'session_changed',
              'This session was changed since you opened it. Here is the latest.',
              toView(current),
            );
          if (current.status === 'cancelled')
            throw conflict('session_cancelled', 'This session was cancelled.');
          if (self)
            // Same therapist, same type (one clients may book), both times outside the window.
            await this.access.requireSelfService(
              auth,
              'appointments.selfChange',
              {
                appointmentId: id,
                therapistId: current.therapist_id,
                typeId: current.type_id,
                startsAt: new Date(dto.startsAt!),
              },
              m,
            );
          if (dto.status) {
            await this.appointments.setStatus(m, id, dto.status);
            await this.audit.byCaller(
              auth,
              dto.status === 'completed' ? 'appointment.completed' : 'appointment.no_show',
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
            self,
          );
          await this.appointments.move(m, id, {
            therapistId: placed.therapist.id,
            typeId: placed.type.id,
            start: placed.start,
            end: placed.end,
            overrideReason: dto.override ? (dto.overrideReason ?? null) : null,
          });
          await this.mail((await this.appointments.row(id, m))!, 'changed', m);
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

  /**
   * Cancels with a reason; inside the practice's window it is marked a late cancellation. A
   * client cancels their own session only before that window (inside it they send a request).
   */
  async cancel(auth: AuthContext, id: string, dto: CancelAppointmentDto): Promise<AppointmentView> {
    const self = this.access.can(auth, 'appointments.selfChange');
    await this.ds.transaction(async (m) => {
      const a = await this.row(
        auth,
        id,
        m,
        true,
        self ? 'appointments.selfChange' : 'appointments.cancel',
      );
      if (a.status === 'cancelled') return;
      if (a.status !== 'booked')
        throw conflict('session_not_booked', 'Only a booked session can be cancelled.');
      if (self)
        await this.access.requireSelfService(
          auth,
          'appointments.selfChange',
          { appointmentId: id },
          m,
        );
      const late = a.starts_at.getTime() - Date.now() < a.cancellation_window_hours * 3_600_000;
      await this.appointments.cancel(m, id, dto.reason, late);
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

  /**
   * A client asks to move or cancel a session they cannot change online (it is too close): the
   * request stays on the session for staff to see until they move, cancel or mark it handled,
   * and the therapist gets a mail (initials only; the note stays in Attune). Asking again the
   * same way changes nothing and sends nothing.
   */
  async requestChange(
    auth: AuthContext,
    id: string,
    dto: ChangeRequestDto,
  ): Promise<AppointmentView> {
    const note = dto.note?.trim() || null;
    await this.ds.transaction(async (m) => {
      const a = await this.row(auth, id, m, true, 'appointments.selfChange');
      await this.access.requireSelfService(
        auth,
        'appointments.selfChange',
        { appointmentId: id, insideWindowOk: true },
        m,
      );
      if (a.status !== 'booked')
        throw conflict('session_not_booked', 'Only a booked session can be changed.');
      if (a.starts_at.getTime() <= Date.now())
        throw conflict('session_started', 'This session has already started.');
      if (a.change_request_kind === dto.kind && a.change_request_note === note) return;
      await this.appointments.setChangeRequest(m, id, dto.kind, note);
      await this.requestMail(a, dto.kind, m);
      await this.audit.byCaller(
        auth,
        'appointment.change_request',
        {
          entityType: 'appointment',
          entityId: id,
          clientId: a.client_id,
          meta: { kind: dto.kind },
        },
        m,
      );
    });
    return this.get(auth, id);
  }

  /** Staff mark a client's change request handled (moving or cancelling the session does too). */
  async resolveRequest(auth: AuthContext, id: string): Promise<AppointmentView> {
    await this.ds.transaction(async (m) => {
      const a = await this.row(auth, id, m, true, 'appointments.update');
      if (!a.change_request_kind) return;
      await this.appointments.clearChangeRequest(m, id);
      await this.audit.byCaller(
        auth,
        'appointment.change_request.resolve',
        { entityType: 'appointment', entityId: id, clientId: a.client_id },
        m,
      );
    });
    return this.get(auth, id);
  }

  /** The therapist hears of a change request; the client gets word that it was sent. */
  private async requestMail(
    a: AppointmentRow,
    kind: ChangeRequestKind,
    m: EntityManager,
  ): Promise<void> {
    const at = when(a.starts_at, a.practice_zone);
    const who = initials(a.client_first, a.client_last);
    const wants = kind === 'cancel' ? 'cancel' : 'move';
    await this.notifications.enqueue(
      {
        practiceId: a.practice_id,
        kind: 'appointment.change_request',
        to: a.therapist_email,
        subject: `Change request: ${who} ${at}`,
        text:
          `${who} asked to ${wants} their session (${a.type_name}) on ${at}. It is too close to the ` +
          `session to change online. Their note, if any, is with the session in Attune.`,
      },
      m,
    );
    if (a.client_email)
      await this.notifications.enqueue(
        {
          practiceId: a.practice_id,
          kind: 'appointment.change_request',
          to: a.client_email,
          subject: `We passed on your request: ${a.practice_name}`,
          text:
            `Hello ${a.client_preferred || a.client_first},\n\nWe let ${a.therapist_name} know that you ` +
            `would like to ${wants} your session on ${at}. They will be in touch. Until then, the ` +
            `session stays booked.`,
        },
        m,
      );
  }

  /**
   * Cancels a client's upcoming sessions when their record is closed, inside the closing
   * transaction: only if `expected` names exactly the sessions booked now (else 409 with the
   * current list, so an admin never cancels a session they were not shown). Each cancellation is
   * mailed and audited like any other; none counts as late (the practice cancelled).
   */
  async cancelUpcomingForClient(
    auth: AuthContext,
    clientId: string,
    expected: readonly string[],
    m: EntityManager,
  ): Promise<number> {
    const upcoming = await this.appointments.upcomingForClient(m, clientId);
    const named = new Set(expected);
    if (upcoming.length !== named.size || upcoming.some((a) => !named.has(a.id)))
      throw conflict(
        'client_has_upcoming_sessions',
        upcoming.length
          ? `This client has ${upcoming.length} upcoming session${upcoming.length === 1 ? '' : 's'}. ` +
              'Closing the record cancels them: please confirm the list shown.'
          : 'The upcoming sessions changed: this client has none now. Please confirm again.',
        upcoming.map(toView),
      );
    for (const a of upcoming) {
      await this.appointments.cancel(m, a.id, RECORD_CLOSED, false);
      await this.mail(a, 'cancelled', m);
      await this.audit.byCaller(
        auth,
        'appointment.cancel',
        {
          entityType: 'appointment',
          entityId: a.id,
          clientId,
          meta: { late: false, recordClosed: true },
        },
        m,
      );
    }
    return upcoming.length;
  }

  /**
   * Confirmation, change and cancellation mail to client and therapist (day-ahead reminders:
   * below). Subjects carry the date and time in the practice's zone, named, so a list of mail reads
   * like a calendar; a cancellation tells the client how to book again.
   */
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
    const zoneNote = `Times are in the practice's time zone, ${a.practice_zone}.`;
    const sessionsLink = `${this.config.publicUrl.replace(/\/$/, '')}/client/sessions`;
    const lines = {
      booked: `Your session with ${a.therapist_name} is booked for ${at}.`,
      changed: `Your session with ${a.therapist_name} is now on ${at}.`,
      cancelled: `Your session with ${a.therapist_name} on ${at} has been cancelled.`,
    }[what];
    const next =
      what === 'cancelled'
        ? `To book a new time, please contact ${a.practice_name} and they will find one with you. ` +
          `Your booked sessions are always listed in Attune: ${sessionsLink}`
        : `If you need to change it, please contact ${a.practice_name}. ` +
          `Your sessions are listed in Attune: ${sessionsLink}`;
    if (a.client_email)
      await this.notifications.enqueue(
        {
          practiceId: a.practice_id,
          kind: `appointment.${what}`,
          to: a.client_email,
          subject: `${subject}: ${at} (${a.practice_name})`,
          text: `Hello ${a.client_preferred || a.client_first},\n\n${lines}\n${zoneNote}\n\n${next}`,
        },
        m,
      );
    await this.notifications.enqueue(
      {
        practiceId: a.practice_id,
        kind: `appointment.${what}`,
        to: a.therapist_email,
        subject: `${subject}: ${initials(a.client_first, a.client_last)}, ${at}`,
        text:
          `${subject} with ${initials(a.client_first, a.client_last)} (${a.type_name}) ` +
          `${what === 'cancelled' ? 'on' : 'for'} ${at}.\n${zoneNote}`,
      },
      m,
    );
  }

  /**
   * The day-ahead reminders: an hourly job (once per hour across every instance) queues one for
   * each session starting in about a day, to go out 24 hours before it (dedupe key per session
   * and start time, so overlapping sweeps queue nothing twice); moved or cancelled sessions are
   * skipped at send time. Reading the session at sweep time also means the reminder goes to the
   * client's current address.
   */
  async queueDayAheadReminders(m: EntityManager, now: Date): Promise<number> {
    const due = await this.appointments.reminderCandidates(m, now);
    return this.notifications.enqueueMany(
      due.map((a) => ({
        practiceId: a.practice_id,
        kind: 'appointment.reminder',
        to: a.client_email!,
        subject: `Reminder: your session with ${a.therapist_name}, ${when(a.starts_at, a.practice_zone)}`,
        text:
          `Hello ${a.client_preferred || a.client_first},\n\nA gentle reminder of your session with ` +
          `${a.therapist_name} on ${when(a.starts_at, a.practice_zone)}.\n` +
          `Times are in the practice's time zone, ${a.practice_zone}.\n\n` +
          `If you need to change it, please contact ${a.practice_name}.`,
        payload: { appointmentId: a.id, startsAt: a.starts_at.toISOString() },
        dedupeKey: `reminder:${a.id}:${a.starts_at.toISOString()}`,
        runAfter: new Date(a.starts_at.getTime() - 24 * 3_600_000),
      })),
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
        // Worded for whoever downloads it: the client sees their therapist, staff see initials.
        !this.access.can(auth, 'appointments.update')
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
    await this.access.requireAccess(auth, 'therapists.manage', therapistId);
    const token = newToken();
    const createdAt = await this.ds.transaction(async (m) => {
      const created = await this.appointments.replaceFeed(m, {
        practiceId: auth.practiceId,
        therapistId,
        tokenHash: hashToken(token),
        showClient,
      });
      await this.audit.byCaller(
        auth,
        'calendar_feed.create',
        { entityType: 'membership', entityId: therapistId },
        m,
      );
      return created;
    });
    return {
      // PUBLIC_URL (the server's own address in development), never a request's Host header.
      url: `${this.config.publicUrl}/api/calendar-feeds/${token}.ics`,
      showClient,
      createdAt: createdAt.toISOString(),
    };
  }

  async revokeFeed(auth: AuthContext, therapistId: string): Promise<void> {
    await this.access.requireAccess(auth, 'therapists.manage', therapistId);
    await this.appointments.revokeFeed(therapistId);
    await this.audit.byCaller(auth, 'calendar_feed.revoke', {
      entityType: 'membership',
      entityId: therapistId,
    });
  }

  /** The subscribable feed: no PHI beyond what the therapist chose (client initials or nothing). */
  async feed(tokenWithExt: string): Promise<string> {
    const token = tokenWithExt.replace(/\.ics$/, '');
    if (token.length > 200) throw notFound();
    const feed = await this.appointments.feed(hashToken(token));
    if (!feed) throw notFound('That calendar feed');
    const rows = await this.appointments.feedSessions(feed.therapist_id);
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
