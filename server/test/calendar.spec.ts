import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type {
  AppointmentTypeView,
  AppointmentView,
  CalendarView,
  UtilisationView,
} from '@attune/shared';
import { DateTime } from 'luxon';
import {
  anonymous,
  bootApp,
  countQueries,
  db,
  newClient,
  newMember,
  twoPractices,
  type Caller,
} from './harness.js';

const NY = 'America/New_York';
// The harness's practices keep their calendar in Chicago; the therapists below work in New York.
const PRACTICE_ZONE = 'America/Chicago';
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

/** A Monday at least `weeks` weeks ahead, as a New York date. */
function futureMonday(weeks: number): DateTime {
  return DateTime.now().setZone(NY).startOf('week').plus({ weeks });
}
const nyTime = (monday: DateTime, day: number, hhmm: string) =>
  DateTime.fromISO(`${monday.plus({ days: day }).toISODate()}T${hhmm}`, { zone: NY });

describe('calendar grid: GET /api/calendar', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let types: AppointmentTypeView[];
  const ongoing = () => types.find((t) => t.kind === 'ongoing')!;
  const monday = futureMonday(3);
  const dayFrom = DateTime.fromISO(monday.toISODate()!, { zone: PRACTICE_ZONE });
  const range = (days: number) =>
    `from=${dayFrom.toUTC().toISO()}&to=${dayFrom.plus({ days }).toUTC().toISO()}`;
  let session: AppointmentView;

  async function book(by: Caller, therapistId: string, clientId: string, at: DateTime) {
    const res = await by.post('/api/appointments', {
      therapistId,
      clientId,
      typeId: ongoing().id,
      startsAt: at.toUTC().toISO(),
    });
    expect(res.status).toBe(201);
    return res.body as AppointmentView;
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    types = (await w.a.caller.get('/api/appointment-types')).body;
    await w.a.caller.put(`/api/therapists/${w.t1.me.memberId}/availability`, {
      timeZone: NY,
      rules: WEEKDAYS,
    });
    session = await book(
      w.a.caller,
      w.t1.me.memberId!,
      w.clientA.clientId,
      nyTime(monday, 0, '10:00'),
    );
    const off = await w.a.caller.post(`/api/therapists/${w.t1.me.memberId}/time-off`, {
      startsAt: nyTime(monday, 0, '13:00').toUTC().toISO(),
      endsAt: nyTime(monday, 0, '15:00').toUTC().toISO(),
      reason: 'Training',
    });
    expect(off.status).toBe(201);
  });
  afterAll(() => app.close());

  it('draws a day of every therapist: hours, time off, sessions with short names, free starts', async () => {
    const res = await w.a.caller.get(`/api/calendar?${range(1)}`);
    expect(res.status).toBe(200);
    const view = res.body as CalendarView;
    expect(view.timeZone).toBe(PRACTICE_ZONE);
    expect(view.type).toEqual({
      id: ongoing().id,
      name: ongoing().name,
      durationMinutes: 50,
    });
    expect(view.therapists.map((t) => t.displayName)).toEqual(['Tess One', 'Toby Two']);
    const [tess, toby] = view.therapists;
    expect(tess!.timeZone).toBe(NY);
    expect(tess!.workingHours).toEqual([
      {
        startsAt: nyTime(monday, 0, '09:00').toUTC().toJSDate().toISOString(),
        endsAt: nyTime(monday, 0, '17:00').toUTC().toJSDate().toISOString(),
      },
    ]);
    expect(tess!.timeOff).toEqual([
      expect.objectContaining({
        reason: 'Training',
        startsAt: nyTime(monday, 0, '13:00').toJSDate().toISOString(),
      }),
    ]);
    const local = tess!.freeSlots.map((s) => DateTime.fromISO(s, { zone: NY }).toFormat('HH:mm'));
    expect(local[0]).toBe('09:00');
    expect(local).not.toContain('09:15'); // would run into the 10:00 session
    expect(local).toContain('11:00');
    expect(local).toContain('12:00');
    expect(local).not.toContain('12:15'); // would run into the time off
    expect(local).not.toContain('14:00');
    expect(local).toContain('15:00');
    expect(local.at(-1)).toBe('16:00');
    // Toby set no hours: a column with nothing free.
    expect(toby!.workingHours).toEqual([]);
    expect(toby!.freeSlots).toEqual([]);

    expect(view.sessions).toHaveLength(1);
    const [s] = view.sessions;
    expect(s).toMatchObject({
      id: session.id,
      therapist: { id: w.t1.me.memberId, displayName: 'Tess One' },
      client: { id: w.clientA.clientId, shortName: 'Casey C.' },
      type: { kind: 'ongoing', durationMinutes: 50 },
      status: 'booked',
      version: 1,
    });
    expect(s!.client.displayName).toMatch(/^Casey Client/);
  });

  it('a week of one therapist, with cancelled sessions on request; the read is audited', async () => {
    const other = await newClient(w.t1.caller, { firstName: 'Robin', preferredName: 'Rob' });
    const cancelled = await book(
      w.a.caller,
      w.t1.me.memberId!,
      other.id,
      nyTime(monday, 2, '09:00'),
    );
    await w.a.caller.post(`/api/appointments/${cancelled.id}/cancel`, { reason: 'Away' });
    const url = `/api/calendar?${range(7)}&therapistId=${w.t1.me.memberId}`;
    const week = (await w.a.caller.get(url)).body as CalendarView;
    expect(week.therapists.map((t) => t.id)).toEqual([w.t1.me.memberId]);
    expect(week.therapists[0]!.workingHours).toHaveLength(5);
    expect(week.sessions.map((s) => s.id)).toEqual([session.id]);
    const withCancelled = (await w.a.caller.get(`${url}&includeCancelled=true`))
      .body as CalendarView;
    expect(withCancelled.sessions.map((s) => [s.client.shortName, s.status])).toEqual([
      ['Casey C.', 'booked'],
      [expect.stringMatching(/^Rob C\.$/), 'cancelled'],
    ]);
    // A cancelled session frees its time: Wednesday 09:00 is offered again.
    expect(withCancelled.therapists[0]!.freeSlots).toContain(
      nyTime(monday, 2, '09:00').toUTC().toJSDate().toISOString(),
    );
    const [event] = await db(app).query<{ action: string; meta: { clientIds: string[] } }[]>(
      `SELECT action, meta FROM audit_events WHERE practice_id = $1 AND action = 'calendar.read'
        ORDER BY created_at DESC LIMIT 1`,
      [w.a.me.practice.id],
    );
    expect(event!.meta.clientIds.sort()).toEqual([w.clientA.clientId, other.id].sort());
  });

  it('free times follow the chosen type', async () => {
    const intake = types.find((t) => t.kind === 'intake')!;
    const view = (
      await w.a.caller.get(
        `/api/calendar?${range(1)}&therapistId=${w.t1.me.memberId}&typeId=${intake.id}`,
      )
    ).body as CalendarView;
    expect(view.type?.durationMinutes).toBe(60);
    const local = view.therapists[0]!.freeSlots.map((s) =>
      DateTime.fromISO(s, { zone: NY }).toFormat('HH:mm'),
    );
    expect(local).toContain('12:00'); // 60 minutes fit before the 13:00 time off
    expect(local).not.toContain('12:15');
    expect(local.at(-1)).toBe('16:00');
  });

  it('therapists see their own column only; other practices and roles are refused', async () => {
    const own = (await w.t1.caller.get(`/api/calendar?${range(1)}`)).body as CalendarView;
    expect(own.therapists.map((t) => t.id)).toEqual([w.t1.me.memberId]);
    const toby = (await w.t2.caller.get(`/api/calendar?${range(1)}`)).body as CalendarView;
    expect(toby.therapists.map((t) => t.id)).toEqual([w.t2.me.memberId]);
    expect(toby.sessions).toEqual([]);
    expect(
      (await w.t2.caller.get(`/api/calendar?${range(1)}&therapistId=${w.t1.me.memberId}`)).status,
    ).toBe(404);
    const foreign = await w.b.caller.get(
      `/api/calendar?${range(1)}&therapistId=${w.t1.me.memberId}`,
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('therapist_not_found');
    // Another practice's admin sees their own (empty) practice, nothing of A's.
    const b = (await w.b.caller.get(`/api/calendar?${range(7)}`)).body as CalendarView;
    expect(b.sessions).toEqual([]);
    expect(b.therapists).toEqual([]);
    expect((await w.clientA.caller.get(`/api/calendar?${range(1)}`)).status).toBe(403);
    expect((await (await anonymous(app)).get(`/api/calendar?${range(1)}`)).status).toBe(401);
  });

  it('bad input is a 400 naming the field', async () => {
    const field = async (query: string) => {
      const res = await w.a.caller.get(`/api/calendar?${query}`);
      expect(res.status).toBe(400);
      return Object.keys(res.body.fields ?? {});
    };
    expect(await field('to=2027-01-02T00:00:00Z')).toContain('from');
    expect(await field('from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z')).toEqual(['to']);
    expect(await field('from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z')).toEqual(['to']);
    expect(await field(`${range(1)}&therapistId=nope`)).toEqual(['therapistId']);
    expect(await field(`${range(1)}&typeId=${w.t1.me.memberId}`)).toEqual(['typeId']);
    expect(await field(`${range(1)}&includeCancelled=maybe`)).toEqual(['includeCancelled']);
  });

  it('a fixed number of queries, whatever the number of therapists and sessions', async () => {
    const url = `/api/calendar?${range(7)}`;
    const before = await countQueries(() => w.a.caller.get(url));
    expect(before.result.status).toBe(200);
    for (const name of ['Uma Three', 'Vic Four', 'Wes Five']) {
      const t = await newMember(app, w.a.caller, ['therapist'], name);
      await w.a.caller.put(`/api/therapists/${t.me.memberId}/availability`, {
        timeZone: NY,
        rules: WEEKDAYS,
      });
      for (const day of [1, 3]) {
        const c = await newClient(w.a.caller);
        await book(w.a.caller, t.me.memberId!, c.id, nyTime(monday, day, '11:00'));
      }
    }
    const after = await countQueries(() => w.a.caller.get(url));
    const view = after.result.body as CalendarView;
    expect(view.therapists).toHaveLength(5);
    expect(view.sessions).toHaveLength(7);
    expect(after.queries).toBe(before.queries);
    // Session lookup, practice, types, therapists, hours, time off, sessions, audit.
    expect(after.queries).toBeLessThanOrEqual(8);
  });
});

describe('utilisation: GET /api/utilisation', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let typeId: string;

  /** A session written straight into the table: past weeks cannot be booked through the API. */
  async function insert(startIso: string, minutes: number, status: string, lateCancel = false) {
    const start = new Date(startIso);
    await db(app).query(
      `INSERT INTO appointments (practice_id, therapist_id, client_id, type_id, starts_at, ends_at, status,
                                 late_cancel, cancelled_at, booked_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        w.a.me.practice.id,
        w.t1.me.memberId,
        w.clientA.clientId,
        typeId,
        start,
        new Date(start.getTime() + minutes * 60_000),
        status,
        lateCancel,
        status === 'cancelled' ? start : null,
        w.a.me.user.id,
      ],
    );
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    const types = (await w.a.caller.get('/api/appointment-types')).body as AppointmentTypeView[];
    typeId = types.find((t) => t.kind === 'ongoing')!.id;
    // New York weekdays 09:00-17:00 and all of Sunday: 23 hours on the spring-forward Sunday.
    await w.a.caller.put(`/api/therapists/${w.t1.me.memberId}/availability`, {
      timeZone: NY,
      rules: [...WEEKDAYS, { weekday: 7, start: '00:00', end: '24:00' }],
    });
    // Wednesday 2026-03-04 12:00-18:00 EST: five hours of it inside working hours.
    await w.a.caller.post(`/api/therapists/${w.t1.me.memberId}/time-off`, {
      startsAt: '2026-03-04T17:00:00Z',
      endsAt: '2026-03-04T23:00:00Z',
    });
    await insert('2026-03-02T15:00:00Z', 50, 'completed'); // Mon 10:00 EST
    await insert('2026-03-02T16:00:00Z', 50, 'no_show'); // Mon 11:00
    await insert('2026-03-03T14:00:00Z', 50, 'cancelled', true); // Tue 09:00, cancelled late
    await insert('2026-03-03T16:00:00Z', 50, 'cancelled', false); // Tue 11:00, cancelled in time
    await insert('2026-03-04T18:00:00Z', 50, 'booked'); // Wed 13:00, during time off
    await insert('2026-03-06T01:00:00Z', 50, 'completed'); // Thu 20:00, outside hours
    await insert('2026-03-08T06:00:00Z', 60, 'booked'); // Sun 01:00 EST to 03:00 EDT
    await insert('2026-03-09T13:00:00Z', 50, 'completed'); // Mon 09:00 EDT: the next week
  });
  afterAll(() => app.close());

  it('counts and free hours per therapist and week match the hand-computed figures (DST weeks)', async () => {
    const res = await w.a.caller.get('/api/utilisation?from=2026-03-04&weeks=2');
    expect(res.status).toBe(200);
    const view = res.body as UtilisationView;
    expect(view.timeZone).toBe(PRACTICE_ZONE);
    expect(view.weeks).toEqual(['2026-03-02', '2026-03-09']);
    expect(view.therapists.map((t) => t.displayName)).toEqual(['Tess One', 'Toby Two']);
    const tess = view.rows.filter((r) => r.therapistId === w.t1.me.memberId);
    // Chicago's week (Mon 06:00Z to Mon 05:00Z) holds all of New York's 23-hour Sunday.
    const working = 5 * 480 + 23 * 60;
    expect(tess).toEqual([
      {
        therapistId: w.t1.me.memberId,
        weekStart: '2026-03-02',
        booked: 6,
        attended: 2,
        noShow: 1,
        lateCancelled: 1,
        workingMinutes: working,
        timeOffMinutes: 300,
        bookedMinutes: 160,
        freeMinutes: working - 300 - 160,
      },
      {
        therapistId: w.t1.me.memberId,
        weekStart: '2026-03-09',
        booked: 1,
        attended: 1,
        noShow: 0,
        lateCancelled: 0,
        workingMinutes: 5 * 480 + 24 * 60,
        timeOffMinutes: 0,
        bookedMinutes: 50,
        freeMinutes: 5 * 480 + 24 * 60 - 50,
      },
    ]);
    const toby = view.rows.filter((r) => r.therapistId === w.t2.me.memberId);
    expect(toby.map((r) => [r.booked, r.workingMinutes, r.freeMinutes])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('the autumn week has a 25-hour Sunday; one therapist on request', async () => {
    const view = (
      await w.a.caller.get(
        `/api/utilisation?from=2026-10-26&weeks=1&therapistId=${w.t1.me.memberId}`,
      )
    ).body as UtilisationView;
    expect(view.weeks).toEqual(['2026-10-26']);
    expect(view.rows).toEqual([
      expect.objectContaining({
        workingMinutes: 5 * 480 + 25 * 60,
        freeMinutes: 5 * 480 + 25 * 60,
      }),
    ]);
  });

  it('a fixed number of queries for one week or twenty-six', async () => {
    const one = await countQueries(() =>
      w.a.caller.get('/api/utilisation?from=2026-03-02&weeks=1'),
    );
    const many = await countQueries(() =>
      w.a.caller.get('/api/utilisation?from=2026-01-05&weeks=26'),
    );
    expect(many.result.status).toBe(200);
    expect((many.result.body as UtilisationView).rows).toHaveLength(2 * 26);
    expect(many.queries).toBe(one.queries);
    // Session lookup, practice, therapists, hours, time off, sessions.
    expect(many.queries).toBeLessThanOrEqual(6);
  });

  it('admins only; another practice’s therapist is not found; bad input names the field', async () => {
    expect((await w.t1.caller.get('/api/utilisation?from=2026-03-02')).status).toBe(403);
    expect((await w.clientA.caller.get('/api/utilisation?from=2026-03-02')).status).toBe(403);
    expect((await (await anonymous(app)).get('/api/utilisation?from=2026-03-02')).status).toBe(401);
    const foreign = await w.b.caller.get(
      `/api/utilisation?from=2026-03-02&therapistId=${w.t1.me.memberId}`,
    );
    expect(foreign.status).toBe(404);
    const b = (await w.b.caller.get('/api/utilisation?from=2026-03-02')).body as UtilisationView;
    expect(b.therapists).toEqual([]);
    expect(b.rows).toEqual([]);
    const field = async (query: string) => {
      const res = await w.a.caller.get(`/api/utilisation?${query}`);
      expect(res.status).toBe(400);
      return Object.keys(res.body.fields ?? {});
    };
    expect(await field('weeks=2')).toEqual(['from']);
    expect(await field('from=March')).toEqual(['from']);
    expect(await field('from=2026-02-30')).toEqual(['from']);
    expect(await field('from=2026-03-02&weeks=0')).toEqual(['weeks']);
    expect(await field('from=2026-03-02&weeks=27')).toEqual(['weeks']);
    expect(await field('from=2026-03-02&weeks=two')).toEqual(['weeks']);
    expect(await field('from=2026-03-02&therapistId=nope')).toEqual(['therapistId']);
  });
});
