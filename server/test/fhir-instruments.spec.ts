// Published FHIR Questionnaires through the API as they are: import unchanged, score the
// published totals, raise an alert on PHQ-9 item 9, export valid R4; and the practice's own
// critical items for an imported instrument.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type {
  AlertSummary,
  CriticalItemsSettings,
  InstrumentDetail,
  InstrumentSummary,
  ScreeningResultView,
  ScreeningSummary,
} from '@attune/shared';
import { randomUUID } from 'node:crypto';
import { r4Problems } from '../../shared/testing/fhir-r4-validator.js';
import {
  GAD7_FILE,
  GAD7_SCORED_ITEMS,
  GAD7_TOTAL,
  handbookFixture,
  handbookFixtureText,
  PHQ9_DIFFICULTY,
  PHQ9_FILE,
  PHQ9_ITEM_9,
  PHQ9_SCORED_ITEMS,
  PHQ9_TOTAL,
  pointsToAnswers,
} from '../../shared/testing/handbook-fixtures.js';
import {
  anonymous,
  bootApp,
  db,
  newClientUser,
  newMember,
  newPractice,
  type Caller,
  type Signed,
} from './harness.js';

const PHQ9 = handbookFixture(PHQ9_FILE);
const GAD7 = handbookFixture(GAD7_FILE);

/** Posts a file's bytes exactly as published. */
function postRaw(caller: Caller, path: string, text: string) {
  return caller.req('post', path).set('content-type', 'application/json').send(text);
}

describe('FHIR instruments: published Questionnaires as they are', () => {
  let app: NestFastifyApplication;
  let admin: Signed;
  let therapist: Signed;
  let other: Signed;
  let phq: InstrumentDetail;
  let gad: InstrumentDetail;

  beforeAll(async () => {
    app = await bootApp();
    admin = await newPractice(app);
    therapist = await newMember(app, admin.caller, ['therapist'], 'Theo Import');
    other = await newPractice(app);
  });
  afterAll(() => app.close());

  async function assignAndSubmit(instrumentId: string, answers: object) {
    const client = await newClientUser(app, therapist.caller);
    const assigned = await therapist.caller.post(`/api/clients/${client.clientId}/screenings`, {
      instrumentId,
    });
    expect(assigned.status).toBe(201);
    const id = (assigned.body as ScreeningSummary).id;
    const sent = await client.caller
      .post(`/api/screenings/${id}/submit`, { version: 0, answers })
      .set('Idempotency-Key', randomUUID());
    expect(sent.status).toBe(200);
    return { id, client };
  }

  it('imports both published files byte for byte (admins only)', async () => {
    expect(
      (await postRaw(therapist.caller, '/api/instruments/fhir', handbookFixtureText(PHQ9_FILE)))
        .status,
    ).toBe(403);
    const p = await postRaw(admin.caller, '/api/instruments/fhir', handbookFixtureText(PHQ9_FILE));
    expect(p.status).toBe(201);
    phq = p.body as InstrumentDetail;
    expect(phq).toMatchObject({
      source: 'fhir',
      title: 'PHQ-9 quick depression assessment panel',
      itemCount: 10, // the calculated total is kept but not asked
      criticalItemsSource: 'definition',
    });
    const g = await postRaw(admin.caller, '/api/instruments/fhir', handbookFixtureText(GAD7_FILE));
    expect(g.status).toBe(201);
    gad = g.body as InstrumentDetail;
    expect(gad).toMatchObject({
      title: 'Generalized anxiety disorder 7 item (GAD-7)',
      itemCount: 7,
    });
    expect((await other.caller.get(`/api/instruments/${phq.id}`)).status).toBe(404);
  });

  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0],
    [[3, 2, 1, 0, 3, 2, 1, 0, 0], 12],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3], 27],
  ])('PHQ-9 %j scores the published total %i (item 10 unscored)', async (points, total) => {
    const answers = {
      ...pointsToAnswers(PHQ9, PHQ9_SCORED_ITEMS, points),
      [PHQ9_DIFFICULTY]: { value: 'LA6575-0' },
    };
    const { id } = await assignAndSubmit(phq.id, answers);
    const view = (await therapist.caller.get(`/api/screenings/${id}/result`))
      .body as ScreeningResultView;
    expect(view.result.total).toMatchObject({ score: total, answered: 9, itemCount: 9 });
  });

  it.each([
    [[0, 0, 0, 0, 0, 0, 0], 0],
    [[1, 2, 3, 0, 1, 2, 3], 12],
    [[3, 3, 3, 3, 3, 3, 3], 21],
  ])('GAD-7 %j scores the published total %i', async (points, total) => {
    const { id } = await assignAndSubmit(gad.id, pointsToAnswers(GAD7, GAD7_SCORED_ITEMS, points));
    const view = (await therapist.caller.get(`/api/screenings/${id}/result`))
      .body as ScreeningResultView;
    expect(view.result.total?.score).toBe(total);
  });

  it('PHQ-9 item 9 above "Not at all" raises an URGENT alert; "Not at all" none', async () => {
    const none = await assignAndSubmit(
      phq.id,
      pointsToAnswers(PHQ9, PHQ9_SCORED_ITEMS, [1, 1, 1, 1, 1, 1, 1, 1, 0]),
    );
    const some = await assignAndSubmit(
      phq.id,
      pointsToAnswers(PHQ9, PHQ9_SCORED_ITEMS, [0, 0, 0, 0, 0, 0, 0, 0, 1]),
    );
    const alerts = (await therapist.caller.get('/api/alerts?limit=200')).body
      .items as AlertSummary[];
    expect(alerts.filter((a) => a.screeningId === none.id)).toEqual([]);
    expect(alerts.filter((a) => a.screeningId === some.id)).toEqual([
      expect.objectContaining({ linkId: PHQ9_ITEM_9, level: 'urgent', reason: 'answered' }),
    ]);
  });

  it('exports both as valid R4, with url, version, codes and original linkIds; responses point to url|version', async () => {
    for (const [instrument, ids, total] of [
      [phq, [...PHQ9_SCORED_ITEMS, PHQ9_TOTAL, PHQ9_DIFFICULTY], PHQ9_TOTAL],
      [gad, [...GAD7_SCORED_ITEMS, GAD7_TOTAL], GAD7_TOTAL],
    ] as const) {
      const q = await therapist.caller.get(`/api/instruments/${instrument.id}/fhir`);
      expect(q.status).toBe(200);
      expect(r4Problems(q.body)).toEqual([]);
      expect(q.body.url).toMatch(/^urn:attune:instrument:/);
      expect(q.body.version).toBe(String(instrument.version));
      expect(q.body.item.map((i: { linkId: string }) => i.linkId)).toEqual(ids);
      expect(q.body.item.find((i: { linkId: string }) => i.linkId === total)).toMatchObject({
        type: 'decimal',
        readOnly: true,
      });
      expect(q.body.item[0].code[0].system).toBe('http://loinc.org');
    }
    const phqQ = (await therapist.caller.get(`/api/instruments/${phq.id}/fhir`)).body;
    expect(phqQ.code).toEqual([
      {
        system: 'http://loinc.org',
        code: '44249-1',
        display: 'PHQ-9 quick depression assessment panel',
      },
    ]);
    // The Attune critical-item extension carries item 9 out.
    expect(JSON.stringify(phqQ.extension)).toContain(PHQ9_ITEM_9);

    const { id } = await assignAndSubmit(
      phq.id,
      pointsToAnswers(PHQ9, PHQ9_SCORED_ITEMS, [1, 1, 1, 1, 1, 1, 1, 1, 1]),
    );
    const qr = await therapist.caller.get(`/api/screenings/${id}/fhir`);
    expect(r4Problems(qr.body)).toEqual([]);
    expect(qr.body.questionnaire).toBe(`${phqQ.url}|${phqQ.version}`);
    expect(qr.body.item.map((i: { linkId: string }) => i.linkId)).toEqual([
      ...PHQ9_SCORED_ITEMS,
      PHQ9_TOTAL,
    ]);
    expect(qr.body.item.find((i: { linkId: string }) => i.linkId === PHQ9_TOTAL).answer).toEqual([
      { valueDecimal: 9 },
    ]);
    expect(JSON.stringify(qr.body)).not.toContain('""');
    // Re-importing our own export gives the same instrument back, critical item included.
    const again = await admin.caller.post('/api/instruments/fhir', phqQ);
    expect(again.status).toBe(201);
    expect(again.body.definition.criticalItems).toEqual(phq.definition.criticalItems);
  });

  it('bounds import sizes with a 400 naming the field', async () => {
    const long = { ...GAD7, title: 'T'.repeat(301) };
    const res = await admin.caller.post('/api/instruments/fhir', long);
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('title');
    const text = structuredClone(GAD7) as { item: { text: string }[] };
    text.item[2]!.text = 'x'.repeat(4001);
    const t = await admin.caller.post('/api/instruments/fhir', text);
    expect(t.status).toBe(400);
    expect(t.body.fields).toHaveProperty(['item[2].text']);
    const many = {
      ...GAD7,
      item: Array.from({ length: 501 }, (_, i) => ({
        linkId: `q${i}`,
        text: 'Q',
        type: 'boolean',
      })),
    };
    const m = await admin.caller.post('/api/instruments/fhir', many);
    expect(m.status).toBe(400);
    expect(m.body.fields).toHaveProperty('item');
  });

  describe('critical items per practice', () => {
    const path = () => `/api/instruments/${phq.id}/critical-items`;

    it('shows the defaults (item 9 above "Not at all") to staff; 404 for another practice, 403 for a client, 401 without a session', async () => {
      const res = await therapist.caller.get(path());
      expect(res.status).toBe(200);
      expect(res.body as CriticalItemsSettings).toMatchObject({
        source: 'definition',
        version: 0,
        items: [
          {
            linkId: PHQ9_ITEM_9,
            answerCodes: ['LA6569-3', 'LA6570-1', 'LA6571-9'],
            severity: 'urgent',
          },
        ],
      });
      expect((await other.caller.get(path())).status).toBe(404);
      const client = await newClientUser(app, therapist.caller);
      expect((await client.caller.get(path())).status).toBe(403);
      const anon = await anonymous(app);
      expect((await anon.get(path())).status).toBe(401);
      expect((await anon.put(path(), { version: 0, items: [] })).status).toBe(401);
      const badId = await therapist.caller.get('/api/instruments/not-a-uuid/critical-items');
      expect(badId.status).toBe(400);
      expect(badId.body.fields).toHaveProperty('id');
    });

    it('lets an admin change them (audited, 409 when stale); therapists cannot; bad input names the field', async () => {
      const body = {
        version: 0,
        items: [
          {
            linkId: PHQ9_ITEM_9,
            answerCodes: ['LA6570-1', 'LA6571-9'],
            level: 'urgent',
            message: 'Item 9 at "more than half the days" or more: call the client today.',
          },
          {
            linkId: '/44259-0',
            answerCodes: ['LA6571-9'],
            level: 'check-in',
            message: 'Sleep trouble nearly every day: ask about it.',
          },
        ],
      };
      expect((await therapist.caller.put(path(), body)).status).toBe(403);
      expect((await other.caller.put(path(), body)).status).toBe(404);
      const bad = await admin.caller.put(path(), {
        ...body,
        items: [{ ...body.items[0], linkId: PHQ9_TOTAL }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toHaveProperty(['items.0.linkId']);
      const code = await admin.caller.put(path(), {
        ...body,
        items: [{ ...body.items[0], answerCodes: ['LA9999-9'] }],
      });
      expect(code.status).toBe(400);
      expect(code.body.fields).toHaveProperty(['items.0.answerCodes']);
      const level = await admin.caller.put(path(), {
        ...body,
        items: [{ ...body.items[0], level: 'whenever' }],
      });
      expect(level.status).toBe(400);
      expect(level.body.fields).toHaveProperty(['items.0.level']);
      const noVersion = await admin.caller.put(path(), { items: [] });
      expect(noVersion.body.fields).toHaveProperty('version');

      const saved = await admin.caller.put(path(), body);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ source: 'practice', version: 1, updatedBy: 'Alex Admin' });
      const [{ n }] = await db(app).query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'instrument.critical-items.update' AND entity_id = $1`,
        [phq.id],
      );
      expect(n).toBe(1);
      const stale = await admin.caller.put(path(), body);
      expect(stale.status).toBe(409);
      expect(stale.body.current).toMatchObject({ version: 1 });

      // Applied from now on: "Several days" on item 9 no longer alerts; sleep "nearly every day" checks in.
      const points = [0, 0, 3, 0, 0, 0, 0, 0, 1];
      const { id } = await assignAndSubmit(
        phq.id,
        pointsToAnswers(PHQ9, PHQ9_SCORED_ITEMS, points),
      );
      const alerts = (
        (await therapist.caller.get('/api/alerts?limit=200')).body.items as AlertSummary[]
      ).filter((a) => a.screeningId === id);
      expect(alerts.map((a) => [a.linkId, a.level])).toEqual([['/44259-0', 'check-in']]);
      const detail = await therapist.caller.get(`/api/instruments/${phq.id}`);
      expect(detail.body.criticalItemsSource).toBe('practice');
      const exported = await therapist.caller.get(`/api/instruments/${phq.id}/fhir`);
      expect(r4Problems(exported.body)).toEqual([]);
      expect(JSON.stringify(exported.body.extension)).toContain('/44259-0');
    });

    it('refuses to change the built-in screener (409)', async () => {
      const list = (await admin.caller.get('/api/instruments')).body as InstrumentSummary[];
      const builtin = list.find((i) => i.source === 'builtin')!;
      const res = await admin.caller.put(`/api/instruments/${builtin.id}/critical-items`, {
        version: 0,
        items: [],
      });
      expect(res.status).toBe(409);
    });
  });
});
