import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type {
  AppointmentTypeView,
  AppointmentView,
  DevMailboxMessage,
  SlotsResponse,
} from '@attune/shared';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { AppointmentsService } from '../src/scheduling/appointments.service.js';
import {
  anonymous,
  asOwner,
  bootApp,
  countQueries,
  db,
  newClient,
  newMember,
  twoPractices,
  type Caller,
} from './harness.js';

const NY = 'America/New_York';
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  start: '00:00',
  end: '24:00',
}));
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
/** A future Monday at 10:00 New York time, `weeks` from the next one. */
function futureMonday(weeks = 1, hour = 10): Date {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7 * weeks);
  return new Date(`${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00-05:00`);
}

describe('scheduling: availability, slots, booking, no double booking, calendars, reminders', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let types: AppointmentTypeView[];
  const ongoing = () => types.find((t) => t.kind === 'ongoing')!;

  async function book(by: Caller, body: Record<string, unknown>) {
    return by.post('/api/appointments', { typeId: ongoing().id, ...body });
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    types = (await w.a.caller.get('/api/appointment-types')).body;
    await w.a.caller.put(`/api/therapists/${w.t1.me.memberId}/availability`, {
      timeZone: NY,
      rules: WEEKDAYS,
    });
  });
  afterAll(() => app.close());

  it('every practice starts with intake and ongoing types; admins manage them', async () => {
    expect(types.map((t) => [t.kind, t.durationMinutes, t.isDefault]).sort()).toEqual([
      ['intake', 60, true],
      ['ongoing', 50, true],
    ]);
    const created = await w.a.caller.post('/api/appointment-types', {
      name: 'Couples session',
      durationMinutes: 80,
      kind: 'other',
    });
    expect(created.status).toBe(201);
    expect(
      (
        await w.t1.caller.post('/api/appointment-types', {
          name: 'X',
          durationMinutes: 30,
          kind: 'other',
        })
      ).status,
    ).toBe(403);
    const bad = await w.a.caller.post('/api/appointment-types', {
      name: 'X',
      durationMinutes: 2,
      kind: 'other',
    });
    expect(bad.body.fields).toHaveProperty('durationMinutes');
    expect(
      (await w.b.caller.patch(`/api/appointment-types/${created.body.id}`, { active: false }))
        .status,
    ).toBe(404);
  });

  it('therapists set their own hours; admins any therapist; others 404; bad rules are named', async () => {
    const own = await w.t2.caller.put(`/api/therapists/${w.t2.me.memberId}/availability`, {
      timeZone: 'Europe/London',
      rules: [{ weekday: 2, start: '10:00', end: '14:00' }],
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      timeZone: 'Europe/London',
      rules: [{ weekday: 2, start: '10:00', end: '14:00' }],
    });
    expect((await w.t2.caller.get(`/api/therapists/${w.t1.me.memberId}/availability`)).status).toBe(
      404,
    );
    expect((await w.b.caller.get(`/api/therapists/${w.t1.me.memberId}/availability`)).status).toBe(
      404,
    );
    expect(
      (await w.clientA.caller.get(`/api/therapists/${w.t1.me.memberId}/availability`)).status,
    ).toBe(403);
    const overlap = await w.a.caller.put(`/api/therapists/${w.t2.me.memberId}/availability`, {
      timeZone: NY,
      rules: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '11:00', end: '13:00' },
      ],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.fields).toHaveProperty(['rules[1]']);
    const tz = await w.a.caller.put(`/api/therapists/${w.t2.me.memberId}/availability`, {
      timeZone: 'Mars/Base',
      rules: [],
    });
    expect(tz.body.fields).toHaveProperty('timeZone');
  });

  it('slots keep 09:00 local across both DST changes', async () => {
    const q = (from: string, to: string) =>
      w.a.caller.get(
        `/api/slots?therapistId=${w.t1.me.memberId}&typeId=${ongoing().id}&from=${from}&to=${to}&tz=UTC`,
      );
    // US DST starts Sunday 2027-03-14 and ends Sunday 2027-11-07.
    const spring = (await q('2027-03-12T00:00:00Z', '2027-03-16T00:00:00Z')).body as SlotsResponse;
    const firstOfDay = (slots: string[]) =>
      [...new Map(slots.map((s) => [s.slice(0, 10), s])).keys()].map((day) =>
        slots.find((s) => s.startsWith(day)),
      );
    expect(firstOfDay(spring.slots)).toEqual([
      '2027-03-12T14:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
    ]);
    const fall = (await q('2027-11-05T00:00:00Z', '2027-11-09T00:00:00Z')).body as SlotsResponse;
    expect(firstOfDay(fall.slots)).toEqual([
      '2027-11-05T13:00:00.000Z',
      '2027-11-08T14:00:00.000Z',
    ]);
    // 09:00 to 17:00 with 50-minute sessions every 15 minutes: 09:00 ... 16:00 = 29 starts a day.
    expect(spring.slots.filter((s) => s.startsWith('2027-03-15'))).toHaveLength(29);
  });

  it('slots leave out booked sessions and time off, in a fixed number of queries for a month', async () => {
    const monday = futureMonday(3);
    const res = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: monday.toISOString(),
    });
    expect(res.status).toBe(201);
    const off = await w.t1.caller.post(`/api/therapists/${w.t1.me.memberId}/time-off`, {
      startsAt: new Date(monday.getTime() + 3 * 3_600_000).toISOString(),
      endsAt: new Date(monday.getTime() + 5 * 3_600_000).toISOString(),
      reason: 'Training',
    });
    expect(off.status).toBe(201);
    const from = new Date(monday.getTime() - 3_600_000).toISOString();
    const to = new Date(monday.getTime() + 8 * 3_600_000).toISOString();
    const { result, queries } = await countQueries(() =>
      w.a.caller.get(
        `/api/slots?therapistId=${w.t1.me.memberId}&typeId=${ongoing().id}&from=${from}&to=${to}`,
      ),
    );
    const times = (result.body as SlotsResponse).slots.map((s) => s.slice(11, 16));
    expect(times).toContain('09:00');
    expect(times).not.toContain('09:15'); // would run into the 10:00 session
    expect(times).toContain('11:00'); // the first step after the session ends at 10:50
    expect(times).not.toContain('13:00'); // time off 13:00-15:00
    expect(times).toContain('15:00');
    const month = await countQueries(() =>
      w.a.caller.get(
        `/api/slots?therapistId=${w.t1.me.memberId}&typeId=${ongoing().id}&from=${from}&to=${new Date(monday.getTime() + 31 * 86_400_000).toISOString()}`,
      ),
    );
    expect(month.queries).toBe(queries);
    const tooLong = await w.a.caller.get(
      `/api/slots?therapistId=${w.t1.me.memberId}&typeId=${ongoing().id}&from=2027-01-01&to=2027-06-01`,
    );
    expect(tooLong.body.fields).toHaveProperty('to');
  });

  it('refuses outside hours unless an admin overrides with a reason', async () => {
    const night = futureMonday(4, 22);
    const res = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: night.toISOString(),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('outside_hours');
    expect(res.body.message).toMatch(/working hours/);
    const noReason = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: night.toISOString(),
      override: true,
    });
    expect(noReason.body.fields).toHaveProperty('overrideReason');
    const ok = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: night.toISOString(),
      override: true,
      overrideReason: 'Client works nights',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.overrideReason).toBe('Client works nights');
  });

  it('names the clash on overlap (therapist or client); back-to-back is fine', async () => {
    const t = futureMonday(5, 9);
    const c2 = await newClient(w.a.caller, { primaryTherapistId: w.t1.me.memberId! });
    const first = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: t.toISOString(),
    });
    expect(first.status).toBe(201);
    const sameTherapist = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: c2.id,
      startsAt: new Date(t.getTime() + 30 * 60_000).toISOString(),
    });
    expect(sameTherapist.status).toBe(409);
    // The message speaks the practice's time zone (these test practices are in Chicago).
    const local = (d: Date) =>
      DateTime.fromJSDate(d, { zone: 'America/Chicago' }).toFormat('h:mm a');
    expect(sameTherapist.body.message).toBe(
      `Tess One already has a session from ${local(t)} to ${local(new Date(t.getTime() + 50 * 60_000))} that overlaps this time.`,
    );
    await w.a.caller.put(`/api/therapists/${w.t2.me.memberId}/availability`, {
      timeZone: NY,
      rules: ALL_WEEK,
    });
    const sameClient = await book(w.a.caller, {
      therapistId: w.t2.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: new Date(t.getTime() + 10 * 60_000).toISOString(),
    });
    expect(sameClient.status).toBe(409);
    expect(sameClient.body.code).toBe('client_busy');
    const adjacent = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: c2.id,
      startsAt: new Date(t.getTime() + 50 * 60_000).toISOString(),
    });
    expect(adjacent.status).toBe(201);
  });

  it('wrong role, another practice and bad input', async () => {
    const t = futureMonday(6).toISOString();
    expect(
      (
        await book(w.t1.caller, {
          therapistId: w.t1.me.memberId,
          clientId: w.clientA.clientId,
          startsAt: t,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await book(w.clientA.caller, {
          therapistId: w.t1.me.memberId,
          clientId: w.clientA.clientId,
          startsAt: t,
        })
      ).status,
    ).toBe(403);
    const foreign = await book(w.b.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientB.clientId,
      startsAt: t,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields).toHaveProperty('therapistId');
    const foreignClient = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientB.clientId,
      startsAt: t,
    });
    expect(foreignClient.body.fields).toHaveProperty('clientId');
    const bad = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: 'next tuesday',
    });
    expect(bad.body.fields).toHaveProperty('startsAt');
    const past = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: '2020-01-06T15:00:00Z',
    });
    expect(past.body.fields).toHaveProperty('startsAt');
    const list = (await w.a.caller.get('/api/appointments')).body as AppointmentView[];
    expect((await w.b.caller.get(`/api/appointments/${list[0]!.id}`)).status).toBe(404);
    expect(
      (await w.b.caller.post(`/api/appointments/${list[0]!.id}/cancel`, { reason: 'x' })).status,
    ).toBe(404);
    expect((await w.clientB.caller.get(`/api/appointments/${list[0]!.id}/ics`)).status).toBe(404);
    expect((await (await anonymous(app)).get('/api/appointments')).status).toBe(401);
  });

  it('reschedules with versions, cancels with a reason, flags late cancellations', async () => {
    const t = futureMonday(7, 11);
    const appt = (
      await book(w.a.caller, {
        therapistId: w.t1.me.memberId,
        clientId: w.clientA.clientId,
        startsAt: t.toISOString(),
      })
    ).body as AppointmentView;
    const moved = await w.a.caller.patch(`/api/appointments/${appt.id}`, {
      version: appt.version,
      startsAt: new Date(t.getTime() + 3_600_000).toISOString(),
    });
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe(new Date(t.getTime() + 3_600_000).toISOString());
    const stale = await w.a.caller.patch(`/api/appointments/${appt.id}`, {
      version: appt.version,
      startsAt: t.toISOString(),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(appt.version + 1);
    expect(
      (
        await w.t1.caller.patch(`/api/appointments/${appt.id}`, {
          version: 2,
          startsAt: t.toISOString(),
        })
      ).status,
    ).toBe(403);
    const noReason = await w.a.caller.post(`/api/appointments/${appt.id}/cancel`, {});
    expect(noReason.body.fields).toHaveProperty('reason');
    const cancelled = await w.a.caller.post(`/api/appointments/${appt.id}/cancel`, {
      reason: 'Client unwell',
    });
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Client unwell',
      lateCancel: false,
    });
    // The freed time can be booked again.
    const again = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: moved.body.startsAt,
    });
    expect(again.status).toBe(201);

    // Inside the 24-hour window: late. Book with override (tomorrow may be a weekend or night).
    const soon = new Date(Date.now() + 5 * 3_600_000);
    soon.setUTCSeconds(0, 0);
    const near = await book(w.a.caller, {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      startsAt: soon.toISOString(),
      override: true,
      overrideReason: 'Urgent check-in',
    });
    expect(near.status).toBe(201);
    const late = await w.t1.caller.post(`/api/appointments/${near.body.id}/cancel`, {
      reason: 'Therapist ill',
    });
    expect(late.body.lateCancel).toBe(true);
  });

  it('clients see their own upcoming sessions and can download .ics; therapists see their own calendar', async () => {
    const mine = (await w.clientA.caller.get('/api/appointments')).body as AppointmentView[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.client.id === w.clientA.clientId && a.status !== 'cancelled')).toBe(
      true,
    );
    const ics = await w.clientA.caller.get(`/api/appointments/${mine[0]!.id}/ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    expect(ics.text).toMatch(
      /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*SUMMARY:Session with Tess One/,
    );
    const t2 = (await w.t2.caller.get('/api/appointments')).body as AppointmentView[];
    expect(t2.every((a) => a.therapist.id === w.t2.me.memberId)).toBe(true);
    expect((await w.clientB.caller.get('/api/appointments')).body).toEqual([]);
  });

  it('a per-therapist feed shows initials only and can be revoked', async () => {
    const created = await w.t1.caller.post(`/api/therapists/${w.t1.me.memberId}/calendar-feed`, {});
    expect(created.status).toBe(201);
    const path = new URL(created.body.url).pathname;
    const anon = await anonymous(app);
    const feed = await anon.get(path);
    expect(feed.status).toBe(200);
    expect(feed.text).toMatch(/SUMMARY:Session \(C\. C\.\)/);
    expect(feed.text).not.toMatch(/Casey|Client/);
    expect(
      (await w.t2.caller.post(`/api/therapists/${w.t1.me.memberId}/calendar-feed`, {})).status,
    ).toBe(404);
    await w.t1.caller.req('delete', `/api/therapists/${w.t1.me.memberId}/calendar-feed`);
    expect((await anon.get(path)).status).toBe(404);
  });

  it('mail goes through the outbox: confirmations, a reminder a day ahead that is skipped once moved, invitations', async () => {
    const notifications = app.get(NotificationsService);
    const t = futureMonday(8, 14);
    const appt = (
      await book(w.a.caller, {
        therapistId: w.t1.me.memberId,
        clientId: w.clientA.clientId,
        startsAt: t.toISOString(),
      })
    ).body as AppointmentView;
    const reminders = () =>
      db(app).query<{ id: string; run_after: Date; to_email: string; body_text: string }[]>(
        `SELECT id, run_after, to_email, body_text FROM outbox_messages
          WHERE kind = 'appointment.reminder' AND payload->>'appointmentId' = $1`,
        [appt.id],
      );
    // The hourly sweep queues it (not the booking): two sweeps that both see it queue it once.
    expect(await reminders()).toEqual([]);
    const sweep = (hoursAhead: number) =>
      app
        .get(AppointmentsService)
        .queueDayAheadReminders(db(app).manager, new Date(t.getTime() - hoursAhead * 3_600_000));
    expect(await sweep(27)).toBe(0); // not yet within two hours of its time
    expect(await sweep(25.5)).toBe(1);
    expect(await sweep(24.5)).toBe(0);
    const [reminder, ...more] = await reminders();
    expect(more).toEqual([]);
    expect(reminder!.run_after.toISOString()).toBe(
      new Date(t.getTime() - 86_400_000).toISOString(),
    );
    expect(reminder!.to_email).toMatch(/@/);
    expect(reminder!.body_text).toMatch(/A gentle reminder of your session with/);
    await w.a.caller.patch(`/api/appointments/${appt.id}`, {
      version: appt.version,
      startsAt: new Date(t.getTime() + 3_600_000).toISOString(),
    });
    await db(app).query(
      `UPDATE outbox_messages SET run_after = now() - interval '1 second' WHERE id = $1`,
      [reminder!.id],
    );
    while ((await notifications.runOnce(50)) > 0);
    const [{ status }] = await db(app).query('SELECT status FROM outbox_messages WHERE id = $1', [
      reminder!.id,
    ]);
    expect(status).toBe('skipped');
    await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email: `mail.${randomUUID().slice(0, 6)}@example.org`,
      displayName: 'Mo',
      roles: ['therapist'],
    });
    while ((await notifications.runOnce(50)) > 0);
    const box = (await w.a.caller.get('/api/mailbox')).body as DevMailboxMessage[];
    const kinds = box.map((m) => m.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['invitation', 'appointment.booked', 'appointment.changed']),
    );
    expect(box.find((m) => m.kind === 'appointment.booked')!.status).toBe('sent');
    expect(box.find((m) => m.kind === 'invitation')!.text).toMatch(/\/invite\//);
    expect((await w.t1.caller.get('/api/mailbox')).status).toBe(403);
    expect(
      ((await w.b.caller.get('/api/mailbox')).body as DevMailboxMessage[]).some(
        (m) => m.kind === 'appointment.booked',
      ),
    ).toBe(false);
  });

  describe('no double booking under load', () => {
    const ROUNDS = Number(process.env.BOOKING_ROUNDS ?? 200);
    const PARALLEL = 50;
    let therapistId: string;
    let clientIds: string[];

    beforeAll(async () => {
      const t = await newMember(app, w.a.caller, ['therapist'], 'Load Tester');
      therapistId = t.me.memberId!;
      await w.a.caller.put(`/api/therapists/${therapistId}/availability`, {
        timeZone: 'UTC',
        rules: ALL_WEEK,
      });
      clientIds = (
        await db(app).query<{ id: string }[]>(
          `INSERT INTO clients (practice_id, first_name, last_name, primary_therapist_id)
           SELECT $1, 'Load', 'Client' || g, $2 FROM generate_series(1, $3) g RETURNING id`,
          [w.a.me.practice.id, therapistId, PARALLEL],
        )
      ).map((r) => r.id);
    });

    async function round(start: Date) {
      // 50 requests whose 50-minute sessions all share minute 49: at most one may win.
      return Promise.all(
        clientIds.map((clientId, k) =>
          book(w.a.caller, {
            therapistId,
            clientId,
            startsAt: new Date(start.getTime() + k * 60_000).toISOString(),
          }).then((r) => r.status),
        ),
      );
    }
    const overlappingPairs = async (tid: string) =>
      (
        await db(app).query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM appointments a JOIN appointments b
             ON a.therapist_id = b.therapist_id AND a.id < b.id
            AND a.status <> 'cancelled' AND b.status <> 'cancelled'
            AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
            WHERE a.therapist_id = $1`,
          [tid],
        )
      )[0]!.n;

    it(`${PARALLEL} parallel overlapping bookings x ${ROUNDS} rounds: exactly one winner each, the rest 409, no 5xx`, async () => {
      const base = new Date(Date.UTC(2030, 0, 7, 0, 0));
      const tally = { 201: 0, 409: 0, other: 0 };
      for (let r = 0; r < ROUNDS; r++) {
        const statuses = await round(new Date(base.getTime() + r * 2 * 3_600_000));
        const winners = statuses.filter((s) => s === 201).length;
        expect({ round: r, winners }).toEqual({ round: r, winners: 1 });
        for (const s of statuses) {
          if (s === 201 || s === 409) tally[s]++;
          else tally.other++;
        }
      }
      console.log(`booking race: ${ROUNDS} rounds x ${PARALLEL}: ${JSON.stringify(tally)}`);
      expect(tally).toEqual({ 201: ROUNDS, 409: ROUNDS * (PARALLEL - 1), other: 0 });
      expect(await overlappingPairs(therapistId)).toBe(0);
    }, 600_000);

    it(`crossing therapists and clients: ${PARALLEL} parallel bookings x 10 rounds, 201 or 409, never 5xx`, async () => {
      // Each booking needs one of 5 therapists and one of 5 clients in a crossing pattern, so
      // without a consistent lock order two bookings would each hold what the other waits for.
      const therapists: string[] = [];
      for (let i = 0; i < 5; i++) {
        const t = await newMember(app, w.a.caller, ['therapist'], `Cross ${i}`);
        await w.a.caller.put(`/api/therapists/${t.me.memberId}/availability`, {
          timeZone: 'UTC',
          rules: ALL_WEEK,
        });
        therapists.push(t.me.memberId!);
      }
      const clients = clientIds.slice(0, 5);
      const base = new Date(Date.UTC(2032, 0, 5, 0, 0));
      const tally: Record<string, number> = {};
      for (let r = 0; r < 10; r++) {
        const start = base.getTime() + r * 2 * 3_600_000;
        const statuses = await Promise.all(
          Array.from({ length: PARALLEL }, (_, k) =>
            book(w.a.caller, {
              therapistId: therapists[k % 5],
              clientId: clients[(k * 3 + Math.floor(k / 5)) % 5],
              startsAt: new Date(start + (k % 7) * 60_000).toISOString(),
            }).then((res) => res.status),
          ),
        );
        for (const st of statuses) tally[st] = (tally[st] ?? 0) + 1;
      }
      expect(Object.keys(tally).sort()).toEqual(['201', '409']);
      // Every round seats at least one booking (and at most five: one per therapist).
      expect(tally['201']).toBeGreaterThanOrEqual(10);
      expect(tally['201']).toBeLessThanOrEqual(50);
      for (const t of therapists) expect(await overlappingPairs(t)).toBe(0);
      const [clientOverlaps] = await db(app).query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM appointments a JOIN appointments b
           ON a.client_id = b.client_id AND a.id < b.id
          AND a.status <> 'cancelled' AND b.status <> 'cancelled'
          AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
          WHERE a.client_id = ANY($1::uuid[])`,
        [clients],
      );
      expect(clientOverlaps!.n).toBe(0);
    }, 300_000);

    it('negative control: without the constraint the same load double-books', async () => {
      const ds = db(app);
      const [def] = await ds.query<{ def: string }[]>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'appointments_therapist_no_overlap'`,
      );
      // Only the schema owner may drop a constraint; the app's own role may not.
      const t = await newMember(app, w.a.caller, ['therapist'], 'Control');
      await w.a.caller.put(`/api/therapists/${t.me.memberId}/availability`, {
        timeZone: 'UTC',
        rules: ALL_WEEK,
      });
      const save = therapistId;
      therapistId = t.me.memberId!;
      await asOwner((c) =>
        c.query('ALTER TABLE appointments DROP CONSTRAINT appointments_therapist_no_overlap'),
      );
      try {
        let winners = 0;
        for (let r = 0; r < 3; r++)
          winners += (await round(new Date(Date.UTC(2031, 0, 6, 0, 0) + r * 2 * 3_600_000))).filter(
            (s) => s === 201,
          ).length;
        expect(winners).toBeGreaterThan(3);
        expect(await overlappingPairs(therapistId)).toBeGreaterThan(0);
      } finally {
        await ds.query(`UPDATE appointments SET status = 'cancelled' WHERE therapist_id = $1`, [
          therapistId,
        ]);
        await asOwner((c) =>
          c.query(
            `ALTER TABLE appointments ADD CONSTRAINT appointments_therapist_no_overlap ${def!.def}`,
          ),
        );
        therapistId = save;
      }
    }, 120_000);
  });
  describe('Idempotency-Key on booking', () => {
    let therapistId: string;
    beforeAll(async () => {
      const t = await newMember(app, w.a.caller, ['therapist'], 'Key Keeper');
      therapistId = t.me.memberId!;
      await w.a.caller.put(`/api/therapists/${therapistId}/availability`, {
        timeZone: 'UTC',
        rules: ALL_WEEK,
      });
    });
    const when = (hours: number) => new Date(Date.UTC(2033, 2, 7, 0) + hours * 3_600_000);
    const body = (clientId: string, hours: number) => ({
      therapistId,
      clientId,
      typeId: ongoing().id,
      startsAt: when(hours).toISOString(),
    });

    it('answers a retry with the same key and body with the same booking, even after a lost answer', async () => {
      const c = await newClient(w.a.caller);
      const key = `book-${randomUUID()}`;
      const first = await w.a.caller
        .post('/api/appointments', body(c.id, 0))
        .set('idempotency-key', key);
      expect(first.status).toBe(201);
      // The first answer never arrived; the browser sends the very same request again.
      const again = await w.a.caller
        .post('/api/appointments', body(c.id, 0))
        .set('idempotency-key', key);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.status).toBe('booked');
      // Without the key, the same request is a new booking, which clashes with the first.
      const plain = await w.a.caller.post('/api/appointments', body(c.id, 0));
      expect(plain.status).toBe(409);
      expect(plain.body.code).toBe('client_busy');
      const [n] = await db(app).query(
        `SELECT count(*)::int AS n FROM appointments WHERE client_id = $1`,
        [c.id],
      );
      expect(n.n).toBe(1);
    });

    it('parallel retries of one key book once and all get that booking', async () => {
      const c = await newClient(w.a.caller);
      const key = `book-${randomUUID()}`;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          w.a.caller.post('/api/appointments', body(c.id, 2)).set('idempotency-key', key),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    });

    it('refuses the same key with a different body (422), and a bad key (400 naming it)', async () => {
      const c = await newClient(w.a.caller);
      const key = `book-${randomUUID()}`;
      expect(
        (await w.a.caller.post('/api/appointments', body(c.id, 4)).set('idempotency-key', key))
          .status,
      ).toBe(201);
      const other = await w.a.caller
        .post('/api/appointments', body(c.id, 6))
        .set('idempotency-key', key);
      expect(other.status).toBe(422);
      expect(other.body.message).toMatch(/already used for a different booking/);
      const long = await w.a.caller
        .post('/api/appointments', body(c.id, 8))
        .set('idempotency-key', 'k'.repeat(201));
      expect(long.status).toBe(400);
      expect(long.body.fields).toHaveProperty('Idempotency-Key');
    });

    it("keys are the caller's own: another admin's key is a new booking", async () => {
      const c = await newClient(w.a.caller);
      const admin2 = await newMember(app, w.a.caller, ['admin'], 'Second Admin');
      const key = `book-${randomUUID()}`;
      const mine = await w.a.caller
        .post('/api/appointments', body(c.id, 10))
        .set('idempotency-key', key);
      expect(mine.status).toBe(201);
      const theirs = await admin2.caller
        .post('/api/appointments', body(c.id, 10))
        .set('idempotency-key', key);
      expect(theirs.status).toBe(409);
    });
  });
});
