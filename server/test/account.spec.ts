import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LoginSessionSummary } from '@attune/shared';
import request from 'supertest';
import {
  anonymous,
  bootApp,
  type Caller,
  db,
  newMember,
  newPractice,
  PASSWORD,
  type Signed,
} from './harness.js';

const MAC_CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const NEW_PASSWORD = 'a-fresh-long-password';

/** Signs a new browser in as `email`, saying it is `userAgent`. */
async function device(app: NestFastifyApplication, email: string, userAgent: string) {
  const caller = await anonymous(app);
  const res = await caller
    .post('/api/auth/login', { email, password: PASSWORD })
    .set('user-agent', userAgent);
  expect(res.status).toBe(200);
  return caller;
}

/** The session cookie a caller holds now. */
function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  return ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith('attune_session='))
    ?.split(';')[0];
}

describe('account: change password and "Signed in on"', () => {
  let app: NestFastifyApplication;
  let admin: Signed;
  beforeAll(async () => {
    app = await bootApp();
    admin = await newPractice(app);
  });
  afterAll(() => app.close());

  describe('change password', () => {
    it('needs the current password: 400 naming currentPassword, audited', async () => {
      const t = await newMember(app, admin.caller);
      const res = await t.caller.post('/api/auth/password', {
        currentPassword: 'not-my-password',
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('current_password_wrong');
      expect(res.body.fields.currentPassword).toMatch(/isn't your current password/);
      const [{ n }] = await db(app).query(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action = 'auth.password.change.failure' AND actor_user_id = $1`,
        [t.me.user.id],
      );
      expect(n).toBe(1);
      // Unchanged.
      await (await anonymous(app)).login(t.email);
    });

    it('ends every other session and keeps this one going with a new token', async () => {
      const t = await newMember(app, admin.caller);
      const phone = await device(app, t.email, IPHONE);
      // The cookie this browser holds before the change (the invitation's session is left behind).
      const oldCookie = sessionCookie(
        await t.caller.post('/api/auth/login', { email: t.email, password: PASSWORD }),
      )!;
      const res = await t.caller.post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ otherSessionsEnded: 2 });
      const newCookie = sessionCookie(res);
      expect(newCookie).toBeDefined();
      expect(newCookie).not.toBe(oldCookie);
      // This browser goes on; the phone and the first (invitation) session are out.
      expect((await t.caller.get('/api/auth/me')).status).toBe(200);
      expect((await phone.get('/api/auth/me')).status).toBe(401);
      // Whoever copied the old cookie holds nothing.
      const stolen = await request(app.getHttpServer())
        .get('/api/auth/me')
        .set('Cookie', oldCookie);
      expect(stolen.status).toBe(401);
      // Only the new password works, and the owner is told by email.
      expect(
        (
          await (
            await anonymous(app)
          ).post('/api/auth/login', { email: t.email, password: PASSWORD })
        ).status,
      ).toBe(401);
      await (await anonymous(app)).login(t.email, NEW_PASSWORD);
      const [mail] = await db(app).query(
        `SELECT subject FROM outbox_messages WHERE to_email = $1 AND kind = 'password_changed'`,
        [t.email],
      );
      expect(mail.subject).toBe('Your Attune password was changed');
      const [event] = await db(app).query(
        `SELECT meta FROM audit_events WHERE action = 'auth.password.change' AND actor_user_id = $1`,
        [t.me.user.id],
      );
      expect(event.meta).toEqual({ otherSessionsEnded: 2 });
    });

    it('bad input: 400 naming the field; the same password again is refused', async () => {
      const t = await newMember(app, admin.caller);
      const short = await t.caller.post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'short',
      });
      expect(short.status).toBe(400);
      expect(short.body.fields.newPassword).toMatch(/at least 12/);
      const missing = await t.caller.post('/api/auth/password', { newPassword: NEW_PASSWORD });
      expect(missing.status).toBe(400);
      expect(missing.body.fields).toHaveProperty('currentPassword');
      const same = await t.caller.post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: PASSWORD,
      });
      expect(same.status).toBe(400);
      expect(same.body.fields.newPassword).toMatch(/different/);
    });

    it('counts wrong current passwords like sign-in attempts (429 after 5)', async () => {
      const t = await newMember(app, admin.caller);
      for (let i = 0; i < 5; i++)
        expect(
          (
            await t.caller.post('/api/auth/password', {
              currentPassword: `wrong-${i}-password`,
              newPassword: NEW_PASSWORD,
            })
          ).status,
        ).toBe(400);
      const locked = await t.caller.post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(14);
    });

    it('no session: 401', async () => {
      const res = await (
        await anonymous(app)
      ).post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(401);
    });
  });

  describe('"Signed in on": sessions', () => {
    let t: Signed;
    let mac: Caller;
    let phone: Caller;
    beforeEach(async () => {
      t = await newMember(app, admin.caller);
      mac = await device(app, t.email, MAC_CHROME);
      phone = await device(app, t.email, IPHONE);
    });

    it('lists each device in plain words with times, this one marked, and no address or place', async () => {
      const res = await mac.get('/api/auth/sessions');
      expect(res.status).toBe(200);
      const list = res.body as LoginSessionSummary[];
      expect(list).toHaveLength(3);
      expect(list.filter((s) => s.current)).toHaveLength(1);
      expect(list.find((s) => s.current)!.device).toBe('Chrome on macOS');
      expect(list.map((s) => s.device).sort()).toEqual(
        ['Chrome on macOS', 'Safari on iPhone', 'Unknown device'].sort(),
      );
      for (const s of list) {
        expect(Object.keys(s).sort()).toEqual(
          ['assurance', 'current', 'device', 'deviceType', 'id', 'lastSeenAt', 'signedInAt'].sort(),
        );
        expect(new Date(s.lastSeenAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      }
      expect(JSON.stringify(list)).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
    });

    it("signs out one session; a second time or someone else's answers 404", async () => {
      const list = (await mac.get('/api/auth/sessions')).body as LoginSessionSummary[];
      const phoneSession = list.find((s) => s.device === 'Safari on iPhone')!;
      const res = await mac.req('delete', `/api/auth/sessions/${phoneSession.id}`);
      expect(res.status).toBe(204);
      expect((await phone.get('/api/auth/me')).status).toBe(401);
      expect((await mac.get('/api/auth/me')).status).toBe(200);
      expect((await mac.req('delete', `/api/auth/sessions/${phoneSession.id}`)).status).toBe(404);
      // Another person's session is not theirs to end (and does not exist, as far as they know).
      const adminSessions = (await admin.caller.get('/api/auth/sessions'))
        .body as LoginSessionSummary[];
      const foreign = await mac.req('delete', `/api/auth/sessions/${adminSessions[0]!.id}`);
      expect(foreign.status).toBe(404);
      expect((await admin.caller.get('/api/auth/me')).status).toBe(200);
      const [event] = await db(app).query(
        `SELECT entity_id, meta FROM audit_events WHERE action = 'auth.session.revoke' AND actor_user_id = $1`,
        [t.me.user.id],
      );
      expect(event).toEqual({ entity_id: phoneSession.id, meta: { current: false } });
    });

    it('signs out every other session at once', async () => {
      const res = await mac.post('/api/auth/sessions/sign-out-others');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ended: 2 });
      expect((await phone.get('/api/auth/me')).status).toBe(401);
      expect((await t.caller.get('/api/auth/me')).status).toBe(401);
      const left = (await mac.get('/api/auth/sessions')).body as LoginSessionSummary[];
      expect(left.map((s) => s.current)).toEqual([true]);
    });

    it('signing out this session is signing out', async () => {
      const list = (await mac.get('/api/auth/sessions')).body as LoginSessionSummary[];
      const mine = list.find((s) => s.current)!;
      expect((await mac.req('delete', `/api/auth/sessions/${mine.id}`)).status).toBe(204);
      expect((await mac.get('/api/auth/me')).status).toBe(401);
    });

    it('no session 401, bad id 400 naming it', async () => {
      const anon = await anonymous(app);
      expect((await anon.get('/api/auth/sessions')).status).toBe(401);
      expect((await anon.post('/api/auth/sessions/sign-out-others')).status).toBe(401);
      const bad = await mac.req('delete', '/api/auth/sessions/not-a-uuid');
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toHaveProperty('id');
    });
  });
});
