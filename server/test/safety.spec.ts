// The safety loop through the API alone: every outcome of a critical item, escalation after an
// acknowledgement, the "right now" follow-up, and what a client's own routes may show.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AlertSummary,
  type ClientScreeningDetail,
  type InstrumentSummary,
  PERFECTIONISM_PATTERNS_CHECK,
  type ScreeningResultView,
  type ScreeningSummary,
} from '@attune/shared';
import { randomUUID } from 'node:crypto';
import {
  anonymous,
  bootApp,
  countQueries,
  db,
  newClientUser,
  newMember,
  newPractice,
  type Caller,
  type Signed,
} from './harness.js';

const SAFETY = 'safety-self-harm';
const NOW = 'safety-right-now';
const CRITICAL = PERFECTIONISM_PATTERNS_CHECK.criticalItems[0]!;

describe('safety: three outcomes, escalation, the right-now follow-up, client views', () => {
  let app: NestFastifyApplication;
  let admin: Signed;
  let therapist: Signed;
  let ppcId: string;

  beforeAll(async () => {
    app = await bootApp();
    admin = await newPractice(app);
    therapist = await newMember(app, admin.caller, ['therapist'], 'Tara Safe');
    const list = (await therapist.caller.get('/api/instruments')).body as InstrumentSummary[];
    ppcId = list.find((i) => i.key === PERFECTIONISM_PATTERNS_CHECK.key)!.id;
  });
  afterAll(() => app.close());

  /** A fresh client with the built-in screener assigned. */
  async function screening() {
    const client = await newClientUser(app, therapist.caller);
    const res = await therapist.caller.post(`/api/clients/${client.clientId}/screenings`, {
      instrumentId: ppcId,
    });
    expect(res.status).toBe(201);
    return { client, id: (res.body as ScreeningSummary).id, version: 0 };
  }

  async function save(c: Caller, s: { id: string; version: number }, answers: object) {
    const res = await c.put(`/api/screenings/${s.id}/draft`, { version: s.version, answers });
    expect(res.status).toBe(200);
    s.version = res.body.draftVersion as number;
  }

  async function submit(c: Caller, s: { id: string; version: number }, answers: object) {
    return c
      .post(`/api/screenings/${s.id}/submit`, { version: s.version, answers })
      .set('Idempotency-Key', randomUUID());
  }

  async function alertsOf(screeningId: string): Promise<AlertSummary[]> {
    const res = await therapist.caller.get('/api/alerts?status=all&limit=200');
    expect(res.status).toBe(200);
    return (res.body.items as AlertSummary[]).filter((a) => a.screeningId === screeningId);
  }

  async function acknowledge(alert: AlertSummary, note = 'Called them; we talked it through.') {
    const res = await therapist.caller.post(`/api/alerts/${alert.id}/acknowledge`, { note });
    expect(res.status).toBe(200);
    return res.body as AlertSummary;
  }

  const audits = async (action: string, entityId: string) =>
    (
      await db(app).query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND entity_id = $2`,
        [action, entityId],
      )
    )[0]!.n;

  it('assigns the latest built-in version (2) even from an older id, and lists only the latest', async () => {
    const old = structuredClone(PERFECTIONISM_PATTERNS_CHECK) as unknown as Record<string, unknown>;
    old['version'] = 1;
    old['id'] = 'attune-perfectionism-patterns-check-1';
    const [{ id: v1 }] = await db(app).query<[{ id: string }]>(
      `INSERT INTO instruments (practice_id, key, version, title, validated, source, definition)
       VALUES (NULL, $1, 1, $2, false, 'builtin', $3)
       ON CONFLICT (key, version) WHERE practice_id IS NULL DO UPDATE SET key = EXCLUDED.key
       RETURNING id`,
      [PERFECTIONISM_PATTERNS_CHECK.key, PERFECTIONISM_PATTERNS_CHECK.title, JSON.stringify(old)],
    );
    const list = (await therapist.caller.get('/api/instruments')).body as InstrumentSummary[];
    expect(list.filter((i) => i.key === PERFECTIONISM_PATTERNS_CHECK.key)).toEqual([
      expect.objectContaining({ id: ppcId, version: 2 }),
    ]);
    const client = await newClientUser(app, therapist.caller);
    const res = await therapist.caller.post(`/api/clients/${client.clientId}/screenings`, {
      instrumentId: v1,
    });
    expect(res.status).toBe(201);
    expect(res.body.instrument).toMatchObject({ id: ppcId, version: 2 });
  });

  it('positive: URGENT as soon as it is saved, and once only on submit', async () => {
    const s = await screening();
    await save(s.client.caller, s, { [SAFETY]: { value: 'sometimes' } });
    let alerts = await alertsOf(s.id);
    expect(alerts).toEqual([
      expect.objectContaining({
        level: 'urgent',
        reason: 'answered',
        raisedFrom: 'draft',
        message: CRITICAL.message,
      }),
    ]);
    expect(await audits('alert.raise', alerts[0]!.id)).toBe(1);
    const sent = await submit(s.client.caller, s, { [SAFETY]: { value: 'sometimes' } });
    expect(sent.status).toBe(200);
    alerts = await alertsOf(s.id);
    expect(alerts).toHaveLength(1);
    const view = (await therapist.caller.get(`/api/screenings/${s.id}/result`))
      .body as ScreeningResultView;
    expect(view.result.flags).toEqual([
      expect.objectContaining({ linkId: SAFETY, severity: 'urgent', reason: 'answered' }),
    ]);
    expect(view.alerts.map((a) => a.id)).toEqual([alerts[0]!.id]);
  });

  it('declined: a CHECK-IN with its own wording', async () => {
    const s = await screening();
    const sent = await submit(s.client.caller, s, { [SAFETY]: { value: 'decline' } });
    expect(sent.status).toBe(200);
    expect(await alertsOf(s.id)).toEqual([
      expect.objectContaining({
        level: 'check-in',
        reason: 'declined',
        raisedFrom: 'submission',
        message: CRITICAL.declinedMessage,
      }),
    ]);
  });

  it('left unanswered: a submit through the API alone records "safety question not answered" and raises a CHECK-IN', async () => {
    const s = await screening();
    await save(s.client.caller, s, { 'all-or-nothing-1': { value: 'often' } });
    expect(await alertsOf(s.id)).toEqual([]); // a draft may still be blank
    const sent = await submit(s.client.caller, s, { 'all-or-nothing-1': { value: 'often' } });
    expect(sent.status).toBe(200);
    const view = (await therapist.caller.get(`/api/screenings/${s.id}/result`))
      .body as ScreeningResultView;
    expect(view.result.unansweredCritical).toEqual([SAFETY]);
    expect(view.result.flags).toEqual([
      {
        linkId: SAFETY,
        severity: 'check-in',
        reason: 'unanswered',
        message: CRITICAL.unansweredMessage,
        rank: 0,
      },
    ]);
    expect(CRITICAL.unansweredMessage).toMatch(/^Safety question not answered/);
    const alerts = await alertsOf(s.id);
    expect(alerts).toEqual([
      expect.objectContaining({
        level: 'check-in',
        reason: 'unanswered',
        raisedFrom: 'submission',
      }),
    ]);
    const [{ meta }] = await db(app).query<[{ meta: { unansweredCritical: string[] } }]>(
      `SELECT meta FROM audit_events WHERE action = 'screening.submit' AND entity_id = $1`,
      [s.id],
    );
    expect(meta.unansweredCritical).toEqual([SAFETY]);
  });

  it('escalation: a worse answer after an acknowledgement raises a new alert at the new level; a milder one changes nothing', async () => {
    const s = await screening();
    const c = s.client.caller;
    await save(c, s, { [SAFETY]: { declined: true } });
    const [checkIn] = await alertsOf(s.id);
    expect(checkIn).toMatchObject({ level: 'check-in', reason: 'declined' });
    const acked = await acknowledge(checkIn!, 'Left a voicemail to check in.');
    expect(acked).toMatchObject({
      acknowledgedBy: 'Tara Safe',
      acknowledgementNote: 'Left a voicemail to check in.',
    });
    expect(acked.acknowledgedAt).not.toBeNull();

    // declined → positive: a new URGENT alert that points back to the acknowledged one.
    await save(c, s, { [SAFETY]: { value: 'rarely' } });
    let alerts = await alertsOf(s.id);
    expect(alerts).toHaveLength(2);
    const urgent = alerts.find((a) => a.acknowledgedAt === null)!;
    expect(urgent).toMatchObject({
      level: 'urgent',
      reason: 'answered',
      escalatedFrom: { id: checkIn!.id, level: 'check-in', acknowledgedAt: acked.acknowledgedAt },
    });
    expect(await audits('alert.escalate', urgent.id)).toBe(1);
    const open = (await therapist.caller.get('/api/alerts')).body.items as AlertSummary[];
    expect(open.filter((a) => a.screeningId === s.id).map((a) => a.id)).toEqual([urgent.id]);

    // A milder answer never closes the open alert.
    await save(c, s, { [SAFETY]: { value: 'never' } });
    alerts = await alertsOf(s.id);
    expect(alerts.find((a) => a.id === urgent.id)).toMatchObject({ acknowledgedAt: null });

    await acknowledge(urgent);
    // Same level, milder or equal option after acknowledgement: already seen, nothing new.
    await save(c, s, { [SAFETY]: { value: 'rarely' } });
    await save(c, s, { [SAFETY]: { declined: true } });
    expect(await alertsOf(s.id)).toHaveLength(2);
    // A higher option at the same level is a worse answer: a new URGENT alert.
    await save(c, s, { [SAFETY]: { value: 'almost-always' } });
    alerts = await alertsOf(s.id);
    expect(alerts).toHaveLength(3);
    expect(alerts.find((a) => a.acknowledgedAt === null)).toMatchObject({
      level: 'urgent',
      escalatedFrom: { id: urgent.id, level: 'urgent' },
    });
  });

  it('follow-up yes: IMMEDIATE, raised in place on the open alert and listed first', async () => {
    const s = await screening();
    const c = s.client.caller;
    await save(c, s, { [SAFETY]: { value: 'often' } });
    const [first] = await alertsOf(s.id);
    expect(first).toMatchObject({ level: 'urgent', escalatedAt: null });
    // A "right now" answer to a question that is not shown is ignored.
    const hidden = await c.put(`/api/screenings/${s.id}/draft`, {
      version: s.version,
      answers: { [SAFETY]: { value: 'never' }, [NOW]: { value: 'yes' } },
    });
    expect(hidden.status).toBe(200);
    s.version = hidden.body.draftVersion;
    expect((await alertsOf(s.id))[0]!.level).toBe('urgent');

    await save(c, s, { [SAFETY]: { value: 'often' }, [NOW]: { value: 'yes' } });
    const alerts = await alertsOf(s.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      id: first!.id,
      level: 'immediate',
      message: CRITICAL.followUp!.message,
    });
    expect(alerts[0]!.escalatedAt).not.toBeNull();
    expect(await audits('alert.escalate', first!.id)).toBe(1);

    // Another client's URGENT alert comes after it on the dashboard.
    const other = await screening();
    await save(other.client.caller, other, { [SAFETY]: { value: 'almost-always' } });
    const dash = await therapist.caller.get('/api/dashboard');
    const levels = (dash.body.openAlerts as AlertSummary[]).map((a) => a.level);
    expect(levels[0]).toBe('immediate');
    expect(levels.indexOf('immediate')).toBeLessThan(levels.indexOf('urgent'));
    const sent = await submit(c, s, { [SAFETY]: { value: 'often' }, [NOW]: { value: 'yes' } });
    expect(sent.status).toBe(200);
    const summary = (
      (await therapist.caller.get(`/api/clients/${s.client.clientId}/screenings`))
        .body as ScreeningSummary[]
    )[0]!;
    expect(summary).toMatchObject({ openAlerts: 1, openAlertLevel: 'immediate' });
  });

  it("alerts on the client's page: filtered by client, with who acknowledged, when and the note; 400 on a bad clientId", async () => {
    const s = await screening();
    await save(s.client.caller, s, { [SAFETY]: { value: 'rarely' } });
    const [a] = await alertsOf(s.id);
    await acknowledge(a!, 'Met in session; safety plan updated.');
    const res = await therapist.caller.get(`/api/alerts?status=all&clientId=${s.client.clientId}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: a!.id,
        acknowledgedBy: 'Tara Safe',
        acknowledgementNote: 'Met in session; safety plan updated.',
      }),
    ]);
    const bad = await therapist.caller.get('/api/alerts?clientId=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('clientId');
  });

  describe("a client's own routes hold no staff-only data", () => {
    const STAFF_KEYS = [
      'result',
      'openAlerts',
      'openAlertLevel',
      'scales',
      'total',
      'bands',
      'band',
      'score',
      'flags',
      'criticalItems',
      'severity',
      'level',
      'weight',
      'validationNote',
      'minAnsweredShare',
      'domainTag',
      'declinedMessage',
      'unansweredMessage',
    ];
    const STAFF_TEXT = [
      CRITICAL.message,
      CRITICAL.declinedMessage!,
      CRITICAL.followUp!.message,
      'few signs',
      'many signs',
    ];

    function expectClientSafe(body: unknown): void {
      const keys = new Set<string>();
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object')
          for (const [k, x] of Object.entries(v)) {
            keys.add(k);
            walk(x);
          }
      };
      walk(body);
      expect(STAFF_KEYS.filter((k) => keys.has(k))).toEqual([]);
      const text = JSON.stringify(body);
      expect(STAFF_TEXT.filter((t) => text.includes(t))).toEqual([]);
    }

    it('GET /api/screenings/:id: the questions, their answers and the crisis text only', async () => {
      const s = await screening();
      await save(s.client.caller, s, { [SAFETY]: { value: 'often' } });
      const res = await s.client.caller.get(`/api/screenings/${s.id}`);
      expect(res.status).toBe(200);
      const body = res.body as ClientScreeningDetail;
      expectClientSafe(body);
      expect(body.answers).toEqual({ [SAFETY]: { value: 'often' } });
      expect(body.definition.sections.flatMap((x) => x.items.map((i) => i.linkId))).toContain(
        SAFETY,
      );
      expect(body.definition.safetyItems[0]).toMatchObject({
        linkId: SAFETY,
        answerCodes: ['rarely', 'sometimes', 'often', 'almost-always'],
      });
      expect(typeof body.crisisText).toBe('string');
      // Staff still get the full definition.
      const staff = await therapist.caller.get(`/api/screenings/${s.id}`);
      expect(staff.body.definition.criticalItems[0].message).toBe(CRITICAL.message);
    });

    it('GET /api/clients/:id/screenings, GET /api/dashboard, PUT draft (200 and 409) and POST submit', async () => {
      const s = await screening();
      const c = s.client.caller;
      const draft = await c.put(`/api/screenings/${s.id}/draft`, {
        version: 0,
        answers: { [SAFETY]: { value: 'rarely' } },
      });
      expect(draft.status).toBe(200);
      expectClientSafe(draft.body);
      const stale = await c.put(`/api/screenings/${s.id}/draft`, { version: 0, answers: {} });
      expect(stale.status).toBe(409);
      expectClientSafe(stale.body);
      const dash = await c.get('/api/dashboard');
      expect(dash.status).toBe(200);
      expect(dash.body.screeningsToDo).toHaveLength(1);
      expectClientSafe(dash.body);
      const sent = await c
        .post(`/api/screenings/${s.id}/submit`, {
          version: 1,
          answers: { [SAFETY]: { value: 'rarely' } },
        })
        .set('Idempotency-Key', randomUUID());
      expect(sent.status).toBe(200);
      expectClientSafe(sent.body);
      const list = await c.get(`/api/clients/${s.client.clientId}/screenings`);
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(1);
      expectClientSafe(list.body);
      const again = await c.get(`/api/screenings/${s.id}`);
      expectClientSafe(again.body);
      // Staff-only routes stay closed to clients.
      expect((await c.get(`/api/screenings/${s.id}/result`)).status).toBe(403);
      expect((await c.get(`/api/screenings/${s.id}/fhir`)).status).toBe(403);
      expect((await c.get('/api/alerts')).status).toBe(403);
      expect((await c.get(`/api/instruments/${ppcId}`)).status).toBe(403);
    });
  });

  it('the client view runs a bounded number of queries', async () => {
    const s = await screening();
    const first = await countQueries(() => s.client.caller.get(`/api/screenings/${s.id}`));
    await save(s.client.caller, s, { [SAFETY]: { value: 'often' } });
    const later = await countQueries(() => s.client.caller.get(`/api/screenings/${s.id}`));
    expect(later.queries).toBe(first.queries);
    expect(first.queries).toBeLessThanOrEqual(8);
  });

  it('no session gets 401 on the alert and screening routes', async () => {
    const anon = await anonymous(app);
    expect((await anon.get('/api/alerts')).status).toBe(401);
    expect((await anon.get(`/api/instruments/${ppcId}/critical-items`)).status).toBe(401);
  });
});
