import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AssignmentSummary,
  type FhirQuestionnaire,
  formatSessionTime,
  type InstrumentSummary,
  type ModuleDetail,
  type ModuleSummary,
  PERFECTIONISM_PATTERNS_CHECK,
  type RecordHead,
  type RecordReading,
  type RecordScreener,
  type RecordSession,
  type ScreeningSummary,
} from '@attune/shared';
import { randomUUID } from 'node:crypto';
import { r4Problems } from '../../shared/testing/fhir-r4-validator.js';
import { handbookFixtureText, PHQ9_FILE } from '../../shared/testing/handbook-fixtures.js';
import {
  anonymous,
  bootApp,
  type Caller,
  countQueries,
  db,
  newClientUser,
  newMember,
  twoPractices,
} from './harness.js';
import { enrol, nextStep, staleStepUp, totp } from './account-harness.js';
import { binary, unzipText } from './zip-reader.js';

const PPC = 'perfectionism-patterns-check';

interface RecordFile extends RecordHead {
  screeners: RecordScreener[];
  reading: RecordReading[];
  sessions: RecordSession[];
}
interface BundleFile {
  resourceType: 'Bundle';
  type: string;
  entry: { fullUrl: string; resource: Record<string, unknown> & { resourceType: string } }[];
}

/** Every domain item of the built-in check answered with one frequency code; safety: never. */
function domainAnswers(code: string) {
  const answers: Record<string, { value: string } | { declined: true }> = {};
  for (const scale of PERFECTIONISM_PATTERNS_CHECK.scales)
    if (!scale.context) for (const id of scale.items) answers[id] = { value: code };
  answers['safety-self-harm'] = { value: 'never' };
  return answers;
}

async function download(caller: Caller, clientId: string) {
  const res = await caller.get(`/api/clients/${clientId}/export`).buffer(true).parse(binary);
  if (res.status !== 200) return { res, files: {} as Record<string, string> };
  return { res, files: await unzipText(res.body as Buffer) };
}

function parse(files: Record<string, string>) {
  return {
    record: JSON.parse(files['record.json']!) as RecordFile,
    bundle: JSON.parse(files['fhir-bundle.json']!) as BundleFile,
  };
}

const ofType = (b: BundleFile, type: string) =>
  b.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource);

describe('client export: one ZIP with record.json and a FHIR R4 Bundle, streamed', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let ppcId: string;
  let phqId: string;
  let typeId: string;
  let library: ModuleSummary[];
  let hour = 0;

  /** A session far enough ahead not to clash with the others (admins may book outside hours). */
  async function book(clientId: string, therapistId: string) {
    const startsAt = new Date(Date.now() + (30 * 24 + hour++ * 2) * 3_600_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const res = await w.a.caller.post('/api/appointments', {
      therapistId,
      clientId,
      typeId,
      startsAt: startsAt.toISOString(),
      override: true,
      overrideReason: 'Test data',
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; startsAt: string };
  }

  async function screener(
    therapist: Caller,
    client: Caller,
    clientId: string,
    instrumentId: string,
    answers: object | null,
    submit: boolean,
  ) {
    const res = await therapist.post(`/api/clients/${clientId}/screenings`, { instrumentId });
    expect(res.status).toBe(201);
    const id = (res.body as ScreeningSummary).id;
    if (answers && submit) {
      const sent = await client
        .post(`/api/screenings/${id}/submit`, { version: 0, answers })
        .set('Idempotency-Key', randomUUID());
      expect(sent.status).toBe(200);
    } else if (answers) {
      expect(
        (await client.put(`/api/screenings/${id}/draft`, { version: 0, answers })).status,
      ).toBe(200);
    }
    return id;
  }

  /** Reflections on a reading: the first prompt private, the next shared (when there is one). */
  async function reflect(client: Caller, a: AssignmentSummary, text: string) {
    const content = ((await client.get(`/api/modules/${a.module.id}`)).body as ModuleDetail)
      .content;
    const [p1, p2] = content.reflectionPrompts;
    const priv = await client.post(`/api/assignments/${a.id}/reflections`, {
      promptId: p1!.id,
      body: `${text} (private)`,
    });
    expect(priv.status).toBe(201);
    if (p2) {
      const shared = await client.post(`/api/assignments/${a.id}/reflections`, {
        promptId: p2.id,
        body: `${text} (shared)`,
        shared: true,
      });
      expect(shared.status).toBe(201);
    }
    return { prompts: content.reflectionPrompts.length };
  }

  /** A client with `n` of everything: screeners (submitted, draft, untouched), reading, sessions. */
  async function filledClient(n: number) {
    const therapist = w.t1;
    const c = await newClientUser(app, therapist.caller, {
      firstName: 'Robin',
      preferredName: 'Rob',
    });
    for (let i = 0; i < n; i++)
      await screener(therapist.caller, c.caller, c.clientId, ppcId, domainAnswers('often'), true);
    await screener(therapist.caller, c.caller, c.clientId, ppcId, domainAnswers('rarely'), false);
    await screener(therapist.caller, c.caller, c.clientId, ppcId, null, false);
    const assigned = await therapist.caller.post(`/api/clients/${c.clientId}/assignments`, {
      moduleIds: library.slice(0, Math.min(n, library.length)).map((m) => m.id),
    });
    expect(assigned.status).toBe(201);
    let reflections = 0;
    for (const a of assigned.body as AssignmentSummary[])
      reflections += (await reflect(c.caller, a, `Reading ${a.module.title}`)).prompts >= 2 ? 2 : 1;
    const sessions = [];
    for (let i = 0; i < n; i++) sessions.push(await book(c.clientId, therapist.me.memberId!));
    return { ...c, reflections, sessions };
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    ppcId = ((await w.t1.caller.get('/api/instruments')).body as InstrumentSummary[]).find(
      (i) => i.key === PPC,
    )!.id;
    const phq = await w.a.caller
      .req('post', '/api/instruments/fhir')
      .set('content-type', 'application/json')
      .send(handbookFixtureText(PHQ9_FILE));
    expect(phq.status).toBe(201);
    phqId = phq.body.id as string;
    typeId = ((await w.a.caller.get('/api/appointment-types')).body as { id: string }[])[0]!.id;
    library = (await w.t1.caller.get('/api/modules')).body as ModuleSummary[];
  });
  afterAll(() => app.close());

  it('a client downloads their own record: both files, their answers and private reflections, no scores', async () => {
    const c = await filledClient(2);
    // An imported, published instrument too: its response must point to its own canonical.
    const phqAnswers = Object.fromEntries(
      (
        (
          await c.caller.get(
            `/api/screenings/${await screener(w.t1.caller, c.caller, c.clientId, phqId, null, false)}`,
          )
        ).body as {
          definition: {
            sections: {
              items: { linkId: string; readOnly?: boolean; options?: { code: string }[] }[];
            }[];
          };
        }
      ).definition.sections
        .flatMap((s) => s.items)
        .filter((i) => i.options?.length && !i.readOnly)
        .map((i) => [i.linkId, { value: i.options![1]!.code }]),
    );
    const phqScreening = (
      (await w.t1.caller.get(`/api/clients/${c.clientId}/screenings`)).body as ScreeningSummary[]
    ).find((s) => s.instrument.id === phqId)!;
    const sent = await c.caller
      .post(`/api/screenings/${phqScreening.id}/submit`, { version: 0, answers: phqAnswers })
      .set('Idempotency-Key', randomUUID());
    expect(sent.status).toBe(200);

    const { res, files } = await download(c.caller, c.clientId);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="attune-record-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'fhir-bundle.json', 'record.json']);
    expect(files['README.txt']).toMatch(/kept private/);

    const { record, bundle } = parse(files);
    expect(record.audience).toBe('client');
    expect(record.client).toMatchObject({
      id: c.clientId,
      firstName: 'Robin',
      preferredName: 'Rob',
    });
    // Their answers, in words; drafts too; the untouched screener is listed, not started.
    const statuses = record.screeners.map((s) => s.status);
    expect(statuses.filter((s) => s === 'submitted')).toHaveLength(3);
    expect(statuses).toEqual(expect.arrayContaining(['in progress', 'not started']));
    const first = record.screeners[0]!;
    expect(first.answers[0]).toEqual({
      linkId: 'all-or-nothing-1',
      question: 'If something was not perfect, it felt like a failure.',
      answer: 'Often',
    });
    expect(record.screeners.find((s) => s.status === 'in progress')!.answers[0]!.answer).toBe(
      'Rarely',
    );
    // Clients never see scores or alerts, in the app or in their copy.
    for (const s of record.screeners) {
      expect(s).not.toHaveProperty('result');
      expect(s).not.toHaveProperty('alerts');
    }
    // Every reflection, the private ones included.
    const texts = record.reading.flatMap((r) => r.reflections.map((x) => x.text));
    expect(texts).toHaveLength(c.reflections);
    expect(texts.some((t) => t.endsWith('(private)'))).toBe(true);
    expect(record.reading[0]!.reflections[0]!.prompt.length).toBeGreaterThan(5);
    // Sessions read by the one date rule, in the practice's time zone.
    expect(record.sessions).toHaveLength(2);
    expect(record.sessions[0]!.when).toBe(
      formatSessionTime(c.sessions[0]!.startsAt, record.practice.timeZone),
    );

    // The Bundle: a valid R4 collection that stands alone.
    expect(bundle.type).toBe('collection');
    expect(r4Problems(bundle)).toEqual([]);
    const urls = bundle.entry.map((e) => e.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
    expect(ofType(bundle, 'Patient')).toEqual([
      expect.objectContaining({ id: c.clientId, active: true }),
    ]);
    const questionnaires = ofType(bundle, 'Questionnaire') as unknown as FhirQuestionnaire[];
    const canonicals = questionnaires.map((q) => `${q.url}|${q.version}`);
    const published = (await w.a.caller.get(`/api/instruments/${phqId}/fhir`))
      .body as FhirQuestionnaire;
    expect(canonicals).toEqual(
      expect.arrayContaining([
        `${published.url}|${published.version}`,
        expect.stringContaining(PPC),
      ]),
    );
    // No cut-offs or critical-item rules in the client's copy of the questionnaires.
    expect(JSON.stringify(questionnaires)).not.toMatch(/critical-item|total-scale|"bands"/);
    const responses = ofType(bundle, 'QuestionnaireResponse');
    // Three submitted and one draft: the untouched screener has no response.
    expect(responses).toHaveLength(4);
    for (const r of responses) {
      expect(canonicals).toContain(r['questionnaire']);
      expect(r['subject']).toMatchObject({ reference: `urn:uuid:${c.clientId}` });
    }
    expect(responses.map((r) => r['status']).sort()).toEqual([
      'completed',
      'completed',
      'completed',
      'in-progress',
    ]);
    // The PHQ-9's calculated total is a score: left out of the client's copy.
    const phqResponse = responses.find(
      (r) => r['questionnaire'] === `${published.url}|${published.version}`,
    )!;
    expect(JSON.stringify(phqResponse)).not.toMatch(/valueDecimal/);
    expect(ofType(bundle, 'Appointment').map((a) => a['status'])).toEqual(['booked', 'booked']);
    const docs = ofType(bundle, 'DocumentReference');
    expect(docs).toHaveLength(c.reflections);
    const decoded = docs.map((d) =>
      Buffer.from(
        (d['content'] as { attachment: { data: string } }[])[0]!.attachment.data,
        'base64',
      ).toString('utf8'),
    );
    expect(decoded.sort()).toEqual([...texts].sort());
  });

  it("an admin exports any client's record on request: scores and alerts, but not private reflections", async () => {
    const c = await filledClient(1);
    // A declined safety question raises a check-in alert: part of the clinical record.
    await screener(
      w.t1.caller,
      c.caller,
      c.clientId,
      ppcId,
      { ...domainAnswers('sometimes'), 'safety-self-harm': { declined: true } },
      true,
    );
    const { res, files } = await download(w.a.caller, c.clientId);
    expect(res.status).toBe(200);
    const { record, bundle } = parse(files);
    expect(record.audience).toBe('practice');
    expect(files['README.txt']).toMatch(/not reflections the client kept private/);
    const submitted = record.screeners.filter((s) => s.status === 'submitted');
    expect(submitted[0]!.result).toMatchObject({ scales: expect.any(Array) });
    const alerts = submitted.flatMap((s) => s.alerts ?? []);
    expect(alerts).toEqual([
      expect.objectContaining({ level: 'check-in', reason: 'declined', acknowledgedAt: null }),
    ]);
    expect(alerts[0]!.question).toMatch(/better off dead/);
    const texts = record.reading.flatMap((r) => r.reflections.map((x) => x.text));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => t.endsWith('(shared)'))).toBe(true);
    expect(r4Problems(bundle)).toEqual([]);
    expect(ofType(bundle, 'DocumentReference')).toHaveLength(texts.length);
    expect(JSON.stringify(ofType(bundle, 'Questionnaire'))).toMatch(/critical-item/);
  });

  it('with a second step, an export needs a code from the last 10 minutes (403 step_up_required, then it goes)', async () => {
    const c = await filledClient(1);
    const admin = await newMember(app, w.a.caller, ['admin']);
    const { secret } = await enrol(admin.caller);
    await staleStepUp(app, admin.me.user.id);
    const refused = await admin.caller.get(`/api/clients/${c.clientId}/export`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('step_up_required');
    // The page asks first, so the browser's download itself never meets the 403.
    expect((await admin.caller.get('/api/auth/mfa/step-up')).body.code).toBe('step_up_required');
    await nextStep(app, admin.me.user.id);
    const up = await admin.caller.post('/api/auth/mfa/challenge', { code: await totp(secret) });
    expect(up.status).toBe(200);
    expect((await admin.caller.get('/api/auth/mfa/step-up')).status).toBe(204);
    const { res, files } = await download(admin.caller, c.clientId);
    expect(res.status).toBe(200);
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'fhir-bundle.json', 'record.json']);
    // Without a second step there is no code to ask for: the check passes at once.
    expect((await w.a.caller.get('/api/auth/mfa/step-up')).status).toBe(204);
  });

  it('answers 404 for another practice or another client, 403 to a therapist, 401 without a session, 400 for a bad id', async () => {
    expect((await download(w.b.caller, w.clientA.clientId)).res.status).toBe(404);
    expect((await download(w.clientB.caller, w.clientA.clientId)).res.status).toBe(404);
    expect((await download(w.a.caller, w.clientB.clientId)).res.status).toBe(404);
    expect((await download(w.a.caller, randomUUID())).res.status).toBe(404);
    // A therapist reads the record in the app but does not hand out copies: the admin does.
    const own = await download(w.t1.caller, w.clientA.clientId);
    expect(own.res.status).toBe(403);
    expect(JSON.parse((own.res.body as Buffer).toString('utf8'))).toMatchObject({
      code: 'forbidden',
    });
    expect((await download(await anonymous(app), w.clientA.clientId)).res.status).toBe(401);
    const bad = await w.a.caller.get('/api/clients/not-an-id/export');
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('id');
    // An admin who is also a therapist exports as an admin.
    const both = await newMember(app, w.a.caller, ['admin', 'therapist'], 'Sol Both');
    expect((await download(both.caller, w.clientA.clientId)).res.status).toBe(200);
  });

  it('audits every export with who, whose and which copy', async () => {
    const c = await newClientUser(app, w.t1.caller);
    await download(c.caller, c.clientId);
    await download(w.a.caller, c.clientId);
    const rows = await db(app).query<
      { action: string; actor_user_id: string; meta: { audience: string } }[]
    >(
      `SELECT action, actor_user_id, meta FROM audit_events
        WHERE client_id = $1 AND action = 'client.export' ORDER BY created_at`,
      [c.clientId],
    );
    expect(rows.map((r) => [r.actor_user_id, r.meta.audience])).toEqual([
      [c.me.user.id, 'client'],
      [w.a.me.user.id, 'practice'],
    ]);
  });

  it('runs the same number of statements for a small record and one ten times bigger', async () => {
    const small = await filledClient(1);
    const big = await filledClient(10);
    const s = await countQueries(() => download(small.caller, small.clientId));
    const b = await countQueries(() => download(big.caller, big.clientId));
    expect(parse(b.result.files).record.screeners.length).toBe(12);
    expect(parse(b.result.files).record.sessions.length).toBe(10);
    expect(b.queries).toBe(s.queries);
    expect(b.queries).toBeLessThanOrEqual(20);
    // The snapshot's connection went back to the pool: the app still answers.
    expect((await small.caller.get('/api/auth/me')).status).toBe(200);
  });
});
