import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  anonymous,
  bootApp,
  db,
  newMember,
  newPractice,
  PASSWORD,
  uniqueEmail,
} from './harness.js';

describe('auth: sign-in, sessions, CSRF, lockout', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app.close());

  it('signs in with a secure session cookie whose token is stored only as a hash', async () => {
    const { email, me } = await newPractice(app);
    const caller = await anonymous(app);
    const res = await caller.post('/api/auth/login', {
      email: email.toUpperCase(),
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(email);
    expect(res.body.roles).toEqual(['admin']);
    expect(res.body.practice.id).toBe(me.practice.id);
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('attune_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const rows = await db(app).query(
      'SELECT count(*)::int AS n FROM auth_sessions WHERE token_hash::text LIKE $1',
      [`%${Buffer.from(token).toString('hex')}%`],
    );
    expect(rows[0].n).toBe(0);
    const me2 = await caller.get('/api/auth/me');
    expect(me2.status).toBe(200);
    expect(me2.body.user.email).toBe(email);
  });

  it('stores argon2id hashes with m=19 MiB, t=2, p=1', async () => {
    const { email } = await newPractice(app);
    const [row] = await db(app).query('SELECT password_hash FROM users WHERE email = $1', [email]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('rejects a wrong password with 401 and audits success and failure', async () => {
    const { email, me } = await newPractice(app);
    const caller = await anonymous(app);
    const bad = await caller.post('/api/auth/login', { email, password: 'not-the-right-one' });
    expect(bad.status).toBe(401);
    expect(bad.body.message).toMatch(/don't match/);
    await caller.login(email);
    const events = await db(app).query(
      `SELECT action FROM audit_events WHERE practice_id = $1 AND action LIKE 'auth.login.%' ORDER BY created_at`,
      [me.practice.id],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'auth.login.success',
      'auth.login.failure',
      'auth.login.success',
    ]);
  });

  it('answers 400 naming the field for a malformed login body', async () => {
    const caller = await anonymous(app);
    const res = await caller.post('/api/auth/login', { email: 'not-an-email', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('email');
    const extra = await caller.post('/api/auth/login', {
      email: 'a@example.org',
      password: 'x',
      admin: true,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.fields).toHaveProperty('admin');
  });

  it('pauses an account with 429 and Retry-After after 5 failures, even with the right password', async () => {
    const { email } = await newPractice(app);
    const caller = await anonymous(app);
    for (let i = 0; i < 5; i++) {
      expect(
        (await caller.post('/api/auth/login', { email, password: `wrong-${i}-password` })).status,
      ).toBe(401);
    }
    const locked = await caller.post('/api/auth/login', { email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(14);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15);
    expect(locked.body.message).toMatch(/please wait 1[45] seconds/);
  });

  it('treats an unknown email like a wrong password (no account probing)', async () => {
    const caller = await anonymous(app);
    const res = await caller.post('/api/auth/login', {
      email: uniqueEmail('nobody'),
      password: PASSWORD,
    });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/don't match/);
  });

  it('refuses state-changing requests without the XSRF header', async () => {
    const { email } = await newPractice(app);
    const caller = await anonymous(app);
    const res = await caller.agent.post('/api/auth/login').send({ email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/security token/);
    const wrong = await caller.agent
      .post('/api/auth/login')
      .set('x-xsrf-token', 'forged')
      .send({ email, password: PASSWORD });
    expect(wrong.status).toBe(403);
  });

  it('logout revokes the session at once, and is idempotent', async () => {
    const { caller } = await newPractice(app);
    expect((await caller.get('/api/auth/me')).status).toBe(200);
    expect((await caller.post('/api/auth/logout')).status).toBe(204);
    expect((await caller.get('/api/auth/me')).status).toBe(401);
    expect((await caller.post('/api/auth/logout')).status).toBe(204);
  });

  it('expires sessions after 15 idle minutes and after 12 hours in any case', async () => {
    const idle = await newPractice(app);
    await db(app).query(
      `UPDATE auth_sessions SET last_seen_at = now() - interval '16 minutes'
        WHERE user_id = $1`,
      [idle.me.user.id],
    );
    expect((await idle.caller.get('/api/auth/me')).status).toBe(401);

    const old = await newPractice(app);
    await db(app).query(
      `UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [old.me.user.id],
    );
    expect((await old.caller.get('/api/auth/me')).status).toBe(401);
  });

  it('ends every session of a deactivated member immediately', async () => {
    const admin = await newPractice(app);
    const therapist = await newMember(app, admin.caller);
    expect((await therapist.caller.get('/api/auth/me')).status).toBe(200);
    const res = await admin.caller.patch(`/api/members/${therapist.me.memberId}`, {
      active: false,
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toBe('disabled');
    expect((await therapist.caller.get('/api/auth/me')).status).toBe(401);
    const again = await anonymous(app);
    expect(
      (await again.post('/api/auth/login', { email: therapist.email, password: PASSWORD })).status,
    ).toBe(401);
  });
});
