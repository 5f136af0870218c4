import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MeResponse } from '@attune/shared';
import type { Response } from 'supertest';
import { PRIVATE_BODY } from '../src/notifications/notifications.service.js';
import { enrol } from './account-harness.js';
import {
  anonymous,
  bootApp,
  db,
  mailedLink,
  newClientUser,
  newMember,
  newPractice,
  PASSWORD,
  uniqueEmail,
  type Signed,
} from './harness.js';

const NEW_PASSWORD = 'a-brand-new-password';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('password reset by emailed link', () => {
  let app: NestFastifyApplication;
  let admin: Signed;
  beforeAll(async () => {
    app = await bootApp();
    admin = await newPractice(app);
  });
  afterAll(() => app.close());

  const ask = async (email: string) =>
    (await anonymous(app)).post('/api/auth/password-reset', { email });
  const tokenFrom = (link: string) => link.split('/reset-password/')[1]!;
  const resetLink = async (email: string) => {
    const res = await ask(email);
    expect(res.status).toBe(202);
    const link = await mailedLink(app, email, 'password_reset');
    if (!link) throw new Error(`no reset mail for ${email}`);
    return link;
  };

  it('mails a single-use link to a known address, keeping only its hash', async () => {
    const t = await newMember(app, admin.caller, ['therapist'], 'Rita Reset');
    const link = await resetLink(t.email);
    expect(link).toMatch(/^http:\/\/localhost:\d+\/reset-password\/[A-Za-z0-9_-]{43}$/);
    const token = tokenFrom(link);
    const [mail] = await db(app).query(
      `SELECT subject, body_text, practice_id FROM outbox_messages
        WHERE to_email = $1 AND kind = 'password_reset'`,
      [t.email],
    );
    expect(mail.subject).toBe('Choose a new password for Attune');
    expect(mail.body_text).toMatch(/^Hello Rita Reset,/);
    expect(mail.body_text).toMatch(/expires in 30 minutes/);
    expect(mail.practice_id).toBe(admin.me.practice.id);
    const [stored] = await db(app).query(
      `SELECT token_hash, extract(epoch FROM t.expires_at - t.created_at)::float8 AS ttl FROM password_reset_tokens t
         JOIN users u ON u.id = t.user_id WHERE u.email = $1`,
      [t.email],
    );
    expect(Buffer.from(stored.token_hash).toString('utf8')).not.toContain(token);
    expect(Buffer.from(stored.token_hash).length).toBe(32);
    // 30 minutes (the row's creation time and the expiry are read a moment apart).
    expect(Math.abs(stored.ttl - 1800)).toBeLessThan(5);
    const preview = await (await anonymous(app)).get(`/api/auth/password-reset/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body.email).toBe(t.email);
  });

  it('answers an unknown address exactly like a known one, in about the same time, and mails nobody', async () => {
    const t = await newMember(app, admin.caller);
    const nobody = uniqueEmail('nobody');
    const known: Response[] = [];
    const unknown: Response[] = [];
    const tk: number[] = [];
    const tu: number[] = [];
    for (let i = 0; i < 3; i++) {
      let at = Date.now();
      known.push(await ask(t.email));
      tk.push(Date.now() - at);
      at = Date.now();
      unknown.push(await ask(nobody));
      tu.push(Date.now() - at);
    }
    for (const r of [...known, ...unknown]) {
      expect(r.status).toBe(202);
      expect(r.body).toEqual(known[0]!.body);
      expect(String(r.headers['set-cookie'] ?? '')).not.toContain('attune_session');
    }
    expect(known[0]!.body.message).toMatch(/If that email address belongs to an Attune account/);
    // Every answer waits for the same floor, whatever work was done behind it.
    for (const ms of [...tk, ...tu]) expect(ms).toBeGreaterThanOrEqual(340);
    expect(Math.abs(median(tk) - median(tu))).toBeLessThan(150);
    const [{ n }] = await db(app).query(
      'SELECT count(*)::int AS n FROM outbox_messages WHERE to_email = $1',
      [nobody],
    );
    expect(n).toBe(0);
    const audit = await db(app).query(
      `SELECT meta FROM audit_events WHERE action = 'auth.password_reset.request'
        AND meta->>'email' = $1`,
      [nobody],
    );
    expect(audit).toHaveLength(3);
    expect(audit[0].meta.known).toBe(false);
  });

  it('sets the new password, signs every session out, and signs this browser in', async () => {
    const t = await newMember(app, admin.caller);
    const elsewhere = await anonymous(app);
    await elsewhere.login(t.email);
    const token = tokenFrom(await resetLink(t.email));
    const browser = await anonymous(app);
    const res = await browser.post(`/api/auth/password-reset/${token}`, {
      password: NEW_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect((res.body as MeResponse).user.email).toBe(t.email);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    // Every session that existed before is over: the invited one and the other device.
    expect((await t.caller.get('/api/auth/me')).status).toBe(401);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    const fresh = await anonymous(app);
    expect(
      (await fresh.post('/api/auth/login', { email: t.email, password: PASSWORD })).status,
    ).toBe(401);
    await fresh.login(t.email, NEW_PASSWORD);
    const events = await db(app).query(
      `SELECT action, meta FROM audit_events WHERE actor_user_id = $1
        AND action IN ('auth.password_reset.complete', 'auth.login.success') ORDER BY created_at`,
      [t.me.user.id],
    );
    // Accepting the invitation, the other device, the reset, then the new password.
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'auth.login.success',
      'auth.login.success',
      'auth.password_reset.complete',
      'auth.login.success',
      'auth.login.success',
    ]);
    expect(events[3].meta.how).toBe('password_reset');
  });

  it('a used link, an expired one and a replaced one all answer 404 reset_link_gone', async () => {
    const t = await newMember(app, admin.caller);
    const used = tokenFrom(await resetLink(t.email));
    const anon = await anonymous(app);
    expect(
      (await anon.post(`/api/auth/password-reset/${used}`, { password: NEW_PASSWORD })).status,
    ).toBe(200);
    const again = await (
      await anonymous(app)
    ).post(`/api/auth/password-reset/${used}`, {
      password: 'yet-another-password',
    });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('reset_link_gone');
    expect(again.body.message).toMatch(/expired or was already used/);
    // The password is the one the first use set.
    await (await anonymous(app)).login(t.email, NEW_PASSWORD);

    const expired = tokenFrom(await resetLink(t.email));
    await db(app).query(
      `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second'
        WHERE user_id = $1 AND used_at IS NULL`,
      [t.me.user.id],
    );
    for (const res of [
      await (await anonymous(app)).get(`/api/auth/password-reset/${expired}`),
      await (
        await anonymous(app)
      ).post(`/api/auth/password-reset/${expired}`, {
        password: 'yet-another-password',
      }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('reset_link_gone');
    }

    const older = tokenFrom(await resetLink(t.email));
    const newer = tokenFrom(await resetLink(t.email));
    expect(newer).not.toBe(older);
    expect((await (await anonymous(app)).get(`/api/auth/password-reset/${older}`)).status).toBe(
      404,
    );
    expect((await (await anonymous(app)).get(`/api/auth/password-reset/${newer}`)).status).toBe(
      200,
    );
    expect((await (await anonymous(app)).get('/api/auth/password-reset/not-a-token')).status).toBe(
      404,
    );
  });

  it('two uses of one link at once: exactly one wins', async () => {
    const t = await newMember(app, admin.caller);
    const token = tokenFrom(await resetLink(t.email));
    const callers = await Promise.all([anonymous(app), anonymous(app), anonymous(app)]);
    const answers = await Promise.all(
      callers.map((c, i) =>
        c.post(`/api/auth/password-reset/${token}`, { password: `parallel-password-${i}` }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404, 404]);
  });

  it('answers 400 naming the field for bad input', async () => {
    const anon = await anonymous(app);
    const bad = await anon.post('/api/auth/password-reset', { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('email');
    const extra = await anon.post('/api/auth/password-reset', {
      email: 'a@example.org',
      admin: true,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.fields).toHaveProperty('admin');
    const t = await newMember(app, admin.caller);
    const token = tokenFrom(await resetLink(t.email));
    const short = await anon.post(`/api/auth/password-reset/${token}`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.fields.password).toMatch(/at least 12 characters/);
    // The link still works after a refused attempt.
    expect((await anon.get(`/api/auth/password-reset/${token}`)).status).toBe(200);
  });

  it('is throttled like sign-in, the same for known and unknown addresses', async () => {
    const t = await newMember(app, admin.caller);
    const nobody = uniqueEmail('nobody');
    for (let i = 0; i < 5; i++) {
      expect((await ask(t.email)).status).toBe(202);
      expect((await ask(nobody)).status).toBe(202);
    }
    const known = await ask(t.email);
    const unknown = await ask(nobody);
    for (const r of [known, unknown]) {
      expect(r.status).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(14);
      expect(r.body.message).toMatch(/please wait 1[45] seconds/);
    }
    // The same answer but for the seconds left to wait (one asked a moment after the other).
    const digitless = (r: Response) => JSON.stringify(r.body).replace(/\d+/g, 'N');
    expect(digitless(known)).toEqual(digitless(unknown));
    const [{ n }] = await db(app).query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.password_reset.throttled'
        AND meta->>'email' IN ($1, $2)`,
      [t.email, nobody],
    );
    expect(n).toBe(2);
  });

  it('sends nothing for a deactivated login; works for clients too', async () => {
    const t = await newMember(app, admin.caller);
    await admin.caller.patch(`/api/members/${t.me.memberId}`, { active: false });
    expect((await ask(t.email)).status).toBe(202);
    expect(await mailedLink(app, t.email, 'password_reset')).toBeNull();

    const c = await newClientUser(app, admin.caller);
    const token = tokenFrom(await resetLink(c.email));
    const res = await (
      await anonymous(app)
    ).post(`/api/auth/password-reset/${token}`, {
      password: NEW_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['client']);
  });

  it('with a second step, the reset signs in only up to the code', async () => {
    const t = await newMember(app, admin.caller);
    await enrol(t.caller);
    const token = tokenFrom(await resetLink(t.email));
    const browser = await anonymous(app);
    const res = await browser.post(`/api/auth/password-reset/${token}`, {
      password: NEW_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mfaRequired: true, message: expect.stringMatching(/code/) });
    const me = await browser.get('/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('mfa_required');
  });

  it('the development mailbox shows the link to admins; with SMTP set up it never does', async () => {
    const t = await newMember(app, admin.caller);
    await resetLink(t.email);
    const dev = await admin.caller.get('/api/mailbox');
    const devMail = dev.body.find(
      (m: { to: string; kind: string }) => m.to === t.email && m.kind === 'password_reset',
    );
    expect(devMail.text).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}/);

    const smtpApp = await bootApp({ smtpUrl: 'smtp://mail.invalid:2525' });
    try {
      const other = await newPractice(smtpApp);
      const m = await newMember(smtpApp, other.caller);
      expect(
        (await (await anonymous(smtpApp)).post('/api/auth/password-reset', { email: m.email }))
          .status,
      ).toBe(202);
      const box = await other.caller.get('/api/mailbox');
      const mail = box.body.find(
        (x: { to: string; kind: string }) => x.to === m.email && x.kind === 'password_reset',
      );
      expect(mail.subject).toBe('Choose a new password for Attune');
      expect(mail.text).toBe(PRIVATE_BODY);
      expect(JSON.stringify(box.body)).not.toMatch(/reset-password\//);
      // Other mail is shown as before.
      expect(
        box.body.some(
          (x: { kind: string; text: string }) =>
            x.kind === 'invitation' && /\/invite\//.test(x.text),
        ),
      ).toBe(true);
    } finally {
      await smtpApp.close();
    }
  });
});
