import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  BUILTIN_MODULES,
  validateModuleContent,
  type AssignmentReading,
  type AssignmentSummary,
  InstrumentSummary,
  type ModuleDetail,
  type ModuleDraft,
  type ModuleSummary,
  type RecommendationsResponse,
  type ReflectionView,
  type ScreeningDetail,
} from '@attune/shared';
import { randomUUID } from 'node:crypto';
import {
  anonymous,
  asOwner,
  bootApp,
  countQueries,
  db,
  newClientUser,
  newMember,
  twoPractices,
  type Caller,
} from './harness.js';
import { ModulesService } from '../src/psychoeducation/modules.service.js';

const draft = (over: Partial<ModuleDraft> = {}): ModuleDraft => ({
  title: 'Noticing the inner critic',
  summary: 'A short guide to hearing the critic and answering it kindly.',
  signTags: ['self-criticism'],
  sections: [
    {
      heading: 'What it sounds like',
      body: 'The critic often speaks fast. It uses words like **always** and **never**.',
    },
    { heading: 'A kinder reply', body: 'Try saying what a good friend would say to you instead.' },
    { heading: 'Small steps', body: 'Pick one moment each day to notice the critic and pause.' },
  ],
  exercise: {
    title: 'Two columns',
    intro: 'Take a sheet of paper.',
    steps: ['Write the critic on the left.', 'Write a kind reply on the right.'],
  },
  reflectionPrompts: [{ id: 'noticed', text: 'When did you notice the critic this week?' }],
  furtherReading: [{ author: 'Attune', title: 'Practice notes' }],
  ...over,
});

describe('psychoeducation: library, recommendations, assignments, progress, reflections', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let library: ModuleSummary[];

  async function submitScreening(
    staff: Caller,
    client: Caller,
    clientId: string,
    code: (linkId: string) => string,
  ) {
    const list = (await staff.get('/api/instruments')).body as InstrumentSummary[];
    const ppc = list.find((i) => i.key === 'perfectionism-patterns-check')!;
    const s = (await staff.post(`/api/clients/${clientId}/screenings`, { instrumentId: ppc.id }))
      .body;
    // Staff get the full definition; a client sees no scales.
    const def = ((await staff.get(`/api/screenings/${s.id}`)).body as ScreeningDetail).definition;
    const answers: Record<string, { value: string }> = {};
    for (const scale of def.scales)
      if (!scale.context) for (const id of scale.items) answers[id] = { value: code(id) };
    const res = await client
      .post(`/api/screenings/${s.id}/submit`, { version: 0, answers })
      .set('Idempotency-Key', randomUUID());
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    library = (await w.t1.caller.get('/api/modules')).body;
  });
  afterAll(() => app.close());

  it('ships a library of at least 12 built-in modules that staff can read', async () => {
    expect(library.length).toBeGreaterThanOrEqual(12);
    expect(library.every((m) => m.source === 'builtin' && m.readingMinutes >= 1)).toBe(true);
    const detail = await w.t1.caller.get(`/api/modules/${library[0]!.id}`);
    expect(detail.status).toBe(200);
    expect((detail.body as ModuleDetail).content.sections.length).toBeGreaterThanOrEqual(3);
    expect(detail.body.canEdit).toBe(false);
    // A client sees only what was assigned to them.
    expect((await w.clientA.caller.get(`/api/modules/${library[0]!.id}`)).status).toBe(404);
  });

  it('keeps next steps on a module, allows none, and names the field when there are too many', async () => {
    const step = 'Bring one note from this week to your next session.';
    const withSteps = await w.t1.caller.post('/api/modules', draft({ nextSteps: [` ${step} `] }));
    expect(withSteps.status).toBe(201);
    expect((withSteps.body as ModuleDetail).content.nextSteps).toEqual([step]);
    const none = await w.t1.caller.post('/api/modules', draft());
    expect(none.status).toBe(201);
    expect((none.body as ModuleDetail).content.nextSteps).toEqual([]);

    const tooMany = await w.t1.caller.post(
      '/api/modules',
      draft({ nextSteps: ['One.', 'Two.', 'Three.', 'Four.'] }),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields).toEqual({
      nextSteps: 'nextSteps has 4 next steps; the limit is 3',
    });
    const notAList = await w.t1.caller.post('/api/modules', { ...draft(), nextSteps: 'Go on.' });
    expect(notAList.status).toBe(400);
    expect(JSON.stringify(notAList.body)).toMatch(/nextSteps must be a list/);

    // A module saved before next steps existed reads as having none.
    const id = (none.body as ModuleDetail).id;
    await db(app).query(`UPDATE modules SET content = content - 'nextSteps' WHERE id = $1`, [id]);
    const legacy = await w.t1.caller.get(`/api/modules/${id}`);
    expect((legacy.body as ModuleDetail).content.nextSteps).toEqual([]);
  });

  it('replaces a stored built-in with a newer shipped version at start-up, never with an older one', async () => {
    const shipped = BUILTIN_MODULES.find((m) => m.slug === 'good-enough')!;
    expect(shipped.version).toBeGreaterThan(1);
    const ds = db(app);
    const [{ id }] = await ds.query<[{ id: string }]>(
      `SELECT id FROM modules WHERE practice_id IS NULL AND slug = 'good-enough'`,
    );
    // An installation that still holds version 1, as before the content review.
    const { nextSteps: _none, ...older } = { ...shipped, version: 1, title: 'Good Enough (old)' };
    // The app role may not delete module history; an owner stands in for an old installation.
    await asOwner(async (c) => {
      await c.query(
        `UPDATE modules SET version = 1, title = 'Good Enough (old)', content = $2 WHERE id = $1`,
        [id, JSON.stringify(older)],
      );
      await c.query(`DELETE FROM module_versions WHERE module_id = $1 AND version > 1`, [id]);
    });
    const before = (await w.t1.caller.get(`/api/modules/${id}`)).body as ModuleDetail;
    expect(before).toMatchObject({ version: 1, title: 'Good Enough (old)' });
    expect(before.content.nextSteps).toEqual([]);

    await app.get(ModulesService).onApplicationBootstrap();
    const after = (await w.t1.caller.get(`/api/modules/${id}`)).body as ModuleDetail;
    expect(after).toMatchObject({ version: shipped.version, title: shipped.title });
    expect(after.content).toEqual(validateModuleContent(shipped));
    expect(after.content.nextSteps.length).toBeGreaterThanOrEqual(1);
    const history = await ds.query<{ version: number }[]>(
      `SELECT version FROM module_versions WHERE module_id = $1 ORDER BY version`,
      [id],
    );
    expect(history.map((h) => h.version)).toContain(shipped.version);

    // A stored version above the shipped one (say, after rolling back a release) is left alone.
    await ds.query(`UPDATE modules SET version = 99 WHERE id = $1`, [id]);
    await app.get(ModulesService).onApplicationBootstrap();
    expect(((await w.t1.caller.get(`/api/modules/${id}`)).body as ModuleDetail).version).toBe(99);
    await ds.query(`UPDATE modules SET version = $2 WHERE id = $1`, [id, shipped.version]);
  });

  it('therapists write and edit their own modules, versioned, with field-named errors and 409 on stale edits', async () => {
    const created = await w.t1.caller.post('/api/modules', draft());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      source: 'practice',
      version: 1,
      canEdit: true,
      authorName: 'Tess One',
    });
    const id = created.body.id as string;
    const edited = await w.t1.caller.patch(`/api/modules/${id}`, {
      ...draft({ title: 'Answering the inner critic' }),
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, title: 'Answering the inner critic' });
    const stale = await w.t1.caller.patch(`/api/modules/${id}`, { ...draft(), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(2);
    // Another therapist of the practice can read it but not edit it; another practice cannot see it.
    expect((await w.t2.caller.get(`/api/modules/${id}`)).status).toBe(200);
    expect((await w.t2.caller.patch(`/api/modules/${id}`, { ...draft(), version: 2 })).status).toBe(
      403,
    );
    expect((await w.b.caller.get(`/api/modules/${id}`)).status).toBe(404);
    expect(
      (await w.t1.caller.patch(`/api/modules/${library[0]!.id}`, { ...draft(), version: 1 }))
        .status,
    ).toBe(403);
    expect((await w.clientA.caller.post('/api/modules', draft())).status).toBe(403);
    expect((await w.a.caller.post('/api/modules', draft())).status).toBe(403); // admin-only member: not a therapist
    const bad = await w.t1.caller.post('/api/modules', draft({ reflectionPrompts: [] }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)[0]).toMatch(/reflectionPrompts/);
    const badTag = await w.t1.caller.post(
      '/api/modules',
      draft({ signTags: ['diagnosis' as never] }),
    );
    expect(Object.keys(badTag.body.fields)[0]).toMatch(/signTags/);
  });

  it('recommends modules from the latest result, elevated domains first, with the reason', async () => {
    const t = await newMember(app, w.a.caller);
    const c = await newClientUser(app, t.caller);
    const none = (await t.caller.get(`/api/clients/${c.clientId}/recommendations`))
      .body as RecommendationsResponse;
    expect(none.basedOn).toBeNull();
    // Fear of mistakes high, everything else low.
    await submitScreening(t.caller, c.caller, c.clientId, (id) =>
      id.startsWith('fear-of-mistakes') ? 'almost-always' : 'rarely',
    );
    const recs = (await t.caller.get(`/api/clients/${c.clientId}/recommendations`))
      .body as RecommendationsResponse;
    expect(recs.basedOn?.instrumentTitle).toBeTruthy();
    const top = recs.items[0]!;
    expect(top.module.signTags).toContain('fear-of-mistakes');
    expect(top.score).toBe(4);
    expect(top.reason).toBe('Fear of mistakes scored 4.0 of 4');
    const scores = recs.items.map((r) => r.score ?? 1.45);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Assigned modules drop out of the list.
    await t.caller.post(`/api/clients/${c.clientId}/assignments`, { moduleIds: [top.module.id] });
    const after = (await t.caller.get(`/api/clients/${c.clientId}/recommendations`))
      .body as RecommendationsResponse;
    expect(after.items.map((r) => r.module.id)).not.toContain(top.module.id);
    // Scope: another therapist, another practice, the client themself.
    expect((await w.t2.caller.get(`/api/clients/${c.clientId}/recommendations`)).status).toBe(404);
    expect((await w.b.caller.get(`/api/clients/${c.clientId}/recommendations`)).status).toBe(404);
    expect((await c.caller.get(`/api/clients/${c.clientId}/recommendations`)).status).toBe(403);
  });

  it('assigns with a note, is idempotent, reorders and withdraws', async () => {
    const [m1, m2, m3] = library;
    const res = await w.t1.caller.post(`/api/clients/${w.clientA.clientId}/assignments`, {
      moduleIds: [m1!.id, m2!.id],
      note: 'Whenever you are ready.',
    });
    expect(res.status).toBe(201);
    expect((res.body as AssignmentSummary[]).map((a) => [a.module.id, a.position, a.note])).toEqual(
      [
        [m1!.id, 0, 'Whenever you are ready.'],
        [m2!.id, 1, 'Whenever you are ready.'],
      ],
    );
    const again = await w.t1.caller.post(`/api/clients/${w.clientA.clientId}/assignments`, {
      moduleIds: [m1!.id, m3!.id],
    });
    expect((again.body as AssignmentSummary[]).map((a) => a.module.id)).toEqual([
      m1!.id,
      m2!.id,
      m3!.id,
    ]);
    const third = (again.body as AssignmentSummary[])[2]!;
    const moved = await w.t1.caller.patch(`/api/assignments/${third.id}`, {
      position: 0,
      version: third.version,
    });
    expect(moved.status).toBe(200);
    const order = (await w.t1.caller.get(`/api/assignments?clientId=${w.clientA.clientId}`))
      .body as AssignmentSummary[];
    expect(order.map((a) => a.module.id)).toEqual([m3!.id, m1!.id, m2!.id]);
    const stale = await w.t1.caller.patch(`/api/assignments/${third.id}`, {
      position: 2,
      version: third.version,
    });
    expect(stale.status).toBe(409);
    const withdrawn = await w.t1.caller.patch(`/api/assignments/${third.id}`, {
      withdrawn: true,
      version: third.version + 1,
    });
    expect(withdrawn.status).toBe(200);
    const mine = (await w.clientA.caller.get('/api/assignments')).body as AssignmentSummary[];
    expect(mine.map((a) => a.module.id)).toEqual([m1!.id, m2!.id]);
    expect((await w.clientA.caller.get(`/api/modules/${m3!.id}`)).status).toBe(404);
    expect((await w.clientA.caller.get(`/api/modules/${m1!.id}`)).status).toBe(200);
  });

  it('wrong role, another caseload, another practice and bad input', async () => {
    const [m1] = library;
    expect(
      (
        await w.clientA.caller.post(`/api/clients/${w.clientA.clientId}/assignments`, {
          moduleIds: [m1!.id],
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await w.t2.caller.post(`/api/clients/${w.clientA.clientId}/assignments`, {
          moduleIds: [m1!.id],
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await w.b.caller.post(`/api/clients/${w.clientA.clientId}/assignments`, {
          moduleIds: [m1!.id],
        })
      ).status,
    ).toBe(404);
    expect((await w.t2.caller.get(`/api/assignments?clientId=${w.clientA.clientId}`)).status).toBe(
      404,
    );
    const empty = await w.t1.caller.post(`/api/clients/${w.clientA.clientId}/assignments`, {
      moduleIds: [],
    });
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toHaveProperty('moduleIds');
    const foreign = await w.t1.caller.post(`/api/clients/${w.clientA.clientId}/assignments`, {
      moduleIds: [randomUUID()],
    });
    expect(foreign.body.fields).toHaveProperty('moduleIds');
    const noClient = await w.t1.caller.get('/api/assignments');
    expect(noClient.body.fields).toHaveProperty('clientId');
    const mine = (await w.clientA.caller.get('/api/assignments')).body as AssignmentSummary[];
    const byStaff = await w.t1.caller.patch(`/api/assignments/${mine[0]!.id}`, { readSection: 0 });
    expect(byStaff.status).toBe(400);
    expect(byStaff.body.fields).toHaveProperty('readSection');
    const byClient = await w.clientA.caller.patch(`/api/assignments/${mine[0]!.id}`, {
      withdrawn: true,
    });
    expect(byClient.body.fields).toHaveProperty('withdrawn');
    const helpful = await w.clientA.caller.patch(`/api/assignments/${mine[0]!.id}`, { helpful: 9 });
    expect(helpful.body.fields).toHaveProperty('helpful');
    const section = await w.clientA.caller.patch(`/api/assignments/${mine[0]!.id}`, {
      readSection: 49,
    });
    expect(section.body.fields).toHaveProperty('readSection');
    expect(
      (await w.clientB.caller.patch(`/api/assignments/${mine[0]!.id}`, { readSection: 0 })).status,
    ).toBe(404);
    expect((await (await anonymous(app)).get('/api/assignments')).status).toBe(401);
  });

  it('saves reading progress section by section across visits, in any order, and lets the client finish when ready', async () => {
    const mine = (await w.clientA.caller.get('/api/assignments')).body as AssignmentSummary[];
    const a = mine[1]!;
    await w.clientA.caller.patch(`/api/assignments/${a.id}`, { readSection: 1 });
    // A second visit (new sign-in) continues where they left off.
    const later = await anonymous(app);
    await later.login(w.clientA.email);
    const resumed = ((await later.get('/api/assignments')).body as AssignmentSummary[]).find(
      (x) => x.id === a.id,
    )!;
    expect(resumed).toMatchObject({ sectionsRead: [1], lastSection: 1, status: 'assigned' });
    await later.patch(`/api/assignments/${a.id}`, { readSection: 0 });
    await later.patch(`/api/assignments/${a.id}`, { readSection: 0 }); // a retry changes nothing
    const done = await later.patch(`/api/assignments/${a.id}`, { completed: true, helpful: 4 });
    expect(done.body).toMatchObject({ sectionsRead: [0, 1], status: 'completed', helpful: 4 });
    expect(done.body.completedAt).not.toBeNull();
    // The therapist sees the same progress.
    const staffView = (
      (await w.t1.caller.get(`/api/assignments?clientId=${w.clientA.clientId}`))
        .body as AssignmentSummary[]
    ).find((x) => x.id === a.id)!;
    expect(staffView).toMatchObject({ sectionsRead: [0, 1], status: 'completed', helpful: 4 });
  });

  it('reflections are private by default; shared ones reach only the client’s therapist, and can be unshared', async () => {
    const mine = (await w.clientA.caller.get('/api/assignments')).body as AssignmentSummary[];
    const a = mine[0]!;
    const content = (
      (await w.clientA.caller.get(`/api/modules/${a.module.id}`)).body as ModuleDetail
    ).content;
    const [p1, p2] = content.reflectionPrompts;
    const priv = await w.clientA.caller.post(`/api/assignments/${a.id}/reflections`, {
      promptId: p1!.id,
      body: 'Just for me.',
    });
    expect(priv.status).toBe(201);
    expect(priv.body).toMatchObject({ shared: false, version: 1, promptText: p1!.text });
    // A retried create does not duplicate: it answers 409 with the saved one.
    const dup = await w.clientA.caller.post(`/api/assignments/${a.id}/reflections`, {
      promptId: p1!.id,
      body: 'Just for me.',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.current.id).toBe(priv.body.id);
    const sharedPromptId = (p2 ?? p1)!.id;
    let shared: ReflectionView;
    if (p2) {
      shared = (
        await w.clientA.caller.post(`/api/assignments/${a.id}/reflections`, {
          promptId: p2.id,
          body: 'You can read this.',
          shared: true,
        })
      ).body;
    } else {
      shared = (
        await w.clientA.caller.patch(`/api/reflections/${priv.body.id}`, {
          shared: true,
          version: 1,
        })
      ).body;
    }
    expect(shared.shared).toBe(true);
    const therapistView = (await w.t1.caller.get(`/api/assignments/${a.id}/reflections`))
      .body as ReflectionView[];
    expect(therapistView.map((r) => r.promptId)).toEqual([sharedPromptId]);
    const clientView = (await w.clientA.caller.get(`/api/assignments/${a.id}/reflections`))
      .body as ReflectionView[];
    expect(clientView.length).toBe(p2 ? 2 : 1);
    // Another therapist of the same practice and another practice see nothing.
    expect((await w.t2.caller.get(`/api/assignments/${a.id}/reflections`)).status).toBe(404);
    expect((await w.b.caller.get(`/api/assignments/${a.id}/reflections`)).status).toBe(404);
    expect(
      (
        await w.t1.caller.post(`/api/assignments/${a.id}/reflections`, {
          promptId: p1!.id,
          body: 'x',
        })
      ).status,
    ).toBe(403);
    // Unshare: gone from the therapist's view at once.
    const unshared = await w.clientA.caller.patch(`/api/reflections/${shared.id}`, {
      shared: false,
      version: shared.version,
    });
    expect(unshared.body.shared).toBe(false);
    expect((await w.t1.caller.get(`/api/assignments/${a.id}/reflections`)).body).toEqual([]);
    // Stale edit and bad input.
    const stale = await w.clientA.caller.patch(`/api/reflections/${shared.id}`, {
      body: 'old',
      version: shared.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(shared.version + 1);
    const badPrompt = await w.clientA.caller.post(`/api/assignments/${a.id}/reflections`, {
      promptId: 'nope',
      body: 'x',
    });
    expect(badPrompt.body.fields).toHaveProperty('promptId');
    const tooLong = await w.clientA.caller.post(`/api/assignments/${a.id}/reflections`, {
      promptId: p1!.id,
      body: 'x'.repeat(10001),
    });
    expect(tooLong.body.fields).toHaveProperty('body');
    expect(
      (await w.clientB.caller.patch(`/api/reflections/${shared.id}`, { shared: true, version: 1 }))
        .status,
    ).toBe(404);
  });

  it('lists run a fixed number of queries whatever the size', async () => {
    const t = await newMember(app, w.a.caller);
    const c = await newClientUser(app, t.caller);
    await t.caller.post(`/api/clients/${c.clientId}/assignments`, { moduleIds: [library[0]!.id] });
    const small = await countQueries(() => c.caller.get('/api/assignments'));
    await t.caller.post(`/api/clients/${c.clientId}/assignments`, {
      moduleIds: library.slice(1, 10).map((m) => m.id),
    });
    const big = await countQueries(() => c.caller.get('/api/assignments'));
    expect(big.result.body).toHaveLength(10);
    expect(big.queries).toBe(small.queries);
    const recSmall = await countQueries(() =>
      t.caller.get(`/api/clients/${c.clientId}/recommendations`),
    );
    expect(recSmall.queries).toBeLessThanOrEqual(6);
  });
  it('sends each part to the client as clean HTML, even text that slipped past the rules', async () => {
    const t = await newMember(app, w.a.caller);
    const c = await newClientUser(app, t.caller);
    const hostile = [
      'Hi <script>alert(1)</script> <img src=x onerror=alert(1)>',
      '[tap](javascript:alert(1)) [here](https://988lifeline.org/) ![pixel](https://evil.example/p.png)',
      '<iframe src="https://evil.example/"></iframe>\n\n# Heading',
    ].join('\n\n');
    // The module rules refuse HTML, links and images, naming the field...
    const refused = await t.caller.post(
      '/api/modules',
      draft({ sections: [{ heading: 'Careful', body: hostile }] }),
    );
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.fields)[0]).toMatch(/sections/);
    // ...and a plain address is allowed, shown as a link that opens safely.
    const created = await t.caller.post(
      '/api/modules',
      draft({
        sections: [{ heading: 'Help', body: 'Call **988** or see https://988lifeline.org' }],
      }),
    );
    expect(created.status).toBe(201);
    await t.caller.post(`/api/clients/${c.clientId}/assignments`, { moduleIds: [created.body.id] });
    const [a] = (await c.caller.get('/api/assignments')).body as AssignmentSummary[];
    const read = async () =>
      ((await c.caller.get(`/api/assignments/${a!.id}/reading`)).body as AssignmentReading)
        .sectionHtml[0];
    expect(await read()).toBe(
      '<p>Call <strong>988</strong> or see <a href="https://988lifeline.org" rel="noopener noreferrer" target="_blank">https://988lifeline.org</a></p>\n',
    );
    // Text stored before a rule existed, or restored from elsewhere, still reaches the client clean.
    await db(app).query(
      `UPDATE modules SET content = jsonb_set(content, '{sections,0,body}', to_jsonb($2::text)) WHERE id = $1`,
      [created.body.id, hostile],
    );
    const html = await read();
    expect(html).not.toMatch(/<(script|img|iframe)/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a>tap</a>');
    expect(html).toContain(
      '<a href="https://988lifeline.org/" rel="noopener noreferrer" target="_blank">here</a>',
    );
    expect(html).toContain('pixel');
    expect(html).not.toContain('evil.example/p.png');
    expect(html).toContain('<h3>Heading</h3>');
  });

  it('opens a reading for the client in one answer, in a fixed number of queries, and only theirs', async () => {
    const t = await newMember(app, w.a.caller);
    const c = await newClientUser(app, t.caller);
    const other = await newClientUser(app, t.caller);
    await t.caller.post(`/api/clients/${c.clientId}/assignments`, {
      moduleIds: [library[0]!.id, library[1]!.id],
    });
    const [a, b] = (await c.caller.get('/api/assignments')).body as AssignmentSummary[];
    const module = (await c.caller.get(`/api/modules/${a!.module.id}`)).body as ModuleDetail;
    const [prompt] = module.content.reflectionPrompts;
    await c.caller.patch(`/api/assignments/${a!.id}`, { readSection: 1 });

    const first = await countQueries(() => c.caller.get(`/api/assignments/${a!.id}/reading`));
    expect(first.result.status).toBe(200);
    const reading = first.result.body as AssignmentReading;
    expect(reading.assignment).toMatchObject({ id: a!.id, sectionsRead: [1], lastSection: 1 });
    expect(reading.module).toEqual(module);
    // Each part ready to show, in order: the phone runs no Markdown parser.
    expect(reading.sectionHtml).toHaveLength(module.content.sections.length);
    reading.sectionHtml.forEach((html, i) => {
      expect(html).toMatch(/^<(p|ul|ol|h3|blockquote)>/);
      const words = module.content.sections[i]!.body.replace(/[*_#>`-]/g, '').split(/\s+/);
      expect(html.replace(/<[^>]+>/g, '')).toContain(words.slice(0, 3).join(' '));
    });
    expect(reading.reflections).toEqual([]);

    // Private reflections are the client's own: they come back with the reading.
    const saved = await c.caller.post(`/api/assignments/${a!.id}/reflections`, {
      promptId: prompt!.id,
      body: 'Only for me.',
    });
    expect(saved.status).toBe(201);
    const again = await countQueries(() => c.caller.get(`/api/assignments/${a!.id}/reading`));
    const withReflection = again.result.body as AssignmentReading;
    expect(withReflection.reflections).toEqual([saved.body]);
    expect(withReflection.assignment.reflectionCount).toBe(1);
    expect(again.queries).toBe(first.queries);
    expect(first.queries).toBeLessThanOrEqual(5);

    // Someone else's reading, another practice's, a withdrawn one: the same 404.
    expect((await other.caller.get(`/api/assignments/${a!.id}/reading`)).status).toBe(404);
    expect((await w.clientB.caller.get(`/api/assignments/${a!.id}/reading`)).status).toBe(404);
    await t.caller.patch(`/api/assignments/${b!.id}`, { withdrawn: true, version: b!.version });
    expect((await c.caller.get(`/api/assignments/${b!.id}/reading`)).status).toBe(404);
    expect((await c.caller.get(`/api/assignments/${randomUUID()}/reading`)).status).toBe(404);
    // Staff use the therapist's views of a reading; the reader is the client's.
    expect((await t.caller.get(`/api/assignments/${a!.id}/reading`)).status).toBe(403);
    const bad = await c.caller.get('/api/assignments/not-an-id/reading');
    expect(bad.status).toBe(400);
    expect((await (await anonymous(app)).get(`/api/assignments/${a!.id}/reading`)).status).toBe(
      401,
    );
  });
});
