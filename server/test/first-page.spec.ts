import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  FIRST_PAGE_DATA_ID,
  type AssignmentSummary,
  type FirstPageData,
  type ModuleDetail,
  type ModuleDraft,
  type ModuleSummary,
} from '@attune/shared';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import request from 'supertest';
import { enrol } from './account-harness.js';
import {
  anonymous,
  asOwner,
  bootApp,
  countQueries,
  db,
  newClientUser,
  newMember,
  PASSWORD,
  signedInCookie,
  twoPractices,
  type Caller,
} from './harness.js';

// The real boot shell: the server replaces it, so the test must use the one the build ships.
const INDEX = readFileSync(new URL('../../client/src/index.html', import.meta.url), 'utf8');
// Everything hostile a name or a title could try in HTML and in a script block.
const HOSTILE = `Ro<script>alert(1)</script></script><!-- "q" 'a' &amp; \u2028\u2029 end`;

const draft = (over: Partial<ModuleDraft> = {}): ModuleDraft => ({
  title: 'Noticing the inner critic',
  summary: 'A short guide to hearing the critic and answering it kindly.',
  signTags: ['self-criticism'],
  sections: [
    { heading: 'What it sounds like', body: 'The critic often speaks **fast**.' },
    { heading: 'A kinder reply', body: 'Try saying what a good friend would say.' },
    { heading: 'Small steps', body: 'Pick one moment each day to pause.' },
  ],
  exercise: { title: 'Two columns', intro: 'Take a sheet of paper.', steps: ['Write.', 'Reply.'] },
  reflectionPrompts: [{ id: 'noticed', text: 'When did you notice the critic this week?' }],
  furtherReading: [{ author: 'Attune', title: 'Practice notes' }],
  ...over,
});

/** The JSON block of a personal page, as the app's JSON.parse reads it. */
function inlineData(html: string): FirstPageData {
  const m = new RegExp(
    `<script type="application/json" id="${FIRST_PAGE_DATA_ID}">([^<]*)</script>`,
  ).exec(html);
  if (!m) throw new Error('no first-page data in the page');
  return JSON.parse(m[1]!) as FirstPageData;
}

/** The page as a browser with this caller's cookies gets it. */
const page = (c: Caller, path: string) => c.agent.get(path).set('accept', 'text/html');

describe("a signed-in client's first page carries its first screen and data", () => {
  let app: NestFastifyApplication;
  let dist: string;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let library: ModuleSummary[];
  let assignmentA: AssignmentSummary;
  let assignmentB: AssignmentSummary;

  const events = (userId: string, action: string) =>
    db(app)
      .query<{ n: string }[]>(
        'SELECT count(*) AS n FROM audit_events WHERE actor_user_id = $1 AND action = $2',
        [userId, action],
      )
      .then(([r]) => Number(r!.n));

  const assign = async (staff: Caller, clientId: string, moduleId: string) => {
    const res = await staff.post(`/api/clients/${clientId}/assignments`, { moduleIds: [moduleId] });
    expect(res.status).toBe(201);
    return (res.body as AssignmentSummary[]).find((a) => a.module.id === moduleId)!;
  };

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'attune-dist-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    app = await bootApp({ clientDist: dist });
    w = await twoPractices(app);
    library = (await w.t1.caller.get('/api/modules')).body as ModuleSummary[];
    assignmentA = await assign(w.t1.caller, w.clientA.clientId, library[0]!.id);
    assignmentB = await assign(w.b.caller, w.clientB.clientId, library[1]!.id);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('draws the home with their name and practice, and inlines /api/auth/me and /api/dashboard', async () => {
    const before = await events(w.clientA.me.user.id, 'dashboard.read');
    const res = await page(w.clientA.caller, '/client');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['vary']).toMatch(/cookie/i);
    const first = w.clientA.me.user.displayName.split(' ')[0]!;
    expect(res.text).toContain(`<h1>Hi, ${first}. We're glad you're here.</h1>`);
    expect(res.text).toContain(`This is your space with ${w.a.me.practice.name}.`);
    // The crisis line is still there before any script, and the app still boots.
    expect(res.text).toContain('<a href="tel:988">Call 988</a>');
    expect(res.text).toMatch(/<app-root><\/app-root>/);
    // The page's read is on the audit trail, like the API's.
    expect(await events(w.clientA.me.user.id, 'dashboard.read')).toBe(before + 1);

    const data = inlineData(res.text);
    expect(data.url).toBe('/api/dashboard');
    expect(data.me).toEqual((await w.clientA.caller.get('/api/auth/me')).body);
    expect(data.answer).toEqual((await w.clientA.caller.get('/api/dashboard')).body);
    expect((data.answer as { reading: { assignmentId: string }[] }).reading[0]?.assignmentId).toBe(
      assignmentA.id,
    );
  });

  it('draws the reader with the module title and summary, and inlines the reading', async () => {
    const before = await events(w.clientA.me.user.id, 'assignment.read');
    const res = await page(w.clientA.caller, `/client/reading/${assignmentA.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const module = (await w.t1.caller.get(`/api/modules/${assignmentA.module.id}`))
      .body as ModuleDetail;
    expect(res.text).toContain(`<h1>${module.title}</h1>`);
    expect(res.text).toContain(`<p class="lead">${module.summary}</p>`);
    expect(await events(w.clientA.me.user.id, 'assignment.read')).toBe(before + 1);
    const data = inlineData(res.text);
    expect(data.url).toBe(`/api/assignments/${assignmentA.id}/reading`);
    expect(data.answer).toEqual(
      (await w.clientA.caller.get(`/api/assignments/${assignmentA.id}/reading`)).body,
    );
  });

  it('is compressed as the browser asks', async () => {
    const cookie = await signedInCookie(app, w.clientA.email);
    const res = await rawGet(app, '/client', { cookie, 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-store');
    const html = brotliDecompressSync(res.raw).toString('utf8');
    expect(html).toContain("We're glad you're here.");
    expect(inlineData(html).url).toBe('/api/dashboard');
    const plain = await rawGet(app, '/client', { cookie });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString('utf8')).toContain("We're glad you're here.");
  });

  it('runs a bounded number of statements', async () => {
    const { queries } = await countQueries(() => page(w.clientA.caller, '/client'));
    const api = await countQueries(async () => {
      await w.clientA.caller.get('/api/auth/me');
      await w.clientA.caller.get('/api/dashboard');
    });
    // One session check instead of two: never more than the two API calls it replaces.
    expect(queries).toBeLessThanOrEqual(api.queries);
    expect(queries).toBeLessThanOrEqual(12);
  });

  it('sends the static page to anyone else, and for any reading that is not theirs', async () => {
    const isStatic = (res: request.Response) => {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(INDEX);
    };
    // No session, or a made-up one.
    isStatic(await request(app.getHttpServer()).get('/client'));
    isStatic(await request(app.getHttpServer()).get('/client').set('cookie', 'attune_session=x'));
    isStatic(await request(app.getHttpServer()).get(`/client/reading/${assignmentA.id}`));
    // Staff: a therapist and an admin.
    isStatic(await page(w.t1.caller, '/client'));
    isStatic(await page(w.a.caller, `/client/reading/${assignmentA.id}`));
    // Another practice's reading, an unknown one, and an address that is no id at all.
    const audited = await events(w.clientA.me.user.id, 'assignment.read');
    isStatic(await page(w.clientA.caller, `/client/reading/${assignmentB.id}`));
    isStatic(await page(w.clientA.caller, '/client/reading/00000000-0000-4000-8000-000000000000'));
    isStatic(await page(w.clientA.caller, '/client/reading/not-an-id'));
    expect(await events(w.clientA.me.user.id, 'assignment.read')).toBe(audited);
    // Another client of the same practice.
    const other = await newClientUser(app, w.t1.caller);
    isStatic(await page(other.caller, `/client/reading/${assignmentA.id}`));
  });

  it('waits for the second step: a password alone gets the static page', async () => {
    const c = await newClientUser(app, w.t1.caller);
    await enrol(c.caller);
    const half = await anonymous(app);
    const login = await half.post('/api/auth/login', { email: c.email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect((await half.get('/api/auth/me')).body.code).toBe('mfa_required');
    const res = await page(half, '/client');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(INDEX);
  });

  it('stops at once when the session ends', async () => {
    const c = await newClientUser(app, w.t1.caller);
    const cookie = await signedInCookie(app, c.email);
    const get = () => request(app.getHttpServer()).get('/client').set('cookie', cookie);
    expect((await get()).headers['cache-control']).toBe('no-store');
    const xsrf = /XSRF-TOKEN=([^;]+)/.exec(cookie)![1]!;
    const out = await request(app.getHttpServer())
      .post('/api/auth/logout')
      .set('cookie', cookie)
      .set('x-xsrf-token', xsrf);
    expect(out.status).toBeLessThan(300);
    expect((await get()).text).toBe(INDEX);
  });

  it('escapes hostile names and titles, in the HTML and in the JSON block', async () => {
    const t = await newMember(app, w.a.caller);
    const c = await newClientUser(app, t.caller, { firstName: HOSTILE });
    const created = await t.caller.post('/api/modules', draft());
    expect(created.status).toBe(201);
    const moduleId = (created.body as ModuleDetail).id;
    // The API refuses HTML in a module's text; the page escapes it all the same (an older row,
    // a future editor).
    await asOwner((pg) =>
      pg.query('UPDATE modules SET title = $2, summary = $3 WHERE id = $1', [
        moduleId,
        `Title ${HOSTILE}`,
        `Summary ${HOSTILE}`,
      ]),
    );
    const a = await assign(t.caller, c.clientId, moduleId);
    for (const path of ['/client', `/client/reading/${a.id}`]) {
      const res = await page(c.caller, path);
      expect(res.headers['cache-control']).toBe('no-store');
      // Only the page's own scripts: the module script and the data block.
      expect(res.text.match(/<script/g)).toHaveLength(1 + (INDEX.match(/<script/g)?.length ?? 0));
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('<!-- "q"');
      // In the JSON block U+2028/9 are escaped (harmless in HTML text, they once broke JS).
      const block = res.text.slice(res.text.indexOf('<script type="application/json"'));
      expect(block).not.toMatch(/[\u2028\u2029]/);
      const data = inlineData(res.text);
      expect(data.me.user.displayName).toBe(c.me.user.displayName);
      if (path === '/client') {
        expect(c.me.user.displayName.startsWith('Ro<script>')).toBe(true);
        expect(res.text).toContain(
          '<h1>Hi, Ro&lt;script&gt;alert(1)&lt;/script&gt;&lt;/script&gt;&lt;!--.',
        );
      } else {
        const m = (data.answer as { module: ModuleDetail }).module;
        expect(m.title).toBe(`Title ${HOSTILE}`);
        expect(res.text).toContain(
          `<h1>Title Ro&lt;script&gt;alert(1)&lt;/script&gt;&lt;/script&gt;&lt;!-- &quot;q&quot; &#39;a&#39; &amp;amp;`,
        );
      }
    }
  });
});

/** A plain GET over a socket: the bytes exactly as sent (supertest decodes bodies). */
async function rawGet(
  app: NestFastifyApplication,
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingHttpHeaders; raw: Buffer }> {
  const server = app.getHttpServer();
  if (!server.listening) await app.listen(0, '127.0.0.1');
  const { port } = server.address() as { port: number };
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, raw: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
