import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InstrumentSummary } from '@attune/shared';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { handbookFixture, PHQ9_FILE } from '../../shared/testing/handbook-fixtures.js';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config.js';
import {
  anonymous,
  bootApp,
  newClientUser,
  newMember,
  newPractice,
  signedInCookie,
  testConfig,
  type Signed,
} from './harness.js';

const PHQ9 = handbookFixture(PHQ9_FILE);

/** A plain GET over a socket: the bytes and headers exactly as sent (supertest decodes bodies). */
async function rawGet(
  app: NestFastifyApplication,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; raw: Buffer }> {
  const server = app.getHttpServer();
  if (!server.listening) await app.listen(0, '127.0.0.1');
  const { port } = server.address() as { port: number };
  return new Promise((resolve, reject) => {
    const req = httpGet({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
  });
}

describe('the app at its address: / and every page address serve the client', () => {
  let app: NestFastifyApplication;
  let dist: string;
  const INDEX = '<!doctype html><html><body><app-root>Attune</app-root></body></html>';
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'attune-dist-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'main-ABCD1234.js'), 'console.log("app");');
    app = await bootApp({ clientDist: dist });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers / with the app, as a newcomer opening the printed address gets it', async () => {
    const res = await request(app.getHttpServer()).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toBe(INDEX);
    expect((await request(app.getHttpServer()).head('/')).status).toBe(200);
  });

  it.each([
    '/login',
    '/admin',
    '/admin/people',
    '/therapist/clients',
    '/client',
    '/invite/abc_DEF-1',
  ])('answers the deep link %s with the app', async (path) => {
    const res = await request(app.getHttpServer()).get(path);
    expect(res.status).toBe(200);
    expect(res.text).toBe(INDEX);
  });

  it('serves built files, and a missing file or API path stays a JSON 404', async () => {
    const js = await request(app.getHttpServer()).get('/main-ABCD1234.js');
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    for (const path of ['/api/nope', '/api', '/main-MISSING1.js']) {
      const res = await request(app.getHttpServer()).get(path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({
        path,
        status: 404,
        type: 'application/json; charset=utf-8',
      });
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });
});

describe('the built client is sent compressed and cached as its names allow', () => {
  let app: NestFastifyApplication;
  let dist: string;
  // Big enough to be worth compressing, like the real index.html with its boot shell.
  const INDEX = `<!doctype html><html><body><app-root>${'<p>Attune is loading.</p>'.repeat(80)}</app-root></body></html>`;
  const JS = `console.log(${JSON.stringify('a chunk of the app '.repeat(400))});`;
  const FONT = Buffer.from([
    0x77,
    0x4f,
    0x46,
    0x32,
    ...Array.from({ length: 3000 }, (_, i) => i % 251),
  ]);
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'attune-dist-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'main-ABCD1234.js'), JS);
    // As client/scripts/precompress.mjs leaves them: marked, so a test can tell them apart.
    writeFileSync(join(dist, 'main-ABCD1234.js.br'), brotliCompressSync(`${JS}//br`));
    writeFileSync(join(dist, 'main-ABCD1234.js.gz'), gzipSync(`${JS}//gz`));
    mkdirSync(join(dist, 'media'));
    writeFileSync(join(dist, 'media', 'roboto-latin-400-normal-D6YDQ3CR.woff2'), FONT);
    writeFileSync(join(dist, 'favicon.ico'), Buffer.alloc(2000, 1));
    app = await bootApp({ clientDist: dist });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  // The raw bytes and headers, with nothing decoded on the way.
  const get = (path: string, acceptEncoding?: string) =>
    rawGet(app, path, {
      accept: '*/*',
      ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
    });

  it('sends the build-time brotli or gzip file as the browser asks, and the plain one otherwise', async () => {
    const br = await get('/main-ABCD1234.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.raw).toString()).toBe(`${JS}//br`);

    const gz = await get('/main-ABCD1234.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString()).toBe(`${JS}//gz`);

    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/main-ABCD1234.js', accept);
      expect({
        accept,
        encoding: plain.headers['content-encoding'],
        body: plain.raw.toString(),
      }).toEqual({
        accept,
        encoding: undefined,
        body: JS,
      });
    }
    // The compressed copies are not addresses of their own.
    expect((await get('/main-ABCD1234.js.br', 'br')).status).toBe(404);
  });

  it('keeps fingerprinted files and fonts for a year, and has the browser check everything else', async () => {
    const answers = await Promise.all(
      [
        '/main-ABCD1234.js',
        '/media/roboto-latin-400-normal-D6YDQ3CR.woff2',
        '/index.html',
        '/favicon.ico',
        '/',
        '/client/reading',
      ].map(async (url) => {
        const r = await get(url, 'br, gzip');
        return [url, r.status, r.headers['cache-control']];
      }),
    );
    const YEAR = 'public, max-age=31536000, immutable';
    expect(answers).toEqual([
      ['/main-ABCD1234.js', 200, YEAR],
      ['/media/roboto-latin-400-normal-D6YDQ3CR.woff2', 200, YEAR],
      ['/index.html', 200, 'no-cache'],
      ['/favicon.ico', 200, 'no-cache'],
      ['/', 200, 'no-cache'],
      ['/client/reading', 200, 'no-cache'],
    ]);
  });

  it('never compresses a font again', async () => {
    const font = await get('/media/roboto-latin-400-normal-D6YDQ3CR.woff2', 'br, gzip');
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.raw.equals(FONT)).toBe(true);
  });

  it('sends the app page for deep links compressed, as the browser accepts it', async () => {
    const br = await get('/therapist/clients', 'gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.raw).toString()).toBe(INDEX);
    expect(br.raw.length).toBeLessThan(INDEX.length / 5);

    const gz = await get('/login', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString()).toBe(INDEX);

    const plain = await get('/login');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString()).toBe(INDEX);
  });
});

describe('headers: no caching of client data, HSTS only over TLS, API docs by setting', () => {
  let app: NestFastifyApplication;
  let staff: Signed;
  beforeAll(async () => {
    app = await bootApp();
    staff = await newPractice(app, { therapist: true });
  });
  afterAll(() => app.close());

  it('marks every /api answer no-store: data, errors, downloads and FHIR', async () => {
    const client = await newClientUser(app, staff.caller);
    const [type] = (await staff.caller.get('/api/appointment-types')).body as { id: string }[];
    const appt = await staff.caller.post('/api/appointments', {
      therapistId: staff.me.memberId,
      clientId: client.clientId,
      typeId: type!.id,
      startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      override: true,
      overrideReason: 'Test',
    });
    expect(appt.status).toBe(201);
    const ppc = ((await staff.caller.get('/api/instruments')).body as InstrumentSummary[])[0]!;
    const anon = await anonymous(app);
    const answers = [
      await staff.caller.get('/api/health'),
      await staff.caller.get('/api/clients'),
      await staff.caller.get(`/api/appointments/${appt.body.id}/ics`),
      await client.caller.get(`/api/appointments/${appt.body.id}/ics`),
      await staff.caller.get(`/api/instruments/${ppc.id}/fhir`),
      await anon.get('/api/clients'),
      await staff.caller.get('/api/no-such-route'),
      await staff.caller.post('/api/clients', { firstName: '' }),
    ];
    expect(answers.map((r) => [r.status, r.headers['cache-control']])).toEqual([
      [200, 'no-store'],
      [200, 'no-store'],
      [200, 'no-store'],
      [200, 'no-store'],
      [200, 'no-store'],
      [401, 'no-store'],
      [404, 'no-store'],
      [400, 'no-store'],
    ]);
  });

  it('compresses API answers of 1 kB or more on the fly, and still never lets them be stored', async () => {
    const cookie = await signedInCookie(app, staff.email);
    const get = (path: string, acceptEncoding: string) =>
      rawGet(app, path, { cookie, 'accept-encoding': acceptEncoding });
    // The built-in screener's definition is a few kilobytes; the catalogue of a new practice is not.
    const ppc = ((await staff.caller.get('/api/instruments')).body as InstrumentSummary[])[0]!;
    const path = `/api/instruments/${ppc.id}`;
    const big = await get(path, 'gzip, deflate, br');
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.headers['cache-control']).toBe('no-store');
    expect(big.headers.vary).toMatch(/accept-encoding/i);
    const json = brotliDecompressSync(big.raw).toString();
    expect(JSON.parse(json)).toMatchObject({ id: ppc.id });
    expect(json.length).toBeGreaterThan(1024);
    expect(big.raw.length).toBeLessThan(json.length / 2);

    const gz = await get(path, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString()).toBe(json);

    // Small answers are not worth it; a browser that asks for none gets none.
    const small = await get('/api/instruments', 'gzip, br');
    expect(small.status).toBe(200);
    expect(small.raw.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    const identity = await get(path, 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.raw.toString()).toBe(json);
  });

  it('never inflates a compressed request body', async () => {
    const cookie = await signedInCookie(app, staff.email);
    const xsrf = /XSRF-TOKEN=([^;]+)/.exec(cookie)![1]!;
    const body = gzipSync(JSON.stringify({ firstName: 'Zip', lastName: 'Inflated' }));
    const server = app.getHttpServer();
    if (!server.listening) await app.listen(0, '127.0.0.1');
    const { port } = server.address() as { port: number };
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/clients',
          method: 'POST',
          headers: {
            cookie,
            'x-xsrf-token': xsrf,
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'content-length': body.length,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    // Read as the bytes that came (not JSON), never inflated into a new client.
    expect(status).toBe(400);
    const list = (await staff.caller.get('/api/clients?limit=100')).text;
    expect(list).not.toContain('Inflated');
  });

  it('sends no HSTS on a plain-HTTP request', async () => {
    const res = await staff.caller.get('/api/health');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('turns the API docs off in production unless API_DOCS says otherwise', async () => {
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).apiDocs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', API_DOCS: 'on' }).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'off' }).apiDocs).toBe(false);
    for (const apiDocs of [true, false]) {
      const docsApp = await createApp(testConfig({ apiDocs }), process.env.TEST_DATABASE_URL!, {
        quiet: true,
      });
      try {
        const ui = await request(docsApp.getHttpServer()).get('/api/docs');
        const json = await request(docsApp.getHttpServer()).get('/api/docs-json');
        expect({ apiDocs, ui: ui.status, json: json.status }).toEqual({
          apiDocs,
          ui: apiDocs ? 200 : 404,
          json: apiDocs ? 200 : 404,
        });
        if (apiDocs) expect(json.body.info.title).toBe('Attune API');
      } finally {
        await docsApp.close();
      }
    }
  });
});

describe('a request that trickles in is cut off', () => {
  let app: NestFastifyApplication;
  let port: number;
  beforeAll(async () => {
    app = await bootApp({ requestTimeoutMs: 1000 });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => app.close());

  /** Sends `head`, then one byte of `drip` every 200 ms; resolves with what came back and when. */
  function trickle(head: string, drip: string): Promise<{ reply: string; ms: number }> {
    return new Promise((resolve) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1');
      let reply = '';
      let i = 0;
      const timer = setInterval(() => {
        if (i < drip.length && !socket.destroyed) socket.write(drip[i++]!);
      }, 200);
      socket.on('data', (d) => (reply += d.toString()));
      // Bounded: the test never waits on a server that never answers.
      const giveUp = setTimeout(() => socket.destroy(), 8000);
      socket.on('close', () => {
        clearInterval(timer);
        clearTimeout(giveUp);
        resolve({ reply, ms: Date.now() - started });
      });
      socket.on('error', () => undefined);
      socket.write(head);
    });
  }

  it('answers 408 and closes when the body is not in within the request timeout', async () => {
    const health = await request(app.getHttpServer()).get('/api/health');
    const xsrf = ([] as string[])
      .concat(health.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('XSRF-TOKEN='))!
      .split(';')[0]!
      .split('=')[1]!;
    const body = JSON.stringify({ email: 'slow@example.org', password: 'x'.repeat(60) });
    const { reply, ms } = await trickle(
      `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\nCookie: XSRF-TOKEN=${xsrf}\r\nX-XSRF-TOKEN: ${xsrf}\r\n\r\n`,
      body,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(4000);
  });

  it('cuts off headers that never finish too, and keeps serving everyone else', async () => {
    const { reply, ms } = await trickle(
      'GET /api/health HTTP/1.1\r\nHost: localhost\r\n',
      'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(4000);
    expect((await request(app.getHttpServer()).get('/api/health')).status).toBe(200);
  });

  it('reads REQUEST_TIMEOUT_MS, 30 s by default', () => {
    expect(loadConfig({}).requestTimeoutMs).toBe(30_000);
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '5000' }).requestTimeoutMs).toBe(5000);
  });
});

describe('hostile input: a clear 400 naming the field, cheaply, never a 5xx', () => {
  let app: NestFastifyApplication;
  let admin: Signed;
  let therapist: Signed;
  let client: Signed & { clientId: string };
  let screeningId: string;
  beforeAll(async () => {
    app = await bootApp();
    admin = await newPractice(app);
    therapist = await newMember(app, admin.caller);
    client = await newClientUser(app, therapist.caller);
    const ppc = ((await therapist.caller.get('/api/instruments')).body as InstrumentSummary[])[0]!;
    screeningId = (
      await therapist.caller.post(`/api/clients/${client.clientId}/screenings`, {
        instrumentId: ppc.id,
      })
    ).body.id;
  });
  afterAll(() => app.close());

  it('refuses a NUL byte in any stored text, naming the field (top level and nested)', async () => {
    const top = await therapist.caller.post('/api/clients', {
      firstName: 'Ca\u0000sey',
      lastName: 'C',
    });
    expect(top.status).toBe(400);
    expect(top.body.fields).toEqual({ firstName: expect.stringMatching(/cannot be stored/) });
    const nested = await therapist.caller.put(
      `/api/therapists/${therapist.me.memberId}/availability`,
      {
        timeZone: 'America/Chicago',
        rules: [
          { weekday: 1, start: '09:00', end: '17:00' },
          { weekday: 2, start: '09:\u000000', end: '17:00' },
        ],
      },
    );
    expect(nested.status).toBe(400);
    expect(Object.keys(nested.body.fields)).toEqual(['rules[1].start']);
    const key = await therapist.caller.post('/api/clients', {
      firstName: 'A',
      lastName: 'B',
      ['x\u0000']: 1,
    });
    expect(key.status).toBe(400);
    expect(Object.keys(key.body.fields)).toEqual(['"x\\u0000"']);
  });

  it('refuses lone surrogates, on the anonymous routes too (sign-in, sign-up, invitation accept)', async () => {
    const anon = await anonymous(app);
    const login = await anon.post('/api/auth/login', {
      email: 'a\ud800@example.org',
      password: 'x',
    });
    expect(login.status).toBe(400);
    expect(Object.keys(login.body.fields)).toEqual(['email']);
    const signup = await anon.post('/api/practices', {
      practiceName: 'P',
      timeZone: 'America/Chicago',
      adminEmail: 'b@example.org',
      adminDisplayName: 'Bea \udc00',
      adminPassword: 'a-long-enough-password',
    });
    expect(signup.status).toBe(400);
    expect(Object.keys(signup.body.fields)).toEqual(['adminDisplayName']);
    const accept = await anon.post('/api/invitations/some-token/accept', {
      password: '\ud83d'.repeat(20),
    });
    expect(accept.status).toBe(400);
    expect(Object.keys(accept.body.fields)).toEqual(['password']);
  });

  it('refuses NUL in query strings and path parameters, naming them', async () => {
    const q = await therapist.caller.get('/api/clients?q=%00');
    expect(q.status).toBe(400);
    expect(Object.keys(q.body.fields)).toEqual(['q']);
    const token = await (await anonymous(app)).get('/api/invitations/abc%00def');
    expect(token.status).toBe(400);
    expect(Object.keys(token.body.fields)).toEqual(['token']);
  });

  it('refuses deep nesting before anything walks it: a 6 kB body, a 20,000-deep answer', async () => {
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    const res = await therapist.caller
      .req('post', '/api/clients')
      .set('content-type', 'application/json')
      .send(`{"firstName":${deep}}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/nested too deeply \(at most 16 levels\)/);
    const answer = '{"value":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const draft = await client.caller
      .req('put', `/api/screenings/${screeningId}/draft`)
      .set('content-type', 'application/json')
      .send(`{"version":0,"answers":{"q1":${answer}}}`);
    expect(draft.status).toBe(400);
    expect(draft.body.message).toMatch(/nested too deeply/);
  });

  it('rejects a 0.95 MB draft of 30,000 unknown answers cheaply, and health stays quick meanwhile', async () => {
    const answers = Object.fromEntries(
      Array.from({ length: 30_000 }, (_, i) => [`u${i}`, { value: 'x'.repeat(11) }]),
    );
    const body = JSON.stringify({ version: 0, answers });
    expect(body.length).toBeGreaterThan(900_000);
    expect(body.length).toBeLessThan(1_000_000);
    const started = Date.now();
    const drafts = Array.from({ length: 5 }, () =>
      client.caller
        .req('put', `/api/screenings/${screeningId}/draft`)
        .set('content-type', 'application/json')
        .send(body),
    );
    const healthStarted = Date.now();
    const health = await request(app.getHttpServer()).get('/api/health');
    const healthMs = Date.now() - healthStarted;
    const results = await Promise.all(drafts);
    const allMs = Date.now() - started;
    expect(results.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(results[0]!.body.message).toMatch(/too many fields or list items \(at most 2000\)/);
    // It cost about 2 s of CPU each before the shape was checked on the raw text.
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(1500);
    expect(allMs).toBeLessThan(3000);
    // Under the key cap, the answers map has its own bound.
    const many = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`k${i}`, 1]));
    const capped = await client.caller.put(`/api/screenings/${screeningId}/draft`, {
      version: 0,
      answers: many,
    });
    expect(capped.status).toBe(400);
    expect(capped.body.fields).toEqual({ answers: 'answers may hold at most 500 entries' });
  });

  it('never echoes more than a short prefix of a value', async () => {
    const wide = Object.fromEntries(
      Array.from({ length: 1500 }, (_, i) => [`field${i}`.padEnd(200, 'z'), 'v']),
    );
    const res = await therapist.caller.post('/api/clients', {
      firstName: 'A',
      lastName: 'B',
      ...wide,
    });
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(4096);
    expect(Object.keys(res.body.fields).length).toBeLessThanOrEqual(10);
    const long = await therapist.caller.post('/api/clients', {
      firstName: 'A',
      lastName: 'x'.repeat(300_000),
    });
    expect(long.status).toBe(400);
    expect(long.text.length).toBeLessThan(1024);
    expect(long.body.fields).toHaveProperty('lastName');
  });

  it('speaks JSON only: a form body is a 415', async () => {
    const res = await therapist.caller
      .req('post', '/api/clients')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('firstName=A&lastName=B');
    expect(res.status).toBe(415);
  });

  it('bounds the FHIR import: a 100 kB title is refused, a real questionnaire is not', async () => {
    const big = await admin.caller.post('/api/instruments/fhir', {
      ...PHQ9,
      title: 't'.repeat(100_000),
    });
    expect(big.status).toBe(400);
    expect(big.body.message).toMatch(/title is longer than 300 characters/);
    expect(big.body.fields).toHaveProperty('title');
    expect(big.text.length).toBeLessThan(2048);
    expect((await admin.caller.post('/api/instruments/fhir', PHQ9)).status).toBe(201);
    // The import route allows the nesting and size of a large questionnaire (other routes don't).
    const items = Array.from({ length: 300 }, (_, i) => ({
      ...(PHQ9.item as Record<string, unknown>[])[0],
      linkId: `big-${i}`,
    }));
    const large = { ...PHQ9, url: 'http://example.org/big', item: items };
    const largeText = JSON.stringify(large);
    expect((largeText.match(/,/g) ?? []).length).toBeGreaterThan(2000);
    const res = await admin.caller.post('/api/instruments/fhir', large);
    expect(res.body.message ?? '').not.toMatch(/too many fields|nested too deeply/);
    expect(res.status).toBe(201);
  });
});

describe('partial PATCH changes only what was sent', () => {
  let app: NestFastifyApplication;
  let admin: Signed;
  beforeAll(async () => {
    app = await bootApp();
    admin = await newPractice(app, { therapist: true });
  });
  afterAll(() => app.close());

  it('renames an appointment type and keeps its duration, kind and flags', async () => {
    const made = await admin.caller.post('/api/appointment-types', {
      name: 'Walk and talk',
      durationMinutes: 45,
      kind: 'other',
    });
    expect(made.status).toBe(201);
    const renamed = await admin.caller.patch(`/api/appointment-types/${made.body.id}`, {
      name: 'Walk',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...made.body, name: 'Walk' });
    const off = await admin.caller.patch(`/api/appointment-types/${made.body.id}`, {
      active: false,
    });
    expect(off.body).toEqual({ ...made.body, name: 'Walk', active: false });
  });

  it('renames the practice and keeps its crisis text and cancellation window', async () => {
    const before = (await admin.caller.get('/api/practice')).body;
    const res = await admin.caller.patch('/api/practice', { name: 'Harbor Two' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...before, name: 'Harbor Two' });
  });

  it('answers null for a field that cannot be empty with a 400 naming it', async () => {
    const practice = await admin.caller.patch('/api/practice', { crisisText: null });
    expect(practice.status).toBe(400);
    expect(Object.keys(practice.body.fields)).toEqual(['crisisText']);
    const [type] = (await admin.caller.get('/api/appointment-types')).body as { id: string }[];
    const t = await admin.caller.patch(`/api/appointment-types/${type!.id}`, {
      durationMinutes: null,
    });
    expect(t.status).toBe(400);
    expect(Object.keys(t.body.fields)).toEqual(['durationMinutes']);
  });
});
