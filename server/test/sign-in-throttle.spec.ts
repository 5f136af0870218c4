import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { anonymous, bootApp, db, newPractice, PASSWORD, uniqueEmail } from './harness.js';

type Res = { status: number; headers: Record<string, string | string[] | undefined> };

function cookieFrom(res: Res, name: string): string | undefined {
  const raw = ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith(`${name}=`));
  return raw;
}
const valueOf = (setCookie: string | undefined) => setCookie?.split(';')[0]!.split('=')[1];

describe('sign-in throttling: atomic in Postgres, exponential, device cookies', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app.close());

  const tally = (statuses: number[]) =>
    statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

  /** A login from a browser holding exactly these cookies (no cookie jar). */
  async function loginWith(cookies: Record<string, string>, email: string, password: string) {
    const health = await request(app.getHttpServer()).get('/api/health');
    const xsrf = valueOf(cookieFrom(health, 'XSRF-TOKEN'))!;
    const all = { ...cookies, 'XSRF-TOKEN': xsrf };
    return request(app.getHttpServer())
      .post('/api/auth/login')
      .set(
        'Cookie',
        Object.entries(all).map(([k, v]) => `${k}=${v}`),
      )
      .set('x-xsrf-token', xsrf)
      .send({ email, password });
  }

  const moveClockPast = (key: string) =>
    db(app).query(`UPDATE sign_in_throttles SET blocked_until = now() WHERE key = $1`, [key]);

  it('20 parallel wrong passwords: exactly 5 are checked, 15 get 429 with Retry-After', async () => {
    const { email, me } = await newPractice(app);
    const caller = await anonymous(app);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        caller.post('/api/auth/login', { email, password: `wrong-password-${i}` }),
      ),
    );
    const counts = tally(answers.map((a) => a.status));
    console.log(`parallel wrong passwords: 20 sent, limit 5: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ 401: 5, 429: 15 });
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(a.headers['retry-after'])).toBeLessThanOrEqual(15);
    }
    const events = await db(app).query<{ action: string; n: number }[]>(
      `SELECT action, count(*)::int AS n FROM audit_events
        WHERE practice_id = $1 AND action LIKE 'auth.login.%' AND meta->>'email' = $2
        GROUP BY action ORDER BY action`,
      [me.practice.id, email],
    );
    expect(events).toEqual([
      { action: 'auth.login.failure', n: 5 },
      { action: 'auth.login.throttled', n: 15 },
    ]);
    const [row] = await db(app).query(`SELECT failures FROM sign_in_throttles WHERE key = $1`, [
      `account:${email}`,
    ]);
    expect(row.failures).toBe(5);
  });

  it('an unknown email is throttled exactly like a known one (nothing to learn from it)', async () => {
    const email = uniqueEmail('nobody');
    const caller = await anonymous(app);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        caller.post('/api/auth/login', { email, password: PASSWORD }),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 401: 5, 429: 3 });
  });

  it('waits twice as long after each further failure, capped at 15 minutes; success starts over', async () => {
    const { email } = await newPractice(app);
    const key = `account:${email}`;
    const caller = await anonymous(app);
    const wrong = () => caller.post('/api/auth/login', { email, password: 'not-the-password' });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const paused = await wrong();
      expect(paused.status).toBe(429);
      waits.push(Number(paused.headers['retry-after']));
      // The wait is over (as if the time had passed): one more guess is checked, then a longer wait.
      await moveClockPast(key);
      expect((await wrong()).status).toBe(401);
    }
    const last = await wrong();
    waits.push(Number(last.headers['retry-after']));
    expect(waits.map((s) => Math.round(s / 5) * 5)).toEqual([15, 30, 60, 120]);

    await db(app).query(
      `UPDATE sign_in_throttles SET failures = 30, blocked_until = now() WHERE key = $1`,
      [key],
    );
    expect((await wrong()).status).toBe(401);
    const capped = await wrong();
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(895);
    expect(Number(capped.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(capped.body.message).toMatch(/about 15 minutes/);

    await moveClockPast(key);
    expect((await caller.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    expect(await db(app).query(`SELECT 1 FROM sign_in_throttles WHERE key = $1`, [key])).toEqual(
      [],
    );
  });

  it('a browser that signed in before keeps its own allowance while strangers are paused', async () => {
    const { email, caller: owner } = await newPractice(app);
    // Signing up signed this browser in: it holds a device cookie for the account.
    const setCookie = cookieFrom(
      await owner.post('/api/auth/login', { email, password: PASSWORD }),
      'attune_device',
    );
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/api\/auth/);
    const device = valueOf(setCookie)!;
    await owner.post('/api/auth/logout');

    // Someone else guesses until the account is paused for every unknown browser.
    const stranger = await anonymous(app);
    for (let i = 0; i < 6; i++)
      await stranger.post('/api/auth/login', { email, password: `guess-${i}-password` });
    expect((await stranger.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(
      429,
    );
    expect((await loginWith({}, email, PASSWORD)).status).toBe(429);
    // A made-up device cookie, or another account's, is just another stranger.
    expect(
      (await loginWith({ attune_device: `${'A'.repeat(22)}.${'B'.repeat(32)}` }, email, PASSWORD))
        .status,
    ).toBe(429);
    const other = await newPractice(app);
    const otherDevice = valueOf(
      cookieFrom(
        await other.caller.post('/api/auth/login', { email: other.email, password: PASSWORD }),
        'attune_device',
      ),
    )!;
    expect((await loginWith({ attune_device: otherDevice }, email, PASSWORD)).status).toBe(429);

    // The owner's own browser still gets in.
    const back = await loginWith({ attune_device: device }, email, PASSWORD);
    expect(back.status).toBe(200);
    expect(back.body.user.email).toBe(email);
    // A shared computer keeps both people's entries.
    const both = valueOf(cookieFrom(back, 'attune_device'))!;
    expect(both.split('~')).toHaveLength(1);
    const shared = await loginWith(
      { attune_device: `${device}~${otherDevice}` },
      other.email,
      PASSWORD,
    );
    expect(shared.status).toBe(200);
    expect(valueOf(cookieFrom(shared, 'attune_device'))!.split('~')).toHaveLength(2);

    // That browser's own wrong guesses count in its own bucket, which pauses too.
    const fresh = valueOf(cookieFrom(back, 'attune_device'))!;
    const mine = await Promise.all(
      Array.from({ length: 8 }, () =>
        loginWith({ attune_device: fresh }, email, 'my-typo-password'),
      ),
    );
    expect(tally(mine.map((a) => a.status))).toEqual({ 401: 5, 429: 3 });
    const via = await db(app).query<{ via: string; n: number }[]>(
      `SELECT meta->>'via' AS via, count(*)::int AS n FROM audit_events
        WHERE action = 'auth.login.failure' AND meta->>'email' = $1 GROUP BY 1 ORDER BY 1`,
      [email],
    );
    expect(via).toEqual([
      { via: 'account', n: 5 },
      { via: 'device', n: 5 },
    ]);
  });

  it('audits every attempt with the peer address', async () => {
    const { email, me } = await newPractice(app);
    const caller = await anonymous(app);
    await caller.post('/api/auth/login', { email, password: 'not-the-password' });
    await caller.post('/api/auth/login', { email, password: PASSWORD });
    const rows = await db(app).query<{ action: string; ip: string }[]>(
      `SELECT action, ip FROM audit_events WHERE practice_id = $1 AND action LIKE 'auth.login.%'
        ORDER BY created_at`,
      [me.practice.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'auth.login.success',
      'auth.login.failure',
      'auth.login.success',
    ]);
    for (const r of rows) expect(r.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
