// Client self-booking through the API: off by default, the admin's switch and allowed types, the
// access policy's gate (themselves only, their own therapist, allowed types, working hours, the
// notice window), requests inside the window, the pause while a safety alert is open, races with
// an admin's booking, idempotent retries, tenancy, sessions and bad input.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AlertSummary,
  type AppointmentTypeView,
  type AppointmentView,
  type InstrumentSummary,
  PERFECTIONISM_PATTERNS_CHECK,
  type SelfBookingSettings,
  type SelfBookingStatus,
  type SlotsResponse,
} from '@attune/shared';
import { randomUUID } from 'node:crypto';
import { AppointmentsService } from '../src/scheduling/appointments.service.js';
import {
  anonymous,
  bootApp,
  countQueries,
  db,
  newClient,
  newClientUser,
  newMember,
  twoPractices,
  type Caller,
  type Signed,
} from './harness.js';

const NY = 'America/New_York';
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  start: '00:00',
  end: '24:00',
}));
const HOUR = 3_600_000;

/** A future Monday at `hour` New York time (within working hours either side of DST). */
function futureMonday(weeks = 1, hour = 10): Date {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7 * weeks);
  return new Date(`${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00-05:00`);
}

describe('self-booking: clients book their own therapist’s free time, paused by open safety alerts', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let types: AppointmentTypeView[];
  const ongoing = () => types.find((t) => t.kind === 'ongoing')!;
  const intake = () => types.find((t) => t.kind === 'intake')!;
  let therapistA: string;

  /** A booking by `by` of the ongoing type with client A's therapist, for client A. */
  const book = (by: Caller, body: Record<string, unknown> = {}) =>
    by.post('/api/appointments', {
      therapistId: therapistA,
      clientId: w.clientA.clientId,
      typeId: ongoing().id,
      ...body,
    });
  const status = async (by: Caller, clientId = w.clientA.clientId) => {
    const res = await by.get(`/api/clients/${clientId}/self-booking`);
    expect(res.status).toBe(200);
    return res.body as SelfBookingStatus;
  };
  const slots = (by: Caller, q: Record<string, string>) =>
    by.get(`/api/slots?${new URLSearchParams(q).toString()}`);
  const mails = async (kind: string, to: string) =>
    (
      await db(app).query<{ subject: string; body_text: string }[]>(
        `SELECT subject, body_text FROM outbox_messages WHERE kind = $1 AND to_email = $2 ORDER BY created_at`,
        [kind, to.toLowerCase()],
      )
    ).map((m) => `${m.subject}\n${m.body_text}`);

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    therapistA = w.t1.me.memberId!;
    types = (await w.a.caller.get('/api/appointment-types')).body as AppointmentTypeView[];
    for (const t of [w.t1, w.t2])
      await w.a.caller.put(`/api/therapists/${t.me.memberId}/availability`, {
        timeZone: NY,
        rules: WEEKDAYS,
      });
  });
  afterAll(() => app.close());

  it('is off by default: the client is refused with self_booking_off, and everyone sees "off"', async () => {
    const settings = await w.a.caller.get('/api/practice/self-booking');
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ enabled: false, typeIds: [], noticeHours: 24 });
    expect(await status(w.clientA.caller)).toMatchObject({ state: 'off', types: [] });
    expect((await status(w.t1.caller)).state).toBe('off');
    const res = await book(w.clientA.caller, { startsAt: futureMonday(2).toISOString() });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('self_booking_off');
    const search = await slots(w.clientA.caller, {
      therapistId: therapistA,
      typeId: ongoing().id,
      from: futureMonday(2).toISOString(),
      to: futureMonday(3).toISOString(),
    });
    expect(search.status).toBe(403);
    expect(search.body.code).toBe('self_booking_off');
  });

  it('admins turn it on for chosen types; nobody else can; bad input is named', async () => {
    const put = (by: Caller, body: unknown) => by.put('/api/practice/self-booking', body);
    expect((await put(w.t1.caller, { enabled: true, typeIds: [] })).status).toBe(403);
    expect((await put(w.clientA.caller, { enabled: true, typeIds: [] })).status).toBe(403);
    expect((await put(await anonymous(app), { enabled: true, typeIds: [] })).status).toBe(401);
    expect((await w.clientA.caller.get('/api/practice/self-booking')).status).toBe(403);
    const notUuid = await put(w.a.caller, { enabled: true, typeIds: ['intake'] });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.fields).toHaveProperty('typeIds');
    const bTypes = (await w.b.caller.get('/api/appointment-types')).body as AppointmentTypeView[];
    const foreign = await put(w.a.caller, { enabled: true, typeIds: [bTypes[0]!.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields).toHaveProperty('typeIds');
    const notBool = await put(w.a.caller, { enabled: 'yes', typeIds: [] });
    expect(notBool.body.fields).toHaveProperty('enabled');
    expect((await put(w.a.caller, { enabled: true })).body.fields).toHaveProperty('typeIds');

    const on = await put(w.a.caller, { enabled: true, typeIds: [ongoing().id] });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ enabled: true, typeIds: [ongoing().id], noticeHours: 24 });
    // The other practice is untouched.
    expect((await w.b.caller.get('/api/practice/self-booking')).body).toMatchObject({
      enabled: false,
      typeIds: [],
    });
    // The notice window is the practice's cancellation window.
    await w.a.caller.patch('/api/practice', { cancellationWindowHours: 48 });
    expect(
      ((await w.a.caller.get('/api/practice/self-booking')).body as SelfBookingSettings)
        .noticeHours,
    ).toBe(48);
    await w.a.caller.patch('/api/practice', { cancellationWindowHours: 24 });
  });

  it('a client books their own therapist’s free time for an allowed type, with the same mail and .ics', async () => {
    const mine = await status(w.clientA.caller);
    expect(mine).toEqual({
      clientId: w.clientA.clientId,
      state: 'open',
      therapist: { id: therapistA, displayName: 'Tess One' },
      types: [{ id: ongoing().id, name: ongoing().name, durationMinutes: 50 }],
      noticeHours: 24,
      timeZone: 'America/Chicago',
    });
    // Another client's session takes that time off the list, and nothing says whose it is.
    const other = await newClient(w.a.caller, { primaryTherapistId: therapistA });
    const monday = futureMonday(2, 9);
    expect(
      (await book(w.a.caller, { clientId: other.id, startsAt: monday.toISOString() })).status,
    ).toBe(201);
    const search = await slots(w.clientA.caller, {
      therapistId: therapistA,
      typeId: ongoing().id,
      from: new Date(Date.now() - HOUR).toISOString(),
      to: new Date(monday.getTime() + 8 * HOUR).toISOString(),
      tz: 'America/Chicago',
    });
    expect(search.status).toBe(200);
    const body = search.body as SlotsResponse;
    expect(Object.keys(body).sort()).toEqual([
      'durationMinutes',
      'slots',
      'therapistId',
      'timeZone',
      'typeId',
    ]);
    const starts = body.slots.map((s) => new Date(s).getTime());
    expect(starts.length).toBeGreaterThan(10);
    // Free times start after the notice window, and the other client's hour is not among them.
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(Date.now() + 24 * HOUR - 60_000);
    expect(starts).not.toContain(monday.getTime());
    expect(starts).not.toContain(monday.getTime() + 30 * 60_000);
    expect(starts).toContain(monday.getTime() + 60 * 60_000);

    const chosen = new Date(monday.getTime() + 2 * HOUR);
    expect(starts).toContain(chosen.getTime());
    const res = await book(w.clientA.caller, { startsAt: chosen.toISOString() });
    expect(res.status).toBe(201);
    const appt = res.body as AppointmentView;
    expect(appt).toMatchObject({
      client: { id: w.clientA.clientId },
      therapist: { id: therapistA, displayName: 'Tess One' },
      type: { id: ongoing().id },
      startsAt: chosen.toISOString(),
      status: 'booked',
      bookedByClient: true,
      changeRequest: null,
    });
    expect((await w.t1.caller.get(`/api/appointments/${appt.id}`)).body.bookedByClient).toBe(true);
    // The same confirmations as an admin's booking, to client and therapist, and (from the
    // hourly sweep, as for any booking) a reminder a day ahead.
    expect((await mails('appointment.booked', w.clientA.email)).at(-1)).toMatch(
      /Your session with Tess One is booked for/,
    );
    expect((await mails('appointment.booked', w.t1.email)).length).toBeGreaterThan(0);
    await app
      .get(AppointmentsService)
      .queueDayAheadReminders(db(app).manager, new Date(chosen.getTime() - 25.5 * HOUR));
    const [reminder] = await db(app).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE kind = 'appointment.reminder' AND payload->>'appointmentId' = $1`,
      [appt.id],
    );
    expect(reminder!.n).toBe(1);
    const ics = await w.clientA.caller.get(`/api/appointments/${appt.id}/ics`);
    expect(ics.status).toBe(200);
    expect(ics.text).toMatch(/SUMMARY:Session with Tess One/);
    const [audit] = await db(app).query<{ actor_user_id: string; client_id: string }[]>(
      `SELECT actor_user_id, client_id FROM audit_events WHERE action = 'appointment.book' AND entity_id = $1`,
      [appt.id],
    );
    expect(audit).toEqual({ actor_user_id: w.clientA.me.user.id, client_id: w.clientA.clientId });
  });

  it('slot search costs the client the same number of queries as staff, for a week or a month', async () => {
    const q = (to: Date) => ({
      therapistId: therapistA,
      typeId: ongoing().id,
      from: futureMonday(3).toISOString(),
      to: to.toISOString(),
    });
    const week = await countQueries(() => slots(w.clientA.caller, q(futureMonday(4))));
    const month = await countQueries(() => slots(w.clientA.caller, q(futureMonday(8))));
    const staff = await countQueries(() => slots(w.a.caller, q(futureMonday(8))));
    expect(week.result.status).toBe(200);
    expect(month.queries).toBe(week.queries);
    expect(month.queries).toBe(staff.queries);
  });

  it('refuses what the policy does not allow, naming the field or the rule', async () => {
    const t = futureMonday(3, 11).toISOString();
    const typeNotAllowed = await book(w.clientA.caller, { typeId: intake().id, startsAt: t });
    expect(typeNotAllowed.status).toBe(400);
    expect(typeNotAllowed.body.fields).toHaveProperty('typeId');
    const search = await slots(w.clientA.caller, {
      therapistId: therapistA,
      typeId: intake().id,
      from: t,
      to: futureMonday(4).toISOString(),
    });
    expect(search.status).toBe(400);
    expect(search.body.fields).toHaveProperty('typeId');

    // Another therapist's time: neither the search nor the booking.
    const otherTherapist = await book(w.clientA.caller, {
      therapistId: w.t2.me.memberId,
      startsAt: t,
    });
    expect(otherTherapist.status).toBe(400);
    expect(otherTherapist.body.fields).toHaveProperty('therapistId');
    expect(otherTherapist.body.message).toMatch(/your own therapist, Tess One/);
    const otherSearch = await slots(w.clientA.caller, {
      therapistId: w.t2.me.memberId!,
      typeId: ongoing().id,
      from: t,
      to: futureMonday(4).toISOString(),
    });
    expect(otherSearch.status).toBe(400);
    expect(otherSearch.body.fields).toHaveProperty('therapistId');
    expect((await w.clientA.caller.get(`/api/clients/${randomUUID()}/self-booking`)).status).toBe(
      404,
    );

    // For someone else: never.
    const someoneElse = await newClient(w.a.caller, { primaryTherapistId: therapistA });
    const forOther = await book(w.clientA.caller, { clientId: someoneElse.id, startsAt: t });
    expect(forOther.status).toBe(400);
    expect(forOther.body.fields).toHaveProperty('clientId');
    expect((await w.clientA.caller.get(`/api/clients/${someoneElse.id}/self-booking`)).status).toBe(
      404,
    );

    // Working hours only: no override, whatever the reason.
    const night = futureMonday(3, 22).toISOString();
    const outside = await book(w.clientA.caller, { startsAt: night });
    expect(outside.status).toBe(409);
    expect(outside.body.code).toBe('outside_hours');
    const override = await book(w.clientA.caller, {
      startsAt: night,
      override: true,
      overrideReason: 'I work days',
    });
    expect(override.status).toBe(403);
    expect(override.body.code).toBe('admin_only');

    // Too soon: inside the notice window.
    const soon = new Date(Date.now() + 2 * HOUR);
    soon.setUTCMinutes(0, 0, 0);
    const tooSoon = await book(w.clientA.caller, { startsAt: soon.toISOString() });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.code).toBe('inside_notice_window');

    // Bad input names the field; no session is 401; nothing was booked by any of it.
    const bad = await book(w.clientA.caller, { startsAt: 'next tuesday' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('startsAt');
    expect((await book(w.clientA.caller, { typeId: 'x', startsAt: t })).body.fields).toHaveProperty(
      'typeId',
    );
    expect((await book(w.clientA.caller, { startsAt: t, extra: 1 })).body.fields).toHaveProperty(
      'extra',
    );
    const anon = await anonymous(app);
    expect((await book(anon, { startsAt: t })).status).toBe(401);
    expect((await anon.get(`/api/clients/${w.clientA.clientId}/self-booking`)).status).toBe(401);
    const [n] = await db(app).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM appointments WHERE client_id = $1 AND starts_at IN ($2, $3, $4)`,
      [w.clientA.clientId, t, night, soon],
    );
    expect(n!.n).toBe(0);
  });

  it('another practice: its client reaches none of this practice’s sessions or therapists (404), and is off at home', async () => {
    const [appt] = (await w.clientA.caller.get('/api/appointments')).body as AppointmentView[];
    expect(appt).toBeDefined();
    const b = w.clientB.caller;
    expect((await b.get(`/api/appointments/${appt!.id}`)).status).toBe(404);
    expect(
      (await b.patch(`/api/appointments/${appt!.id}`, { version: 1, startsAt: appt!.startsAt }))
        .status,
    ).toBe(404);
    expect((await b.post(`/api/appointments/${appt!.id}/cancel`, { reason: 'x' })).status).toBe(
      404,
    );
    expect(
      (await b.post(`/api/appointments/${appt!.id}/change-request`, { kind: 'cancel' })).status,
    ).toBe(404);
    expect((await b.get(`/api/clients/${w.clientA.clientId}/self-booking`)).status).toBe(404);
    expect((await w.b.caller.get(`/api/clients/${w.clientA.clientId}/self-booking`)).status).toBe(
      404,
    );
    // Practice B has not turned self-booking on; A's therapist is not B's client's anyway.
    const res = await b.post('/api/appointments', {
      therapistId: therapistA,
      clientId: w.clientB.clientId,
      typeId: ongoing().id,
      startsAt: futureMonday(3).toISOString(),
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('self_booking_off');
    // Another therapist of the same practice does not see the client's status either.
    expect((await w.t2.caller.get(`/api/clients/${w.clientA.clientId}/self-booking`)).status).toBe(
      404,
    );
  });

  it('moves and cancels before the notice window; inside it refuses with inside_notice_window and takes a request', async () => {
    const t = futureMonday(4, 10);
    const booked = (await book(w.clientA.caller, { startsAt: t.toISOString() }))
      .body as AppointmentView;
    const later = new Date(t.getTime() + 2 * HOUR).toISOString();
    const moved = await w.clientA.caller.patch(`/api/appointments/${booked.id}`, {
      version: booked.version,
      startsAt: later,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: later, version: booked.version + 1 });
    expect((await mails('appointment.changed', w.clientA.email)).at(-1)).toMatch(/is now on/);
    const stale = await w.clientA.caller.patch(`/api/appointments/${booked.id}`, {
      version: booked.version,
      startsAt: t.toISOString(),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('session_changed');
    for (const [field, value] of [
      ['therapistId', w.t2.me.memberId],
      ['typeId', intake().id],
      ['status', 'completed'],
    ] as const) {
      const res = await w.clientA.caller.patch(`/api/appointments/${booked.id}`, {
        version: moved.body.version,
        startsAt: t.toISOString(),
        [field]: value,
      });
      expect(res.status).toBe(400);
      expect(res.body.fields).toHaveProperty(field);
    }
    const noTime = await w.clientA.caller.patch(`/api/appointments/${booked.id}`, {
      version: moved.body.version,
    });
    expect(noTime.body.fields).toHaveProperty('startsAt');
    // Moving it into the notice window is refused too.
    const intoWindow = await w.clientA.caller.patch(`/api/appointments/${booked.id}`, {
      version: moved.body.version,
      startsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
    });
    expect(intoWindow.status).toBe(409);
    expect(intoWindow.body.code).toBe('inside_notice_window');

    const cancelled = await w.clientA.caller.post(`/api/appointments/${booked.id}/cancel`, {
      reason: 'Cancelled online',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', lateCancel: false });
    // Cancelling again is a no-op.
    expect(
      (await w.clientA.caller.post(`/api/appointments/${booked.id}/cancel`, { reason: 'x' }))
        .status,
    ).toBe(200);

    // A session five hours away (an admin booked it, out of hours if need be).
    const soon = new Date(Date.now() + 5 * HOUR);
    soon.setUTCSeconds(0, 0);
    const near = (
      await book(w.a.caller, {
        startsAt: soon.toISOString(),
        override: true,
        overrideReason: 'Check-in',
      })
    ).body as AppointmentView;
    const move = await w.clientA.caller.patch(`/api/appointments/${near.id}`, {
      version: near.version,
      startsAt: futureMonday(5).toISOString(),
    });
    expect(move.status).toBe(409);
    expect(move.body.code).toBe('inside_notice_window');
    expect(move.body.message).toMatch(/less than 24 hours away.*request/);
    const cancel = await w.clientA.caller.post(`/api/appointments/${near.id}/cancel`, {
      reason: 'Cannot come',
    });
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('inside_notice_window');
    expect((await w.a.caller.get(`/api/appointments/${near.id}`)).body.status).toBe('booked');

    // The request instead: it stays on the session for staff, and the therapist gets a mail.
    const before = (await mails('appointment.change_request', w.t1.email)).length;
    const note = 'My shift changed, could we do Thursday?';
    const asked = await w.clientA.caller.post(`/api/appointments/${near.id}/change-request`, {
      kind: 'reschedule',
      note,
    });
    expect(asked.status).toBe(200);
    expect(asked.body.changeRequest).toMatchObject({ kind: 'reschedule', note });
    const toTherapist = await mails('appointment.change_request', w.t1.email);
    expect(toTherapist).toHaveLength(before + 1);
    expect(toTherapist.at(-1)).toMatch(/asked to move their session/);
    // The note is for Attune, not for email.
    expect(toTherapist.at(-1)).not.toContain('Thursday');
    expect((await mails('appointment.change_request', w.clientA.email)).at(-1)).toMatch(
      /We let Tess One know/,
    );
    // Asking the same again sends nothing more.
    await w.clientA.caller.post(`/api/appointments/${near.id}/change-request`, {
      kind: 'reschedule',
      note,
    });
    expect(await mails('appointment.change_request', w.t1.email)).toHaveLength(before + 1);
    const seen = (await w.t1.caller.get(`/api/appointments/${near.id}`)).body as AppointmentView;
    expect(seen.changeRequest).toMatchObject({ kind: 'reschedule', note });
    const listed = (await w.a.caller.get('/api/appointments')).body as AppointmentView[];
    expect(listed.find((a) => a.id === near.id)!.changeRequest?.kind).toBe('reschedule');

    const badKind = await w.clientA.caller.post(`/api/appointments/${near.id}/change-request`, {
      kind: 'delete',
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.fields).toHaveProperty('kind');
    const longNote = await w.clientA.caller.post(`/api/appointments/${near.id}/change-request`, {
      kind: 'cancel',
      note: 'x'.repeat(1001),
    });
    expect(longNote.body.fields).toHaveProperty('note');
    expect(
      (await w.t1.caller.post(`/api/appointments/${near.id}/change-request`, { kind: 'cancel' }))
        .status,
    ).toBe(403);

    // Staff mark it handled: only the session's therapist or an admin; the client may not.
    const del = (c: Caller) => c.req('delete', `/api/appointments/${near.id}/change-request`);
    expect((await del(w.clientA.caller)).status).toBe(403);
    expect((await del(w.t2.caller)).status).toBe(404);
    const handled = await del(w.t1.caller);
    expect(handled.status).toBe(200);
    expect(handled.body.changeRequest).toBeNull();
    // Cancelling (or moving) the session answers a request too.
    await w.clientA.caller.post(`/api/appointments/${near.id}/change-request`, {
      kind: 'cancel',
    });
    const staffCancel = await w.t1.caller.post(`/api/appointments/${near.id}/cancel`, {
      reason: 'Client asked',
    });
    expect(staffCancel.body).toMatchObject({ status: 'cancelled', changeRequest: null });
    const gone = await w.clientA.caller.post(`/api/appointments/${near.id}/change-request`, {
      kind: 'cancel',
    });
    expect(gone.status).toBe(409);
    expect(gone.body.code).toBe('session_not_booked');
  });

  describe('paused by an open safety alert', () => {
    let ppcId: string;
    let alert: AlertSummary;
    let upcoming: AppointmentView;

    beforeAll(async () => {
      const list = (await w.t1.caller.get('/api/instruments')).body as InstrumentSummary[];
      ppcId = list.find((i) => i.key === PERFECTIONISM_PATTERNS_CHECK.key)!.id;
      upcoming = (await book(w.clientA.caller, { startsAt: futureMonday(6).toISOString() }))
        .body as AppointmentView;
    });

    it('an open alert on any of their screenings pauses every self-service step with self_booking_paused', async () => {
      const assigned = await w.t1.caller.post(`/api/clients/${w.clientA.clientId}/screenings`, {
        instrumentId: ppcId,
      });
      expect(assigned.status).toBe(201);
      const saved = await w.clientA.caller.put(`/api/screenings/${assigned.body.id}/draft`, {
        version: 0,
        answers: { 'safety-self-harm': { value: 'sometimes' } },
      });
      expect(saved.status).toBe(200);
      const open = (await w.t1.caller.get(`/api/alerts?status=open&clientId=${w.clientA.clientId}`))
        .body.items as AlertSummary[];
      expect(open).toHaveLength(1);
      alert = open[0]!;

      // The client's page, their therapist's and the admin's all say "paused".
      expect(await status(w.clientA.caller)).toMatchObject({ state: 'paused', types: [] });
      expect((await status(w.t1.caller)).state).toBe('paused');
      expect((await status(w.a.caller)).state).toBe('paused');

      const expectPaused = (res: { status: number; body: { code?: string } }) => {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('self_booking_paused');
      };
      expectPaused(await book(w.clientA.caller, { startsAt: futureMonday(7).toISOString() }));
      expectPaused(
        await slots(w.clientA.caller, {
          therapistId: therapistA,
          typeId: ongoing().id,
          from: futureMonday(7).toISOString(),
          to: futureMonday(8).toISOString(),
        }),
      );
      expectPaused(
        await w.clientA.caller.patch(`/api/appointments/${upcoming.id}`, {
          version: upcoming.version,
          startsAt: futureMonday(7).toISOString(),
        }),
      );
      expectPaused(
        await w.clientA.caller.post(`/api/appointments/${upcoming.id}/cancel`, { reason: 'x' }),
      );
      expectPaused(
        await w.clientA.caller.post(`/api/appointments/${upcoming.id}/change-request`, {
          kind: 'cancel',
        }),
      );
      // Staff are not paused: the admin still books the client.
      const byAdmin = await book(w.a.caller, { startsAt: futureMonday(7, 13).toISOString() });
      expect(byAdmin.status).toBe(201);
      // The client's session and their other data stay as they were.
      expect((await w.clientA.caller.get(`/api/appointments/${upcoming.id}`)).body.status).toBe(
        'booked',
      );
    });

    it('another client’s alert pauses only that client', async () => {
      const other = await newClientUser(app, w.t1.caller);
      expect((await status(other.caller, other.clientId)).state).toBe('open');
    });

    it('resumes once the alert is acknowledged', async () => {
      const ack = await w.t1.caller.post(`/api/alerts/${alert.id}/acknowledge`, {
        note: 'Called; we made a plan together.',
      });
      expect(ack.status).toBe(200);
      expect((await status(w.clientA.caller)).state).toBe('open');
      expect((await status(w.t1.caller)).state).toBe('open');
      const res = await book(w.clientA.caller, { startsAt: futureMonday(7, 15).toISOString() });
      expect(res.status).toBe(201);
    });
  });

  describe('Idempotency-Key on a client’s booking', () => {
    const body = (hours: number) => ({
      therapistId: therapistA,
      clientId: w.clientA.clientId,
      typeId: ongoing().id,
      startsAt: new Date(futureMonday(9, 9).getTime() + hours * HOUR).toISOString(),
    });

    it('a retry with the same key and body gets the same booking; parallel retries book once', async () => {
      const key = `client-${randomUUID()}`;
      const first = await w.clientA.caller
        .post('/api/appointments', body(0))
        .set('idempotency-key', key);
      expect(first.status).toBe(201);
      const again = await w.clientA.caller
        .post('/api/appointments', body(0))
        .set('idempotency-key', key);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      const plain = await w.clientA.caller.post('/api/appointments', body(0));
      expect(plain.status).toBe(409);

      const key2 = `client-${randomUUID()}`;
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          w.clientA.caller.post('/api/appointments', body(2)).set('idempotency-key', key2),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      const [n] = await db(app).query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM appointments WHERE client_id = $1 AND starts_at IN ($2, $3)`,
        [w.clientA.clientId, body(0).startsAt, body(2).startsAt],
      );
      expect(n!.n).toBe(2);
    });

    it('the same key with another body is 422; a bad key is 400 naming it', async () => {
      const key = `client-${randomUUID()}`;
      expect(
        (await w.clientA.caller.post('/api/appointments', body(4)).set('idempotency-key', key))
          .status,
      ).toBe(201);
      const other = await w.clientA.caller
        .post('/api/appointments', body(6))
        .set('idempotency-key', key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('key_reused');
      const long = await w.clientA.caller
        .post('/api/appointments', body(6))
        .set('idempotency-key', 'k'.repeat(201));
      expect(long.status).toBe(400);
      expect(long.body.fields).toHaveProperty('Idempotency-Key');
    });
  });

  describe('a client and an admin racing for the same time', () => {
    const ROUNDS = Number(process.env.SELF_BOOKING_ROUNDS ?? 120);
    const PARALLEL_ROUNDS = 20;
    let therapist: Signed;
    let racer: Signed & { clientId: string };
    let rival: string;

    beforeAll(async () => {
      therapist = await newMember(app, w.a.caller, ['therapist'], 'Rae Race');
      await w.a.caller.put(`/api/therapists/${therapist.me.memberId}/availability`, {
        timeZone: 'UTC',
        rules: ALL_WEEK,
      });
      racer = await newClientUser(app, w.a.caller, { primaryTherapistId: therapist.me.memberId! });
      rival = (await newClient(w.a.caller, { primaryTherapistId: therapist.me.memberId! })).id;
    });

    it(`${ROUNDS} rounds, ${PARALLEL_ROUNDS} at a time: exactly one of each pair wins, the other 409, never 5xx`, async () => {
      const base = Date.UTC(2034, 0, 2, 0, 0);
      const tally: Record<string, number> = {};
      const winners = { client: 0, admin: 0 };
      for (let r0 = 0; r0 < ROUNDS; r0 += PARALLEL_ROUNDS) {
        const rounds = Array.from({ length: Math.min(PARALLEL_ROUNDS, ROUNDS - r0) }, (_, i) => {
          const start = base + (r0 + i) * 2 * HOUR;
          // The admin's session starts up to 40 minutes into the client's: they always overlap.
          const offset = ((r0 + i) % 5) * 10 * 60_000;
          const common = { therapistId: therapist.me.memberId, typeId: ongoing().id };
          return Promise.all([
            racer.caller
              .post('/api/appointments', {
                ...common,
                clientId: racer.clientId,
                startsAt: new Date(start).toISOString(),
              })
              .set('idempotency-key', randomUUID()),
            w.a.caller
              .post('/api/appointments', {
                ...common,
                clientId: rival,
                startsAt: new Date(start + offset).toISOString(),
              })
              .set('idempotency-key', randomUUID()),
          ]);
        });
        for (const [i, [mine, theirs]] of (await Promise.all(rounds)).entries()) {
          const pair = [mine.status, theirs.status].sort();
          expect({ round: r0 + i, pair }).toEqual({ round: r0 + i, pair: [201, 409] });
          const loser = mine.status === 409 ? mine : theirs;
          expect(loser.body.code).toBe('therapist_busy');
          winners[mine.status === 201 ? 'client' : 'admin']++;
          for (const s of [mine.status, theirs.status]) tally[s] = (tally[s] ?? 0) + 1;
        }
      }
      console.log(`self-booking race: ${ROUNDS} rounds: ${JSON.stringify({ tally, winners })}`);
      expect(tally).toEqual({ 201: ROUNDS, 409: ROUNDS });
      const [overlaps] = await db(app).query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM appointments a JOIN appointments b
           ON a.therapist_id = b.therapist_id AND a.id < b.id
          AND a.status <> 'cancelled' AND b.status <> 'cancelled'
          AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
          WHERE a.therapist_id = $1`,
        [therapist.me.memberId],
      );
      expect(overlaps!.n).toBe(0);
    }, 300_000);
  });
});
