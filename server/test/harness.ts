import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { CreateClientRequest, InvitationCreated, MeResponse, StaffRole } from '@attune/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { type AppConfig, loadConfig } from '../src/config.js';
import { migrateAndGrant } from '../src/database/migrate.js';
import { QueryCounter } from '../src/database/query-counter.js';
import type { MailTransport } from '../src/notifications/mail-transport.js';

let migrated: Promise<void> | undefined;

export const PASSWORD = 'a-long-test-password';
const SECRET = randomBytes(32).toString('hex');

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({}),
    allowSignup: true,
    seedDemo: false,
    logInvitationLinks: false,
    clientDist: '/nonexistent',
    outboxIntervalMs: 0,
    sessionSecret: SECRET,
    // Every test signs in from 127.0.0.1: the per-address limit has its own test.
    signInThrottle: { ...loadConfig({}).signInThrottle, maxFailuresPerIp: 100_000 },
    ...overrides,
  };
}

/** The app's least-privileged role (what the server uses) and the schema owner. */
export function testUrls(): { url: string; ownerUrl: string } {
  const url = process.env.TEST_DATABASE_URL;
  const ownerUrl = process.env.TEST_OWNER_DATABASE_URL;
  if (!url || !ownerUrl)
    throw new Error('TEST_DATABASE_URL is not set: run through jest (global setup).');
  return { url, ownerUrl };
}

export async function bootApp(
  overrides: Partial<AppConfig> = {},
  opts: { mailTransport?: MailTransport } = {},
): Promise<NestFastifyApplication> {
  const urls = testUrls();
  // Applies the migrations (as the owner) on the first call of the run; a no-op after that.
  migrated ??= migrateAndGrant(urls);
  await migrated;
  return createApp(testConfig(overrides), urls.url, { quiet: true, docs: false, ...opts });
}

/** Runs SQL as the schema owner, for the few tests that must change the schema itself. */
export async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testUrls().ownerUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function db(app: NestFastifyApplication): DataSource {
  return app.get<DataSource>(getDataSourceToken());
}

export const uniqueEmail = (label = 'user') => `${label}.${randomUUID().slice(0, 8)}@example.org`;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A browser-like caller: keeps cookies and echoes the XSRF token on writes, as Angular does. */
export class Caller {
  private xsrf = '';
  readonly agent: ReturnType<typeof request.agent>;

  constructor(readonly app: NestFastifyApplication) {
    this.agent = request.agent(app.getHttpServer());
  }

  async init(): Promise<this> {
    this.capture(await this.agent.get('/api/health'));
    return this;
  }

  /** The XSRF token is bound to the session: keep the newest one the server sent, as Angular does. */
  private capture(res: { headers: Record<string, unknown> }): void {
    const cookie = ([] as string[])
      .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
      .find((c) => c.startsWith('XSRF-TOKEN='));
    if (cookie) this.xsrf = cookie.split(';')[0]!.split('=')[1]!;
  }

  req(method: Method, path: string, body?: unknown) {
    const r = this.agent[method](path).set('x-xsrf-token', this.xsrf);
    r.on('response', (res: { headers: Record<string, unknown> }) => this.capture(res));
    if (body === undefined) return r;
    // Scalars and arrays go out as raw JSON, the way a broken or hostile client might send them.
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? r.send(body)
      : r.set('content-type', 'application/json').send(JSON.stringify(body));
  }
  get(path: string) {
    return this.req('get', path);
  }
  post(path: string, body?: unknown) {
    return this.req('post', path, body ?? {});
  }
  patch(path: string, body?: unknown) {
    return this.req('patch', path, body ?? {});
  }
  put(path: string, body?: unknown) {
    return this.req('put', path, body ?? {});
  }

  async login(email: string, password = PASSWORD): Promise<MeResponse> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as MeResponse;
  }
}

export async function anonymous(app: NestFastifyApplication): Promise<Caller> {
  return new Caller(app).init();
}

export interface Signed {
  caller: Caller;
  me: MeResponse;
  email: string;
}

/** The link in the last mail of `kind` sent to `email` (the outbox is the mail server here). */
export async function mailedLink(
  app: NestFastifyApplication,
  email: string,
  kind: string,
): Promise<string | null> {
  const [row] = await db(app).query<{ body_text: string }[]>(
    `SELECT body_text FROM outbox_messages WHERE to_email = $1 AND kind = $2
      ORDER BY created_at DESC LIMIT 1`,
    [email.toLowerCase(), kind],
  );
  return row ? (/https?:\/\/\S+/.exec(row.body_text)?.[0] ?? null) : null;
}

/** A fresh practice with its admin signed in: sign-up, then sign-in with the chosen password. */
export async function newPractice(
  app: NestFastifyApplication,
  opts: { therapist?: boolean } = {},
): Promise<Signed> {
  const caller = await anonymous(app);
  const email = uniqueEmail('admin');
  const res = await caller.post('/api/practices', {
    practiceName: `Practice ${randomUUID().slice(0, 6)}`,
    timeZone: 'America/Chicago',
    adminEmail: email,
    adminDisplayName: 'Alex Admin',
    adminPassword: PASSWORD,
    adminIsTherapist: opts.therapist ?? false,
  });
  if (res.status !== 202) throw new Error(`newPractice: ${res.status} ${JSON.stringify(res.body)}`);
  const signedIn = await caller.post('/api/auth/login', { email, password: PASSWORD });
  if (signedIn.status !== 200)
    throw new Error(`newPractice sign-in: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
  return { caller, me: signedIn.body as MeResponse, email };
}

export function tokenOf(inv: InvitationCreated): string {
  return inv.link.split('/invite/')[1]!;
}

/** Invites a team member and has them accept, returning them signed in. */
export async function newMember(
  app: NestFastifyApplication,
  admin: Caller,
  roles: StaffRole[] = ['therapist'],
  name = 'Terry Therapist',
): Promise<Signed> {
  const email = uniqueEmail('staff');
  const inv = await admin.post('/api/invitations', {
    kind: 'member',
    email,
    displayName: name,
    roles,
  });
  if (inv.status !== 201) throw new Error(`invite: ${inv.status} ${JSON.stringify(inv.body)}`);
  const caller = await anonymous(app);
  const res = await caller.post(`/api/invitations/${tokenOf(inv.body)}/accept`, {
    password: PASSWORD,
  });
  if (res.status !== 200) throw new Error(`accept: ${res.status} ${JSON.stringify(res.body)}`);
  return { caller, me: res.body as MeResponse, email };
}

export async function newClient(staff: Caller, body: Partial<CreateClientRequest> = {}) {
  const res = await staff.post('/api/clients', {
    firstName: 'Casey',
    lastName: `Client${randomUUID().slice(0, 4)}`,
    email: uniqueEmail('client'),
    ...body,
  });
  if (res.status !== 201) throw new Error(`newClient: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as import('@attune/shared').ClientSummary;
}

/** Creates a client with a login (invited and accepted), signed in. */
export async function newClientUser(
  app: NestFastifyApplication,
  staff: Caller,
  body: Partial<CreateClientRequest> = {},
): Promise<Signed & { clientId: string }> {
  const client = await newClient(staff, body);
  const inv = await staff.post('/api/invitations', { kind: 'client', clientId: client.id });
  if (inv.status !== 201)
    throw new Error(`client invite: ${inv.status} ${JSON.stringify(inv.body)}`);
  const caller = await anonymous(app);
  const res = await caller.post(`/api/invitations/${tokenOf(inv.body)}/accept`, {
    password: PASSWORD,
  });
  if (res.status !== 200)
    throw new Error(`client accept: ${res.status} ${JSON.stringify(res.body)}`);
  return { caller, me: res.body as MeResponse, email: client.email!, clientId: client.id };
}

/** Counts SQL statements issued while `fn` runs. */
export async function countQueries<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; queries: number }> {
  QueryCounter.reset();
  const result = await fn();
  return { result, queries: QueryCounter.count };
}

/** Two practices: A with admin, two therapists, a client user for therapist 1; B with admin and a client. */
export async function twoPractices(app: NestFastifyApplication) {
  const a = await newPractice(app);
  const t1 = await newMember(app, a.caller, ['therapist'], 'Tess One');
  const t2 = await newMember(app, a.caller, ['therapist'], 'Toby Two');
  const clientA = await newClientUser(app, t1.caller);
  const b = await newPractice(app);
  const clientB = await newClientUser(app, b.caller);
  return { a, t1, t2, clientA, b, clientB };
}

/** The Cookie header (session and XSRF cookies) of a fresh sign-in, for requests made outside supertest. */
export async function signedInCookie(app: NestFastifyApplication, email: string): Promise<string> {
  const pairs = (res: request.Response) =>
    ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!);
  const health = await request(app.getHttpServer()).get('/api/health');
  const xsrf = pairs(health).find((c) => c.startsWith('XSRF-TOKEN='))!;
  const login = await request(app.getHttpServer())
    .post('/api/auth/login')
    .set('cookie', xsrf)
    .set('x-xsrf-token', xsrf.split('=')[1]!)
    .send({ email, password: PASSWORD });
  expect(login.status).toBe(200);
  return pairs(login).join('; ');
}
