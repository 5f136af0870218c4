import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InstrumentSummary, ModuleDetail, ModuleSummary } from '@attune/shared';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { handbookFixture, PHQ9_FILE } from '../../shared/testing/handbook-fixtures.js';
import { listRoutes, type RouteInfo } from '../src/common/route-inventory.js';
import {
  bootApp,
  newClientUser,
  newMember,
  newPractice,
  PASSWORD,
  tokenOf,
  type Signed,
} from './harness.js';

/**
 * Property test: generated hostile input (NUL bytes, lone surrogates, odd unicode, deep nesting,
 * huge key counts, wrong types, overlong strings) sent to every route in the inventory, as every
 * kind of caller, never gets a 5xx, and a 4xx never echoes more than a short prefix of the value.
 *
 * Runs are bounded (RUNS cases per route and caller) so `npm test` stays quick; FC_SEED replays a
 * run, FC_RUNS widens it.
 */
const RUNS = Number(process.env.FC_RUNS ?? 5);
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
// A 400 names the field and quotes at most a short prefix; a whole hostile value never comes back.
const MAX_ERROR_BODY = 4096;

type Who = 'anonymous' | 'client' | 'therapist' | 'admin';
interface Creds {
  cookie: string;
  xsrf: string;
}
interface Case {
  path: string;
  query: string;
  body: string | undefined;
  label: string;
}

// ---- generators -------------------------------------------------------------------------------

const hostileText = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\ud83d',
    '\udc00\ud800',
    '\u202eevil',
    '\ufeff',
    '\uffff',
    '\u{10ffff}',
    'e\u0301\u0301\u0301',
    '\u200b',
    '💥🧨',
    '%00',
    "'; DROP TABLE clients; --",
    '../../etc/passwd',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '\r\nX-Injected: 1',
    'BEGIN:VEVENT',
    '',
    ' ',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 300, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 2_000 }).map((n) => '\u0000'.repeat(n)),
  fc.integer({ min: 1, max: 2_000 }).map((n) => '\ud800'.repeat(n)),
);

const scalar = fc.oneof(
  hostileText,
  fc.integer(),
  fc.constantFrom(1e308, -1e308, -1, 0, -0, 0.5, 2 ** 53 + 1, 1e-320),
  fc.boolean(),
  fc.constant(null),
);

/** Keys: the DTO's own field names (so bodies reach deeper code) mixed with hostile ones. */
const keyOf = (fields: string[]) =>
  fields.length ? fc.oneof(fc.constantFrom(...fields), hostileText) : hostileText;

const jsonValue = (fields: string[]) =>
  fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(keyOf(fields), tie('v'), { maxKeys: 5 }),
    ),
  })).v;

/** Bodies built as raw JSON text: structure no JSON.stringify would survive building. */
const rawBody = (fields: string[]) =>
  fc.oneof(
    // Deep nesting, at the top or under a real field.
    fc
      .tuple(fc.integer({ min: 50, max: 60_000 }), keyOf(fields), fc.boolean())
      .map(([n, k, arr]) => {
        const open = arr ? '['.repeat(n) : '{"a":'.repeat(n);
        const close = arr ? ']'.repeat(n) : '}'.repeat(n);
        return `{${JSON.stringify(k)}:${open}1${close}}`;
      }),
    // Many keys (the 30k-unknown-answers draft), top level or under a real field.
    fc
      .tuple(fc.integer({ min: 1_000, max: 40_000 }), keyOf(fields), fc.boolean())
      .map(([n, k, nested]) => {
        const keys = Array.from({ length: n }, (_, i) => `"k${i}":${i % 3 ? '"x"' : 1}`).join(',');
        return nested ? `{${JSON.stringify(k)}:{${keys}},"version":0}` : `{${keys}}`;
      }),
    // Long arrays.
    fc
      .tuple(fc.integer({ min: 1_000, max: 100_000 }), keyOf(fields))
      .map(([n, k]) => `{${JSON.stringify(k)}:[${Array(n).fill('"a"').join(',')}]}`),
    // Not an object at all.
    fc.constantFrom('[]', '"text"', '42', 'null', 'true', '{"a":', '\u0000', '{"a":"\\u0000"}'),
  );

const bodyFor = (fields: string[], example: object | undefined) =>
  fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .dictionary(keyOf(fields), jsonValue(fields), { maxKeys: 8 })
        .map((v) => JSON.stringify(v)),
    },
    { weight: 1, arbitrary: jsonValue(fields).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: rawBody(fields) },
    // Mostly: a valid body with one hostile value, to reach the code that stores text.
    { weight: example ? 5 : 0, arbitrary: example ? mutated(example, fields) : fc.constant('{}') },
  );

/** Every leaf of a JSON value, as a path of keys. */
function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [path];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  return entries.length ? entries.flatMap(([k, x]) => leaves(x, [...path, k])) : [path];
}

/** A valid body with one leaf swapped for a hostile value: reaches the code that stores text. */
const mutated = (example: object, fields: string[]) => {
  const paths = leaves(example);
  return fc
    .tuple(
      fc.nat({ max: paths.length - 1 }),
      fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: jsonValue(fields) }),
    )
    .map(([i, bad]) => {
      const copy = structuredClone(example) as Record<string | number, unknown>;
      const path = paths[i]!;
      if (!path.length) return JSON.stringify(bad);
      let at = copy;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      at[path[path.length - 1]!] = bad;
      return JSON.stringify(copy);
    });
};

/** Percent-encodes what a URL can carry; lone surrogates cannot travel, so their bytes go raw. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return Buffer.from(s, 'utf8').toString('hex').replace(/(..)/g, '%$1');
  }
}

const rawUrlPiece = fc.constantFrom('%00', '%ED%A0%80', '%FF%FE', '%', '%2F..%2F', '%C0%AE', '..');

const queryFor = (fields: string[]) =>
  fc
    .array(
      fc.tuple(
        keyOf([...fields, 'limit', 'cursor']),
        fc.oneof(hostileText.map(enc), rawUrlPiece),
        fc.boolean(),
      ),
      { maxLength: 5 },
    )
    .map((pairs) =>
      pairs
        .map(([k, v, twice]) => {
          const one = `${enc(k).slice(0, 2000)}=${v.slice(0, 6000)}`;
          return twice ? `${one}&${one}` : one;
        })
        .join('&'),
    );

// ---- the world the callers act in -------------------------------------------------------------

function cookiesFrom(setCookie: string[] | string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of ([] as string[]).concat(setCookie ?? [])) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    out[pair!.slice(0, i)] = pair!.slice(i + 1);
  }
  return out;
}

async function credentials(app: NestFastifyApplication, email?: string): Promise<Creds> {
  const server = app.getHttpServer();
  const jar = cookiesFrom((await request(server).get('/api/health')).headers['set-cookie']);
  if (email) {
    const res = await request(server)
      .post('/api/auth/login')
      .set('Cookie', `XSRF-TOKEN=${jar['XSRF-TOKEN']}`)
      .set('x-xsrf-token', jar['XSRF-TOKEN']!)
      .send({ email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    Object.assign(jar, cookiesFrom(res.headers['set-cookie']));
  }
  return {
    cookie: Object.entries(jar)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    xsrf: jar['XSRF-TOKEN']!,
  };
}

function fieldsOf(type: (new () => object) | undefined): string[] {
  if (!type || type === Object) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

// Routes that end or change the caller's own standing go last, so they don't blunt the rest.
// Routes that end a caller's access (closing the client's record signs them out) run last.
const LAST = [
  'POST /api/clients/:id/deactivate',
  'POST /api/auth/logout',
  'PATCH /api/members/:id',
];

describe('hostile input on every route (property test)', () => {
  let app: NestFastifyApplication;
  const creds = {} as Record<Who, Creds>;
  const ids: Record<string, string[]> = {};
  // A valid body per write route, for the mutations to start from.
  const examples: Record<string, object> = {};

  beforeAll(async () => {
    app = await bootApp();
    const admin: Signed = await newPractice(app);
    const t = await newMember(app, admin.caller, ['therapist'], 'Tess Therapist');
    const c = await newClientUser(app, t.caller);
    // Objects each caller may legitimately reach, so generated input gets past the access checks.
    const ppc = ((await t.caller.get('/api/instruments')).body as InstrumentSummary[])[0]!;
    const screening = (
      await t.caller.post(`/api/clients/${c.clientId}/screenings`, { instrumentId: ppc.id })
    ).body as { id: string };
    const mod = ((await t.caller.get('/api/modules')).body as ModuleSummary[])[0]!;
    const [assignment] = (
      await t.caller.post(`/api/clients/${c.clientId}/assignments`, { moduleIds: [mod.id] })
    ).body as { id: string }[];
    const detail = (await c.caller.get(`/api/modules/${mod.id}`)).body as ModuleDetail;
    const reflection = (
      await c.caller.post(`/api/assignments/${assignment!.id}/reflections`, {
        promptId: detail.content.reflectionPrompts[0]!.id,
        body: 'A first thought.',
      })
    ).body as { id: string };
    const [type] = (await admin.caller.get('/api/appointment-types')).body as { id: string }[];
    const appt = (
      await admin.caller.post('/api/appointments', {
        therapistId: t.me.memberId,
        clientId: c.clientId,
        typeId: type!.id,
        startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        override: true,
        overrideReason: 'Fixture',
      })
    ).body as { id: string };
    const off = (
      await t.caller.post(`/api/therapists/${t.me.memberId}/time-off`, {
        startsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 21 * 86_400_000).toISOString(),
      })
    ).body as { id: string };
    const inv = (
      await admin.caller.post('/api/invitations', {
        kind: 'member',
        email: `pending.${randomUUID().slice(0, 6)}@example.org`,
        displayName: 'Pat Pending',
        roles: ['therapist'],
      })
    ).body;
    const feed = (await t.caller.post(`/api/therapists/${t.me.memberId}/calendar-feed`, {}))
      .body as { url: string };
    Object.assign(ids, {
      clients: [c.clientId],
      screenings: [screening.id],
      instruments: [ppc.id],
      modules: [mod.id],
      assignments: [assignment!.id],
      reflections: [reflection.id],
      'appointment-types': [type!.id],
      appointments: [appt.id],
      therapists: [t.me.memberId!],
      members: [t.me.memberId!],
      timeOffId: [off.id],
      invitations: [inv.id, tokenOf(inv)],
      'calendar-feeds': [feed.url.split('/').pop()!],
    });
    for (const v of Object.values(ids)) expect(v.every(Boolean)).toBe(true);

    const phq9 = handbookFixture(PHQ9_FILE);
    const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    Object.assign(examples, {
      'POST /api/auth/login': { email: 'nobody@example.org', password: 'not-the-password' },
      'POST /api/practices': {
        practiceName: 'Hostile Practice',
        timeZone: 'America/Chicago',
        adminEmail: `signup.${randomUUID().slice(0, 6)}@example.org`,
        adminDisplayName: 'Sam Signup',
        adminPassword: 'a-long-enough-password',
      },
      'PATCH /api/practice': {
        name: 'Renamed',
        crisisText: 'Call us.',
        cancellationWindowHours: 24,
      },
      'POST /api/clients': {
        firstName: 'Fran',
        lastName: 'Fuzz',
        preferredName: 'F',
        pronouns: 'they',
        email: 'fran@example.org',
        timeZone: 'America/Chicago',
      },
      'POST /api/clients/:id/deactivate': { cancelSessionIds: [] },
      'PATCH /api/clients/:id': {
        version: 1,
        firstName: 'Fran',
        preferredName: 'Fr',
        pronouns: 'she',
      },
      'POST /api/invitations': {
        kind: 'member',
        email: 'new@example.org',
        displayName: 'Nia',
        roles: ['therapist'],
      },
      'POST /api/invitations/:token/accept': {
        password: 'a-long-enough-password',
        displayName: 'Pat',
      },
      'PATCH /api/members/:id': { roles: ['therapist'] },
      'POST /api/instruments/fhir': phq9,
      'POST /api/clients/:id/screenings': {
        instrumentId: ppc.id,
        note: 'Before we meet',
        dueAt: later(7),
      },
      'PUT /api/screenings/:id/draft': { version: 0, answers: {} },
      'POST /api/screenings/:id/submit': { version: 0, answers: {} },
      'POST /api/alerts/:id/acknowledge': { note: 'Called and checked in' },
      'POST /api/modules': { ...detail.content },
      'PATCH /api/modules/:id': { ...detail.content, version: 1 },
      'POST /api/clients/:id/assignments': {
        moduleIds: [mod.id],
        note: 'Have a look',
        dueAt: later(7),
      },
      'PATCH /api/assignments/:id': { note: 'A note', readSection: 1, helpful: 3 },
      'POST /api/assignments/:id/reflections': {
        promptId: detail.content.reflectionPrompts[0]!.id,
        body: 'Thoughts',
      },
      'PATCH /api/reflections/:id': { body: 'More thoughts', shared: true, version: 1 },
      'POST /api/appointment-types': { name: 'Walk and talk', durationMinutes: 45, kind: 'other' },
      'PATCH /api/appointment-types/:id': { name: 'Renamed type' },
      'PUT /api/therapists/:id/availability': {
        timeZone: 'America/Chicago',
        rules: [{ weekday: 1, start: '09:00', end: '17:00' }],
      },
      'POST /api/therapists/:id/time-off': {
        startsAt: later(30),
        endsAt: later(31),
        reason: 'Away',
      },
      'POST /api/therapists/:id/calendar-feed': { showClient: 'initials' },
      'POST /api/appointments': {
        therapistId: t.me.memberId,
        clientId: c.clientId,
        typeId: type!.id,
        startsAt: later(40),
        override: true,
        overrideReason: 'Fixture',
      },
      'PATCH /api/appointments/:id': {
        version: 1,
        overrideReason: 'Moved',
        override: true,
        startsAt: later(41),
      },
      'POST /api/appointments/:id/cancel': { reason: 'Unwell' },
    });

    creds.anonymous = await credentials(app);
    creds.client = await credentials(app, c.email);
    creds.therapist = await credentials(app, t.email);
    creds.admin = await credentials(app, admin.email);
  });
  afterAll(() => app.close());

  function caseFor(r: RouteInfo): fc.Arbitrary<Case> {
    const segments = r.path.split('/');
    const params = segments
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.startsWith(':'))
      .map(({ s, i }) => {
        const real = ids[s.slice(1)] ?? ids[segments[i - 1]!] ?? [];
        return fc.oneof(
          {
            weight: 3,
            arbitrary: real.length ? fc.constantFrom(...real) : fc.constant(randomUUID()),
          },
          { weight: 1, arbitrary: fc.constant(randomUUID()) },
          { weight: 2, arbitrary: hostileText.map((t) => enc(t).slice(0, 3000) || '%20') },
          { weight: 1, arbitrary: rawUrlPiece },
        );
      });
    const sendsBody = ['POST', 'PUT', 'PATCH'].includes(r.method);
    return fc
      .record({
        params: fc.tuple(...params),
        query: fc.oneof(fc.constant(''), queryFor(fieldsOf(r.queryType))),
        body: sendsBody
          ? bodyFor(fieldsOf(r.bodyType), examples[`${r.method} ${r.path}`])
          : fc.constant(undefined),
      })
      .map(({ params: ps, query, body }) => {
        let k = 0;
        const path = segments.map((s) => (s.startsWith(':') ? ps[k++]! : s)).join('/');
        return {
          path,
          query,
          body,
          label: `${r.method} ${path.slice(0, 120)}?${query.slice(0, 80)} ${(body ?? '').slice(0, 100)}`,
        };
      });
  }

  it(`never answers 5xx, and never echoes a whole value (${RUNS} runs per route and caller)`, async () => {
    const routes = listRoutes(app).sort(
      (x, y) => LAST.indexOf(`${x.method} ${x.path}`) - LAST.indexOf(`${y.method} ${y.path}`),
    );
    expect(routes.length).toBeGreaterThan(40);
    // Every example names a real route (a renamed route must not silently lose its coverage).
    const known = new Set(routes.map((r) => `${r.method} ${r.path}`));
    expect(Object.keys(examples).filter((k) => !known.has(k))).toEqual([]);
    const server = app.getHttpServer();
    const failures: string[] = [];
    const echoes: string[] = [];
    const failedRoutes = new Set<string>();
    let sent = 0;
    const started = Date.now();
    let seed = SEED;
    for (const r of routes) {
      for (const who of ['anonymous', 'client', 'therapist', 'admin'] as Who[]) {
        // Signing out would end the shared session: only the anonymous caller tries it.
        if (r.path === '/api/auth/logout' && who !== 'anonymous') continue;
        const cases = fc.sample(caseFor(r), { numRuns: RUNS, seed: seed++ });
        for (const c of cases) {
          const url = c.query ? `${c.path}?${c.query}` : c.path;
          const agent = request(server);
          let req = agent[r.method.toLowerCase() as 'get'](url)
            .set('Cookie', creds[who].cookie)
            .set('x-xsrf-token', creds[who].xsrf);
          if (c.body !== undefined) req = req.set('content-type', 'application/json').send(c.body);
          const res = await req.ok(() => true);
          sent++;
          if (res.status >= 500) {
            failures.push(`${who}: ${c.label} -> ${res.status}`);
            failedRoutes.add(`${r.method} ${r.path}`);
          } else if (res.status >= 400 && res.text.length > MAX_ERROR_BODY)
            echoes.push(`${who}: ${c.label} -> ${res.status}, ${res.text.length} bytes`);
        }
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `hostile input: ${sent} requests on ${routes.length} routes in ${seconds} s, ` +
        `${failures.length} answered 5xx on ${failedRoutes.size} routes, ${echoes.length} echoed (FC_SEED=${SEED}, FC_RUNS=${RUNS})`,
    );
    expect({ seed: SEED, failures: failures.slice(0, 25) }).toEqual({ seed: SEED, failures: [] });
    expect({ seed: SEED, echoes: echoes.slice(0, 10) }).toEqual({ seed: SEED, echoes: [] });
  }, 600_000);
});
