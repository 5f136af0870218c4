import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { anonymous, bootApp, newPractice, PASSWORD } from './harness.js';

type Res = { headers: Record<string, string | string[] | undefined> };
const cookie = (res: Res, name: string) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]!
    .split('=')[1];

describe('CSRF token bound to the session (signed double submit)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app.close());

  /** A write with exactly these cookies and this header, as a forger would send it. */
  const write = (cookies: Record<string, string>, header: string) =>
    request(app.getHttpServer())
      .post('/api/auth/logout')
      .set(
        'Cookie',
        Object.entries(cookies).map(([k, v]) => `${k}=${v}`),
      )
      .set('x-xsrf-token', header);

  it('a new token comes with every sign-in and sign-out; the old one stops working', async () => {
    const { email } = await newPractice(app);
    const caller = await anonymous(app);
    const anonToken = cookie(await request(app.getHttpServer()).get('/api/health'), 'XSRF-TOKEN');
    const login = await caller.post('/api/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const session = cookie(login, 'attune_session')!;
    const bound = cookie(login, 'XSRF-TOKEN')!;
    expect(bound).toBeTruthy();
    expect(bound).not.toBe(anonToken);
    // The token from before sign-in does not fit the new session.
    expect(
      (await write({ attune_session: session, 'XSRF-TOKEN': anonToken! }, anonToken!)).status,
    ).toBe(403);
    // The session's own token does; and sign-out hands out an anonymous one again.
    const out = await write({ attune_session: session, 'XSRF-TOKEN': bound }, bound);
    expect(out.status).toBe(204);
    const after = cookie(out, 'XSRF-TOKEN');
    expect(after).toBeTruthy();
    expect(after).not.toBe(bound);
  });

  it("refuses another session's token and a token the server did not sign", async () => {
    const a = await newPractice(app);
    const b = await newPractice(app);
    const loginA = await a.caller.post('/api/auth/login', { email: a.email, password: PASSWORD });
    const loginB = await b.caller.post('/api/auth/login', { email: b.email, password: PASSWORD });
    const sessionB = cookie(loginB, 'attune_session')!;
    const tokenA = cookie(loginA, 'XSRF-TOKEN')!;
    // Planted from a sibling subdomain, say: cookie and header agree but belong to A.
    expect((await write({ attune_session: sessionB, 'XSRF-TOKEN': tokenA }, tokenA)).status).toBe(
      403,
    );
    // The old unsigned form: any random value in both places.
    const forged = 'aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    const res = await write({ attune_session: sessionB, 'XSRF-TOKEN': forged }, forged);
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/security token/);
    // The refused request left B signed in.
    expect((await b.caller.get('/api/auth/me')).status).toBe(200);
  });

  it('a browser that echoes the cookie, as Angular does, keeps working across sign-in', async () => {
    const { email } = await newPractice(app);
    const caller = await anonymous(app);
    await caller.login(email);
    const created = await caller.post('/api/clients', { firstName: 'Avery', lastName: 'Stone' });
    expect(created.status).toBe(201);
    expect((await caller.post('/api/auth/logout')).status).toBe(204);
    await caller.login(email);
    expect((await caller.get('/api/auth/me')).status).toBe(200);
  });
});
