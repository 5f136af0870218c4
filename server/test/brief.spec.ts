import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AlertSummary,
  type AppointmentTypeView,
  type AssignmentSummary,
  type ClientBrief,
  type InstrumentDefinition,
  type InstrumentSummary,
  type ModuleDetail,
  PERFECTIONISM_PATTERNS_CHECK,
  type ScreeningSummary,
  type TherapistDashboard,
  toFhirQuestionnaire,
} from '@attune/shared';
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../src/common/clock.js';
import {
  anonymous,
  bootApp,
  type Caller,
  countQueries,
  db,
  newClientUser,
  newMember,
  newPractice,
  twoPractices,
} from './harness.js';

const SAFETY = 'safety-self-harm';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every domain of the built-in screener answered with one code, the safety item "never". */
function ppcAnswers(code: string, safety = 'never') {
  const answers: Record<string, { value: string }> = { [SAFETY]: { value: safety } };
  if (safety !== 'never') answers['safety-right-now'] = { value: 'no' };
  for (const scale of PERFECTIONISM_PATTERNS_CHECK.scales)
    if (!scale.context) for (const id of scale.items) answers[id] = { value: code };
  return answers;
}

// A small validated-style instrument whose total carries Jacobson-Truax constants (SEdiff ≈ 0.63).
const RC_DEFINITION: InstrumentDefinition = {
  id: 'brief-rc-check',
  key: 'brief-rc-check',
  version: 1,
  title: 'Two-item mood check',
  description: 'A test instrument with reliable-change constants.',
  licence: 'Written for these tests.',
  validated: true,
  validationNote: 'Test constants only.',
  sections: [
    {
      key: 'main',
      title: 'Mood',
      intro: '',
      whyWeAsk: '',
      items: ['q1', 'q2'].map((linkId) => ({
        linkId,
        text: `How often (${linkId})?`,
        type: 'choice' as const,
        required: true,
        options: [0, 1, 2, 3].map((w) => ({ code: `c${w}`, display: `Option ${w}`, weight: w })),
      })),
    },
  ],
  scales: [
    {
      key: 'mood',
      title: 'Mood',
      items: ['q1', 'q2'],
      method: 'sum',
      minAnsweredShare: 1,
    },
  ],
  total: {
    key: 'total',
    title: 'Total',
    items: ['q1', 'q2'],
    method: 'sum',
    minAnsweredShare: 1,
    jacobsonTruax: { sd: 1, reliability: 0.8 },
  },
  criticalItems: [],
};

describe('pre-session brief and the therapist’s Today', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let ppcId: string;
  let rcId: string;
  let ongoing: AppointmentTypeView;

  async function assign(by: Caller, clientId: string, instrumentId: string) {
    const res = await by.post(`/api/clients/${clientId}/screenings`, { instrumentId });
    expect(res.status).toBe(201);
    return res.body as ScreeningSummary;
  }

  async function submit(c: Caller, id: string, answers: object) {
    const res = await c
      .post(`/api/screenings/${id}/submit`, { version: 0, answers })
      .set('Idempotency-Key', randomUUID());
    expect(res.status).toBe(200);
  }

  /** A session written straight into the calendar (the API books only from now on). */
  async function session(
    s: {
      practiceId: string;
      therapistId: string;
      clientId: string;
      bookedBy: string;
      start: Date;
    },
    status = 'booked',
  ): Promise<string> {
    const [row] = await db(app).query<{ id: string }[]>(
      `INSERT INTO appointments (practice_id, therapist_id, client_id, type_id, starts_at, ends_at, booked_by_user_id, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        s.practiceId,
        s.therapistId,
        s.clientId,
        ongoing.id,
        s.start,
        new Date(s.start.getTime() + 50 * 60_000),
        s.bookedBy,
        status,
      ],
    );
    return row!.id;
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    const list = (await w.t1.caller.get('/api/instruments')).body as InstrumentSummary[];
    ppcId = list.find((i) => i.key === PERFECTIONISM_PATTERNS_CHECK.key)!.id;
    const imported = await w.a.caller.post(
      '/api/instruments/fhir',
      toFhirQuestionnaire(RC_DEFINITION),
    );
    expect(imported.status).toBe(201);
    rcId = imported.body.id as string;
    const types = (await w.a.caller.get('/api/appointment-types')).body as AppointmentTypeView[];
    ongoing = types.find((t) => t.kind === 'ongoing')!;
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  describe('the brief', () => {
    let brief: ClientBrief;
    let lastSessionStart: Date;
    let acknowledged: AlertSummary;
    let openAlert: AlertSummary;

    beforeAll(async () => {
      const client = w.clientA;
      const base = {
        practiceId: w.a.me.practice.id,
        therapistId: w.t1.me.memberId!,
        clientId: client.clientId,
        bookedBy: w.a.me.user.id,
      };
      // Two administrations of each instrument: raw change for the built-in screener, reliable
      // change for the one with constants.
      for (const code of ['rarely', 'often'])
        await submit(
          client.caller,
          (await assign(w.t1.caller, client.clientId, ppcId)).id,
          ppcAnswers(code),
        );
      for (const code of ['c0', 'c3'])
        await submit(client.caller, (await assign(w.t1.caller, client.clientId, rcId)).id, {
          q1: { value: code },
          q2: { value: code },
        });
      // A critical answer raises an URGENT alert, acknowledged with a note; a declined one a
      // CHECK-IN that stays open.
      const urgent = await assign(w.t1.caller, client.clientId, ppcId);
      await submit(client.caller, urgent.id, ppcAnswers('sometimes', 'sometimes'));
      const alerts = (await w.t1.caller.get('/api/alerts?status=all&limit=100')).body
        .items as AlertSummary[];
      const toAck = alerts.find((a) => a.screeningId === urgent.id)!;
      acknowledged = (
        await w.t1.caller.post(`/api/alerts/${toAck.id}/acknowledge`, {
          note: 'Called them the same day; safety plan reviewed.',
        })
      ).body as AlertSummary;
      const checkIn = await assign(w.t1.caller, client.clientId, ppcId);
      await w.clientA.caller.put(`/api/screenings/${checkIn.id}/draft`, {
        version: 0,
        answers: { [SAFETY]: { declined: true } },
      });
      openAlert = (
        (await w.t1.caller.get('/api/alerts?status=open&limit=100')).body.items as AlertSummary[]
      ).find((a) => a.screeningId === checkIn.id)!;

      // Readings: one shared reflection before the last session, one after, one private.
      const modules = (await w.t1.caller.get('/api/modules')).body as { id: string }[];
      const assigned = await w.t1.caller.post(`/api/clients/${client.clientId}/assignments`, {
        moduleIds: modules.slice(0, 2).map((m) => m.id),
        dueAt: new Date(Date.now() + 5 * DAY).toISOString(),
      });
      expect(assigned.status).toBe(201);
      const mine = (await client.caller.get('/api/assignments')).body as AssignmentSummary[];
      const [first, second] = mine;
      await client.caller.patch(`/api/assignments/${first!.id}`, { readSection: 0 });
      const prompts = async (a: AssignmentSummary) =>
        ((await client.caller.get(`/api/modules/${a.module.id}`)).body as ModuleDetail).content
          .reflectionPrompts;
      const [p1, p2] = await prompts(first!);
      const [q1] = await prompts(second!);
      const old = await client.caller.post(`/api/assignments/${first!.id}/reflections`, {
        promptId: p1!.id,
        body: 'Shared long ago.',
        shared: true,
      });
      await db(app).query(
        `UPDATE reflections SET shared_at = now() - interval '10 days', updated_at = now() - interval '10 days' WHERE id = $1`,
        [old.body.id],
      );
      if (p2)
        await client.caller.post(`/api/assignments/${first!.id}/reflections`, {
          promptId: p2.id,
          body: 'Only for me, not my therapist.',
        });
      await client.caller.post(`/api/assignments/${second!.id}/reflections`, {
        promptId: q1!.id,
        body: 'I noticed my inner critic at work this week.',
        shared: true,
      });

      // Sessions: an old one, the last one (3 days ago), a no-show since, and the next one.
      await session({ ...base, start: new Date(Date.now() - 20 * DAY) }, 'completed');
      lastSessionStart = new Date(Date.now() - 3 * DAY);
      await session({ ...base, start: lastSessionStart }, 'completed');
      await session({ ...base, start: new Date(Date.now() - 1 * DAY) }, 'no_show');
      await session({ ...base, start: new Date(Date.now() + 2 * DAY) });

      const res = await w.t1.caller.get(`/api/clients/${client.clientId}/brief`);
      expect(res.status).toBe(200);
      brief = res.body as ClientBrief;
    });

    it('puts safety first: open alerts, then acknowledged ones with who, when and the note', () => {
      expect(brief.alerts.map((a) => a.id)).toEqual([openAlert.id, acknowledged.id]);
      expect(brief.alerts[0]).toMatchObject({ level: 'check-in', acknowledgedAt: null });
      expect(brief.alerts[1]).toMatchObject({
        level: 'urgent',
        acknowledgedBy: 'Tess One',
        acknowledgementNote: 'Called them the same day; safety plan reviewed.',
      });
      expect(brief.alerts[1]!.acknowledgedAt).toBe(acknowledged.acknowledgedAt);
    });

    it('gives reliable change where the instrument has constants and labels raw change otherwise', () => {
      const rc = brief.scores.find((s) => s.instrument.key === RC_DEFINITION.key)!;
      expect(rc.method).toBe('reliable');
      expect(rc.change!.total).toMatchObject({
        earlier: 0,
        later: 6,
        change: 6,
        reliable: true,
        direction: 'deterioration',
      });
      // (6 - 0) / sqrt(2 * (1 * sqrt(0.2))^2) = 9.49
      expect(rc.change!.total!.rc).toBeCloseTo(9.49, 2);
      // The scale without constants is raw change only.
      expect(rc.change!.scales[0]).toMatchObject({ rc: null, direction: 'unknown', change: 6 });

      const ppc = brief.scores.find((s) => s.instrument.key === PERFECTIONISM_PATTERNS_CHECK.key)!;
      expect(ppc.instrument.validated).toBe(false);
      expect(ppc.method).toBe('raw');
      expect(ppc.change!.total).toMatchObject({ rc: null, reliable: false, direction: 'unknown' });
      // Only submitted screeners count: the latest is the one that raised the acknowledged alert
      // ("sometimes", 2), against the one before it ("often", 3).
      expect(ppc.latest.screeningId).toBe(acknowledged.screeningId);
      expect(ppc.change!.total).toMatchObject({ earlier: 3, later: 2, change: -1 });
      expect(ppc.previous).not.toBeNull();
    });

    it('counts "since the last session" from the last session that took place', () => {
      expect(brief.lastSession?.startsAt).toBe(lastSessionStart.toISOString());
      expect(brief.lastSession?.status).toBe('completed');
      expect(brief.since).toBe(lastSessionStart.toISOString());
      expect(new Date(brief.nextSession!.startsAt).getTime()).toBeGreaterThan(Date.now());
      expect(brief.scores.every((s) => s.newSinceLastSession)).toBe(true);
    });

    it('shows reflections shared since the last session, never a private one', () => {
      expect(brief.reflections.map((r) => r.body)).toEqual([
        'I noticed my inner critic at work this week.',
      ]);
      expect(brief.reflections[0]!.promptText).not.toBe('');
      expect(JSON.stringify(brief)).not.toContain('Only for me');
      expect(JSON.stringify(brief)).not.toContain('Shared long ago');
    });

    it('shows reading progress and what is due, soonest first', () => {
      expect(brief.reading).toHaveLength(2);
      expect(brief.reading[0]).toMatchObject({ status: 'assigned', sectionsRead: 1 });
      expect(brief.reading[0]!.sectionCount).toBeGreaterThan(1);
      // Two readings with a due date come first, then the open screener without one.
      expect(brief.due.map((d) => d.kind)).toEqual(['reading', 'reading', 'screening']);
      expect(brief.due[2]).toMatchObject({ status: 'in_progress' });
    });

    it('is on the audit trail as a typed read of that client', async () => {
      const [row] = await db(app).query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'client.brief.read' AND client_id = $1`,
        [w.clientA.clientId],
      );
      expect(row!.n).toBeGreaterThanOrEqual(1);
    });

    it('an admin reads it too; another therapist, another practice, a client and nobody do not', async () => {
      const path = `/api/clients/${w.clientA.clientId}/brief`;
      expect((await w.a.caller.get(path)).status).toBe(200);
      const other = await w.t2.caller.get(path);
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('client_not_found');
      expect((await w.b.caller.get(path)).status).toBe(404);
      expect((await w.clientA.caller.get(path)).status).toBe(403);
      expect((await w.clientB.caller.get(path)).status).toBe(403);
      expect((await (await anonymous(app)).get(path)).status).toBe(401);
      const bad = await w.t1.caller.get('/api/clients/not-a-uuid/brief');
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toHaveProperty('id');
      expect((await w.t1.caller.get(`/api/clients/${randomUUID()}/brief`)).status).toBe(404);
    });
  });

  it('runs the same number of queries at 10 and at 500 clients, and with a long history', async () => {
    const p = await newPractice(app);
    const t = await newMember(app, p.caller, ['therapist'], 'Quinn Count');
    const c = await newClientUser(app, t.caller);
    const practiceId = p.me.practice.id;
    const therapistId = t.me.memberId!;
    const addClients = (n: number) =>
      db(app).query(
        `INSERT INTO clients (practice_id, first_name, last_name, primary_therapist_id)
         SELECT $1, 'Extra', 'Client ' || g, $2 FROM generate_series(1, $3) g`,
        [practiceId, therapistId, n],
      );
    await addClients(9);
    const s = await assign(t.caller, c.clientId, ppcId);
    await submit(c.caller, s.id, ppcAnswers('sometimes', 'rarely'));
    // A fixed "now" (12:00 in Chicago), with this client's session this morning and last week.
    const now = new Date('2026-06-09T17:00:00Z');
    jest.spyOn(app.get(Clock), 'now').mockReturnValue(now);
    const morning = new Date('2026-06-09T13:00:00Z');
    for (const start of [morning, new Date(now.getTime() - 7 * DAY)])
      await session({
        practiceId,
        therapistId,
        clientId: c.clientId,
        bookedBy: p.me.user.id,
        start,
      });
    const measure = async () => {
      const brief = await countQueries(() => t.caller.get(`/api/clients/${c.clientId}/brief`));
      expect(brief.result.status).toBe(200);
      const dash = await countQueries(() => t.caller.get('/api/dashboard'));
      expect(dash.result.status).toBe(200);
      return {
        brief: brief.queries,
        dashboard: dash.queries,
        body: brief.result.body as ClientBrief,
      };
    };
    const small = await measure();

    // 500 clients with sessions today, and a long history for this one.
    await addClients(490);
    // 199 more sessions today, a minute each from 14:00 in Chicago.
    await db(app).query(
      `INSERT INTO appointments (practice_id, therapist_id, client_id, type_id, starts_at, ends_at, booked_by_user_id)
       SELECT $1, $2, x.id, $3, $4::timestamptz + x.n * interval '1 minute',
              $4::timestamptz + (x.n + 1) * interval '1 minute', $5
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM clients
                WHERE practice_id = $1 AND first_name = 'Extra' LIMIT 199) x`,
      [practiceId, therapistId, ongoing.id, new Date('2026-06-09T19:00:00Z'), p.me.user.id],
    );
    await db(app).query(
      `INSERT INTO screenings (practice_id, client_id, instrument_id, assigned_by_user_id, status, answers, result,
                               engine_version, submitted_at, submitted_by_user_id, created_at)
       SELECT practice_id, client_id, instrument_id, assigned_by_user_id, status, answers, result, engine_version,
              submitted_at - g * interval '1 day', submitted_by_user_id, created_at - g * interval '1 day'
         FROM screenings, generate_series(1, 80) g WHERE id = $1`,
      [s.id],
    );
    await db(app).query(
      `INSERT INTO appointments (practice_id, therapist_id, client_id, type_id, starts_at, ends_at, booked_by_user_id, status)
       SELECT $1, $2, $3, $4, $6::timestamptz - g * interval '8 days',
              $6::timestamptz - g * interval '8 days' + interval '50 minutes', $5, 'completed'
         FROM generate_series(2, 60) g`,
      [practiceId, therapistId, c.clientId, ongoing.id, p.me.user.id, now],
    );
    const alert = await db(app).query<{ id: string }[]>(
      `SELECT id FROM alerts WHERE client_id = $1 LIMIT 1`,
      [c.clientId],
    );
    expect(alert).toHaveLength(1);
    await db(app).query(
      `INSERT INTO alerts (practice_id, client_id, screening_id, link_id, level, answer_rank, reason, message, raised_from,
                           created_at, acknowledged_at, acknowledged_by_user_id, acknowledgement_note)
       SELECT practice_id, client_id, screening_id, link_id, level, answer_rank, reason, message, raised_from,
              now() - g * interval '1 hour', now() - g * interval '1 hour', $2, 'Seen.'
         FROM alerts, generate_series(1, 120) g WHERE id = $1`,
      [alert[0]!.id, t.me.user.id],
    );
    const large = await measure();

    expect(large.brief).toBe(small.brief);
    expect(large.dashboard).toBe(small.dashboard);
    expect(small.brief).toBeLessThanOrEqual(12);
    expect(small.dashboard).toBeLessThanOrEqual(12);
    // The bounds hold: at most 50 alerts, and the history is summarised, not listed.
    expect(large.body.alerts.length).toBeLessThanOrEqual(50);
    expect(large.body.alerts[0]).toMatchObject({ acknowledgedAt: null });
    expect(large.body.scores).toHaveLength(1);
    const dash = (await t.caller.get('/api/dashboard')).body as TherapistDashboard;
    expect(dash.today.sessions.length).toBe(200);
  });

  describe("Today: the therapist's sessions on the practice's calendar day", () => {
    // newPractice's zone is America/Chicago.
    const at = (iso: string) => new Date(iso);
    let base: { practiceId: string; therapistId: string; bookedBy: string };
    let t: Awaited<ReturnType<typeof newMember>>;
    let clients: Awaited<ReturnType<typeof newClientUser>>[];

    beforeAll(async () => {
      const p = await newPractice(app);
      t = await newMember(app, p.caller, ['therapist'], 'Dana Day');
      base = {
        practiceId: p.me.practice.id,
        therapistId: t.me.memberId!,
        bookedBy: p.me.user.id,
      };
      clients = [];
      for (let i = 0; i < 3; i++) clients.push(await newClientUser(app, t.caller));
    });

    async function todayAt(now: Date) {
      jest.spyOn(app.get(Clock), 'now').mockReturnValue(now);
      const res = await t.caller.get('/api/dashboard');
      expect(res.status).toBe(200);
      return (res.body as TherapistDashboard).today;
    }

    it('lists sessions earlier today, at 12:30 and late tonight, in time order, and nothing from tomorrow', async () => {
      const [a, b, c] = clients.map((x) => x.clientId);
      // 2026-06-09 in Chicago (CDT, UTC-5).
      const ids = {
        yesterdayLate: await session({ ...base, clientId: a!, start: at('2026-06-09T04:00:00Z') }),
        early: await session({ ...base, clientId: b!, start: at('2026-06-09T05:30:00Z') }),
        lunch: await session({ ...base, clientId: c!, start: at('2026-06-09T17:30:00Z') }),
        late: await session({ ...base, clientId: a!, start: at('2026-06-10T04:05:00Z') }),
        tomorrow: await session({ ...base, clientId: b!, start: at('2026-06-10T05:15:00Z') }),
      };
      const cancelled = await session(
        { ...base, clientId: b!, start: at('2026-06-09T15:00:00Z') },
        'cancelled',
      );
      const done = await session(
        { ...base, clientId: c!, start: at('2026-06-09T14:00:00Z') },
        'completed',
      );
      // At 13:05, after the 12:30 session has started, and at 21:30, when the UTC date is tomorrow.
      for (const now of [at('2026-06-09T18:05:00Z'), at('2026-06-10T02:30:00Z')]) {
        const today = await todayAt(now);
        expect(today.date).toBe('2026-06-09');
        expect(today.timeZone).toBe('America/Chicago');
        expect(today.sessions.map((s) => s.appointmentId)).toEqual([
          ids.early,
          done,
          ids.lunch,
          ids.late,
        ]);
      }
      expect((await todayAt(at('2026-06-09T18:05:00Z'))).sessions[1]!.status).toBe('completed');
      expect(
        (await todayAt(at('2026-06-09T18:05:00Z'))).sessions.map((s) => s.appointmentId),
      ).not.toContain(cancelled);
      // Just after midnight, the next day holds only its own.
      const next = await todayAt(at('2026-06-10T05:01:00Z'));
      expect(next.date).toBe('2026-06-10');
      expect(next.sessions.map((s) => s.appointmentId)).toEqual([ids.tomorrow]);
      const prev = await todayAt(at('2026-06-09T04:59:00Z'));
      expect(prev.sessions.map((s) => s.appointmentId)).toEqual([ids.yesterdayLate]);
    });

    it('holds a whole 23-hour and 25-hour day across DST changes', async () => {
      const [a, b, c] = clients.map((x) => x.clientId);
      // Spring forward 2026-03-08: 00:30 CST (06:30Z) to 23:30 CDT (04:30Z next day).
      const spring = [
        await session({ ...base, clientId: a!, start: at('2026-03-08T06:30:00Z') }),
        await session({ ...base, clientId: b!, start: at('2026-03-08T17:30:00Z') }),
        await session({ ...base, clientId: c!, start: at('2026-03-09T04:30:00Z') }),
      ];
      await session({ ...base, clientId: a!, start: at('2026-03-09T05:30:00Z') }); // Mar 9, 00:30
      const springDay = await todayAt(at('2026-03-08T20:00:00Z'));
      expect(springDay.date).toBe('2026-03-08');
      expect(springDay.sessions.map((s) => s.appointmentId)).toEqual(spring);

      // Fall back 2026-11-01: 01:30 CDT (06:30Z) and 01:30 CST (07:30Z) are both today, and so
      // is 23:30 CST (05:30Z next day), 25 hours after midnight.
      const fall = [
        await session({ ...base, clientId: a!, start: at('2026-11-01T06:30:00Z') }),
        await session({ ...base, clientId: b!, start: at('2026-11-01T07:30:00Z') }),
        await session({ ...base, clientId: c!, start: at('2026-11-02T05:30:00Z') }),
      ];
      await session({ ...base, clientId: a!, start: at('2026-11-02T06:30:00Z') }); // Nov 2, 00:30
      const fallDay = await todayAt(at('2026-11-02T03:00:00Z'));
      expect(fallDay.date).toBe('2026-11-01');
      expect(fallDay.sessions.map((s) => s.appointmentId)).toEqual(fall);
    });

    it('marks a client with an open alert and whether the brief opens', async () => {
      const [a] = clients.map((x) => x.clientId);
      const s = await assign(t.caller, a!, ppcId);
      await clients[0]!.caller.put(`/api/screenings/${s.id}/draft`, {
        version: 0,
        answers: { [SAFETY]: { value: 'often' } },
      });
      const today = await todayAt(at('2026-06-09T18:05:00Z'));
      const first = today.sessions.find((x) => x.client.id === a)!;
      expect(first.openAlertLevel).toBe('urgent');
      expect(first.briefAvailable).toBe(true);
      const other = today.sessions.find((x) => x.client.id !== a)!;
      expect(other.openAlertLevel).toBeNull();
    });
  });
});
