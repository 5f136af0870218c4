import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AlertSummary,
  type ClientScreeningDetail,
  type InstrumentSummary,
  PERFECTIONISM_PATTERNS_CHECK,
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
  twoPractices,
  type Caller,
} from './harness.js';

const PPC = 'perfectionism-patterns-check';
const SAFETY = 'safety-self-harm';

/** Every domain item answered with one frequency code. */
function allDomainAnswers(_seen: unknown, code: string) {
  const def = PERFECTIONISM_PATTERNS_CHECK;
  const answers: Record<string, { value: string }> = {};
  for (const scale of def.scales)
    if (!scale.context) for (const id of scale.items) answers[id] = { value: code };
  return answers;
}

describe('screening: assign, autosave, submit, alerts, results, FHIR', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let ppcId: string;

  async function assign(by: Caller, clientId: string, instrumentId = ppcId) {
    const res = await by.post(`/api/clients/${clientId}/screenings`, {
      instrumentId,
      note: 'Take your time.',
    });
    expect(res.status).toBe(201);
    return res.body as ScreeningSummary;
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    const list = await w.t1.caller.get('/api/instruments');
    ppcId = (list.body as InstrumentSummary[]).find((i) => i.key === PPC)!.id;
  });
  afterAll(() => app.close());

  it('lists the built-in screener, labelled not validated', async () => {
    const res = await w.t1.caller.get('/api/instruments');
    expect(res.status).toBe(200);
    const ppc = (res.body as InstrumentSummary[]).find((i) => i.key === PPC)!;
    expect(ppc).toMatchObject({ version: 2, validated: false, source: 'builtin' });
    expect(ppc.validationNote).toMatch(/Not validated/);
    expect(ppc.itemCount).toBeGreaterThanOrEqual(18);
    expect((await w.clientA.caller.get('/api/instruments')).status).toBe(403);
    const detail = await w.t1.caller.get(`/api/instruments/${ppcId}`);
    expect(detail.body.definition.criticalItems[0].linkId).toBe(SAFETY);
    expect(detail.body.definition.clinicianNote).toMatch(/not evidence that trauma occurred/);
  });

  it('assigns to own client only; 404 for another caseload or practice; 400 names bad fields', async () => {
    const s = await assign(w.t1.caller, w.clientA.clientId);
    expect(s).toMatchObject({ status: 'assigned', note: 'Take your time.', result: null });
    const other = await newMember(app, w.a.caller);
    expect(
      (
        await other.caller.post(`/api/clients/${w.clientA.clientId}/screenings`, {
          instrumentId: ppcId,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await w.b.caller.post(`/api/clients/${w.clientA.clientId}/screenings`, {
          instrumentId: ppcId,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await w.clientA.caller.post(`/api/clients/${w.clientA.clientId}/screenings`, {
          instrumentId: ppcId,
        })
      ).status,
    ).toBe(403);
    const bad = await w.t1.caller.post(`/api/clients/${w.clientA.clientId}/screenings`, {
      instrumentId: randomUUID(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('instrumentId');
    const due = await w.t1.caller.post(`/api/clients/${w.clientA.clientId}/screenings`, {
      instrumentId: ppcId,
      dueAt: 'soon',
    });
    expect(due.body.fields).toHaveProperty('dueAt');
  });

  it('autosaves drafts with versions: stale saves get 409 with the latest, resumable on another device', async () => {
    const s = await assign(w.t1.caller, w.clientA.clientId);
    const detail = await w.clientA.caller.get(`/api/screenings/${s.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.draftVersion).toBe(0);
    const first = await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 0,
      answers: { 'all-or-nothing-1': { value: 'often' } },
    });
    expect(first.status).toBe(200);
    expect(first.body.draftVersion).toBe(1);

    // A second device that still holds version 0 must not overwrite the saved answer.
    const stale = await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 0,
      answers: { 'all-or-nothing-1': { value: 'never' } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toEqual({
      draftVersion: 1,
      answers: { 'all-or-nothing-1': { value: 'often' } },
      status: 'in_progress',
    });

    const phone = await anonymous(app);
    await phone.login(w.clientA.email);
    const resumed = await phone.get(`/api/screenings/${s.id}`);
    expect(resumed.body.answers).toEqual({ 'all-or-nothing-1': { value: 'often' } });
    expect(resumed.body.draftVersion).toBe(1);
  });

  it('rejects answers the instrument does not have, naming the item', async () => {
    const s = await assign(w.t1.caller, w.clientA.clientId);
    const code = await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 0,
      answers: { 'all-or-nothing-1': { value: 'sometimes-ish' } },
    });
    expect(code.status).toBe(400);
    expect(code.body.fields).toHaveProperty(['answers.all-or-nothing-1']);
    const unknown = await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 0,
      answers: { nope: { value: 1 } },
    });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.fields)[0]).toMatch(/^answers/);
    const shape = await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 0,
      answers: 'all of them',
    });
    expect(shape.body.fields).toHaveProperty('answers');
    const version = await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, { answers: {} });
    expect(version.body.fields).toHaveProperty('version');
  });

  it('another client, another practice and no session cannot reach a screening', async () => {
    const s = await assign(w.t1.caller, w.clientA.clientId);
    expect((await w.clientB.caller.get(`/api/screenings/${s.id}`)).status).toBe(404);
    expect((await w.b.caller.get(`/api/screenings/${s.id}`)).status).toBe(404);
    expect(
      (await w.clientB.caller.put(`/api/screenings/${s.id}/draft`, { version: 0, answers: {} }))
        .status,
    ).toBe(404);
    expect((await (await anonymous(app)).get(`/api/screenings/${s.id}`)).status).toBe(401);
    expect(
      (await w.a.caller.put(`/api/screenings/${s.id}/draft`, { version: 0, answers: {} })).status,
    ).toBe(403);
  });

  it('raises an urgent alert as soon as the safety item is answered, even in a draft', async () => {
    const s = await assign(w.t1.caller, w.clientA.clientId);
    const saved = await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 0,
      answers: { [SAFETY]: { value: 'rarely' } },
    });
    expect(saved.status).toBe(200);
    const alerts = await w.t1.caller.get('/api/alerts');
    const mine = (alerts.body.items as AlertSummary[]).filter((a) => a.screeningId === s.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 'urgent',
      reason: 'answered',
      raisedFrom: 'draft',
      linkId: SAFETY,
    });
    // Saving again does not duplicate it.
    await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 1,
      answers: { [SAFETY]: { value: 'often' } },
    });
    const again = await w.t1.caller.get('/api/alerts?limit=200');
    expect((again.body.items as AlertSummary[]).filter((a) => a.screeningId === s.id)).toHaveLength(
      1,
    );
    // Only the client's own therapist and the admins see it.
    const other = await newMember(app, w.a.caller);
    expect((await other.caller.get('/api/alerts')).body.items).toEqual([]);
    expect((await w.b.caller.get('/api/alerts')).body.items).toEqual([]);
    const adminView = await w.a.caller.get('/api/alerts');
    expect((adminView.body.items as AlertSummary[]).some((a) => a.screeningId === s.id)).toBe(true);
    expect((await w.clientA.caller.get('/api/alerts')).status).toBe(403);
  });

  it('declining the safety item raises a CHECK-IN with its own wording, not URGENT', async () => {
    const s = await assign(w.t1.caller, w.clientA.clientId);
    await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 0,
      answers: { [SAFETY]: { declined: true } },
    });
    const alerts = await w.t1.caller.get('/api/alerts?limit=200');
    const a = (alerts.body.items as AlertSummary[]).find((x) => x.screeningId === s.id)!;
    expect(a).toMatchObject({ level: 'check-in', reason: 'declined' });
    expect(a.message).toMatch(/Prefer not to answer/);
    expect(a.message).toMatch(/Check in with them/);
  });

  it('submits idempotently: 10 parallel retries give one result; same key with another body is 422', async () => {
    const s = await assign(w.t1.caller, w.clientA.clientId);
    const detail = (await w.clientA.caller.get(`/api/screenings/${s.id}`))
      .body as ClientScreeningDetail;
    const answers = {
      ...allDomainAnswers(detail.definition, 'sometimes'),
      [SAFETY]: { value: 'never' },
    };
    const body = { version: 0, answers };
    const missingKey = await w.clientA.caller.post(`/api/screenings/${s.id}/submit`, body);
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.fields).toHaveProperty('Idempotency-Key');

    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        w.clientA.caller.post(`/api/screenings/${s.id}/submit`, body).set('Idempotency-Key', key),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.body.submittedAt)).size).toBe(1);
    const [{ n }] = await db(app).query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'screening.submit' AND entity_id = $1`,
      [s.id],
    );
    expect(n).toBe(1);

    const other = await w.clientA.caller
      .post(`/api/screenings/${s.id}/submit`, {
        ...body,
        answers: { ...answers, [SAFETY]: { value: 'rarely' } },
      })
      .set('Idempotency-Key', key);
    expect(other.status).toBe(422);
    const newKey = await w.clientA.caller
      .post(`/api/screenings/${s.id}/submit`, body)
      .set('Idempotency-Key', randomUUID());
    expect(newKey.status).toBe(409);
    const lateDraft = await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 1,
      answers: {},
    });
    expect(lateDraft.status).toBe(409);

    // Clients never see scores; staff do.
    expect((await w.clientA.caller.get(`/api/screenings/${s.id}/result`)).status).toBe(403);
    const list = await w.clientA.caller.get(`/api/clients/${w.clientA.clientId}/screenings`);
    expect((list.body as object[]).every((x) => !('result' in x) && !('openAlerts' in x))).toBe(
      true,
    );
    const result = await w.t1.caller.get(`/api/screenings/${s.id}/result`);
    expect(result.status).toBe(200);
    expect(result.body.result.total.score).toBe(2);
    const fear = result.body.result.scales.find(
      (x: { key: string }) => x.key === 'fear-of-mistakes',
    );
    expect(fear).toMatchObject({ score: 2, band: { label: 'some signs' } });
    expect(result.body.result.flags).toEqual([]);
    expect(result.body.result.engineVersion).toBe('2.0.0');
    expect((await w.b.caller.get(`/api/screenings/${s.id}/result`)).status).toBe(404);
  });

  it('keeps the trend: a second administration reports the change since the first', async () => {
    const t = await newMember(app, w.a.caller);
    const c = await newClientUser(app, t.caller);
    for (const [code, expected] of [
      ['often', 3],
      ['rarely', 1],
    ] as const) {
      const s = await assign(t.caller, c.clientId);
      const def = ((await c.caller.get(`/api/screenings/${s.id}`)).body as ClientScreeningDetail)
        .definition;
      const res = await c.caller
        .post(`/api/screenings/${s.id}/submit`, {
          version: 0,
          answers: allDomainAnswers(def, code),
        })
        .set('Idempotency-Key', randomUUID());
      expect(res.status).toBe(200);
      const view = await t.caller.get(`/api/screenings/${s.id}/result`);
      expect(view.body.result.total.score).toBe(expected);
      if (expected === 1) {
        expect(view.body.previous.change.total).toMatchObject({
          earlier: 3,
          later: 1,
          change: -2,
          rc: null, // no norm constants for the built-in screener: raw change only
          direction: 'unknown',
        });
      }
    }
    const history = await t.caller.get(`/api/clients/${c.clientId}/screenings`);
    expect((history.body as ScreeningSummary[]).map((x) => x.result?.total?.score)).toEqual([1, 3]);
  });

  it('alerts are acknowledged with a note, stay on top until then, and are audited', async () => {
    const s = await assign(w.t1.caller, w.clientA.clientId);
    await w.clientA.caller.put(`/api/screenings/${s.id}/draft`, {
      version: 0,
      answers: { [SAFETY]: { value: 'sometimes' } },
    });
    const open = (await w.t1.caller.get('/api/alerts?limit=200')).body.items as AlertSummary[];
    const alert = open.find((a) => a.screeningId === s.id)!;
    const noNote = await w.t1.caller.post(`/api/alerts/${alert.id}/acknowledge`, { note: '' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.fields).toHaveProperty('note');
    expect(
      (await w.b.caller.post(`/api/alerts/${alert.id}/acknowledge`, { note: 'not mine' })).status,
    ).toBe(404);
    expect(
      (await w.clientA.caller.post(`/api/alerts/${alert.id}/acknowledge`, { note: 'x x x' }))
        .status,
    ).toBe(403);
    const ack = await w.t1.caller.post(`/api/alerts/${alert.id}/acknowledge`, {
      note: 'Called Casey; safety plan reviewed.',
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      acknowledgedBy: 'Tess One',
      acknowledgementNote: 'Called Casey; safety plan reviewed.',
    });
    const twice = await w.t1.caller.post(`/api/alerts/${alert.id}/acknowledge`, { note: 'again' });
    expect(twice.body.acknowledgementNote).toBe('Called Casey; safety plan reviewed.');
    const stillOpen = (await w.t1.caller.get('/api/alerts?limit=200')).body.items as AlertSummary[];
    expect(stillOpen.find((a) => a.id === alert.id)).toBeUndefined();
    const all = (await w.t1.caller.get('/api/alerts?status=all&limit=200')).body
      .items as AlertSummary[];
    const idx = all.findIndex((a) => a.id === alert.id);
    expect(all.slice(idx).every((a) => a.acknowledgedAt !== null)).toBe(true);
    const [{ n }] = await db(app).query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.acknowledge' AND entity_id = $1`,
      [alert.id],
    );
    expect(n).toBe(1);
  });

  it('refuses a Questionnaire it cannot represent, naming the item', async () => {
    const bad = {
      resourceType: 'Questionnaire',
      status: 'active',
      name: 'bad',
      item: [{ linkId: 'photo', text: 'Upload a photo', type: 'attachment' }],
    };
    const res = await w.a.caller.post('/api/instruments/fhir', bad);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/photo/);
    expect(Object.keys(res.body.fields)[0]).toMatch(/^item/);
    const notQ = await w.a.caller.post('/api/instruments/fhir', { resourceType: 'Patient' });
    expect(notQ.body.fields).toHaveProperty('resourceType');
  });

  it('a stored instrument definition cannot be changed', async () => {
    await expect(
      db(app).query(`UPDATE instruments SET definition = '{}'::jsonb WHERE id = $1`, [ppcId]),
    ).rejects.toThrow(/immutable/);
  });

  it('dashboards put open alerts first and run a fixed number of queries', async () => {
    const t = await newMember(app, w.a.caller);
    const c1 = await newClientUser(app, t.caller);
    const first = await countQueries(() => t.caller.get('/api/dashboard'));
    expect(first.result.body).toMatchObject({ role: 'therapist', clientCount: 1, openAlerts: [] });
    for (let i = 0; i < 4; i++) {
      const c = i === 0 ? c1 : await newClientUser(app, t.caller);
      const s = await assign(t.caller, c.clientId);
      await c.caller.put(`/api/screenings/${s.id}/draft`, {
        version: 0,
        answers: { [SAFETY]: { value: 'often' } },
      });
    }
    const later = await countQueries(() => t.caller.get('/api/dashboard'));
    expect(later.result.body.openAlerts).toHaveLength(4);
    expect(later.result.body.openAlerts[0].level).toBe('urgent');
    expect(later.queries).toBe(first.queries);
    const clientDash = await c1.caller.get('/api/dashboard');
    expect(clientDash.body).toMatchObject({ role: 'client' });
    expect(clientDash.body.screeningsToDo).toHaveLength(1);
    expect(clientDash.body.screeningsToDo[0]).not.toHaveProperty('result');
    const admin = await w.a.caller.get('/api/dashboard');
    expect(admin.body.role).toBe('admin');
    expect(admin.body.openAlerts.length).toBeGreaterThanOrEqual(4);
    expect((await t.caller.get('/api/dashboard?as=admin')).status).toBe(403);
  });
});
