import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LoginSessionSummary, MeResponse, MfaStatus, TotpEnrolment } from '@attune/shared';
import { enrol, nextStep, staleStepUp, totp } from './account-harness.js';
import {
  anonymous,
  bootApp,
  type Caller,
  countQueries,
  db,
  newClientUser,
  newMember,
  newPractice,
  PASSWORD,
  type Signed,
} from './harness.js';

describe('the second step: TOTP, recovery codes, practice requirement, step-up', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app.close());

  const actions = async (userId: string, like: string) =>
    (
      await db(app).query<{ action: string; meta: Record<string, unknown> }[]>(
        `SELECT action, meta FROM audit_events WHERE actor_user_id = $1 AND action LIKE $2
          ORDER BY created_at, action`,
        [userId, like],
      )
    ).map((e): Record<string, unknown> & { action: string } => ({ ...e.meta, action: e.action }));

  /** Password first: a new browser whose sign-in waits for its code. */
  async function passwordStep(email: string): Promise<Caller> {
    const c = await anonymous(app);
    const res = await c.post('/api/auth/login', { email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mfaRequired: true, message: expect.stringMatching(/code/) });
    return c;
  }

  describe('enrolment', () => {
    it('gives a secret and a locally drawn QR code, confirms with a code, and shows ten recovery codes once', async () => {
      const admin = await newPractice(app);
      const start = await admin.caller.post('/api/auth/mfa/totp');
      expect(start.status).toBe(201);
      const e = start.body as TotpEnrolment;
      expect(e.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(e.otpauthUrl).toContain(`secret=${e.secret}`);
      expect(e.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(e.accountName).toBe(admin.email);
      // Kept encrypted: the database alone does not hold the secret.
      const [row] = await db(app).query(
        'SELECT secret_ciphertext, confirmed_at FROM user_mfa WHERE user_id = $1',
        [admin.me.user.id],
      );
      expect(Buffer.from(row.secret_ciphertext).toString('latin1')).not.toContain(e.secret);
      expect(row.confirmed_at).toBeNull();

      const wrong = await admin.caller.post('/api/auth/mfa/totp/verify', { code: '000000' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('mfa_code_invalid');
      expect(wrong.body.fields).toHaveProperty('code');
      expect((await admin.caller.get('/api/auth/me')).body.mfa).toEqual({
        enabled: false,
        setupRequired: false,
      });

      const ok = await admin.caller.post('/api/auth/mfa/totp/verify', {
        code: await totp(e.secret),
      });
      expect(ok.status).toBe(200);
      const codes = ok.body.recoveryCodes as string[];
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      const stored = await db(app).query(
        'SELECT code_hash FROM mfa_recovery_codes WHERE user_id = $1',
        [admin.me.user.id],
      );
      expect(stored).toHaveLength(10);
      for (const s of stored)
        for (const c of codes) expect(Buffer.from(s.code_hash).toString('latin1')).not.toContain(c);

      const status = (await admin.caller.get('/api/auth/mfa')).body as MfaStatus;
      expect(status).toMatchObject({ enabled: true, required: false, recoveryCodesLeft: 10 });
      expect((await admin.caller.get('/api/auth/me')).body.mfa.enabled).toBe(true);
      const sessions = (await admin.caller.get('/api/auth/sessions')).body as LoginSessionSummary[];
      expect(sessions.map((s) => s.assurance)).toEqual(['mfa']);
      // Started again once confirmed: refused.
      expect((await admin.caller.post('/api/auth/mfa/totp')).status).toBe(409);
      expect(await actions(admin.me.user.id, 'auth.mfa.%')).toEqual([
        { action: 'auth.mfa.enrol.start' },
        { action: 'auth.mfa.failure', purpose: 'enrol', method: 'totp', reason: 'wrong_code' },
        { action: 'auth.mfa.enrol.confirm', otherSessionsEnded: 0 },
      ]);
    });

    it('turning it on signs out the other devices', async () => {
      const admin = await newPractice(app);
      const other = await anonymous(app);
      await other.login(admin.email);
      await enrol(admin.caller);
      expect((await other.get('/api/auth/me')).status).toBe(401);
      expect((await admin.caller.get('/api/auth/me')).status).toBe(200);
    });

    it('clients may turn it on for themselves', async () => {
      const admin = await newPractice(app);
      const client = await newClientUser(app, admin.caller);
      const { secret } = await enrol(client.caller);
      const c = await passwordStep(client.email);
      await nextStep(app, client.me.user.id);
      const done = await c.post('/api/auth/mfa/challenge', { code: await totp(secret) });
      expect(done.status).toBe(200);
      expect((done.body as MeResponse).roles).toEqual(['client']);
    });
  });

  describe('signing in in two steps', () => {
    let admin: Signed;
    let secret: string;
    let recoveryCodes: string[];
    beforeAll(async () => {
      admin = await newPractice(app);
      ({ secret, recoveryCodes } = await enrol(admin.caller));
    });
    beforeEach(() => nextStep(app, admin.me.user.id));

    it('the password alone reaches nothing; the code finishes the sign-in', async () => {
      const c = await passwordStep(admin.email);
      const me = await c.get('/api/auth/me');
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('mfa_required');
      expect((await c.get('/api/clients')).status).toBe(401);
      expect((await c.get('/api/auth/sessions')).status).toBe(401);
      // Not listed among the places the admin is signed in.
      const listed = (await admin.caller.get('/api/auth/sessions')).body as LoginSessionSummary[];
      expect(listed).toHaveLength(1);

      const wrong = await c.post('/api/auth/mfa/challenge', { code: '123456' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('mfa_code_invalid');
      const ok = await c.post('/api/auth/mfa/challenge', { code: await totp(secret) });
      expect(ok.status).toBe(200);
      expect((ok.body as MeResponse).user.email).toBe(admin.email);
      expect((await c.get('/api/clients')).status).toBe(200);
      const mine = ((await c.get('/api/auth/sessions')).body as LoginSessionSummary[]).find(
        (s) => s.current,
      )!;
      expect(mine.assurance).toBe('mfa');
    });

    it('refuses a code used a moment ago (replay), even from another browser', async () => {
      const code = await totp(secret);
      const first = await passwordStep(admin.email);
      expect((await first.post('/api/auth/mfa/challenge', { code })).status).toBe(200);
      const second = await passwordStep(admin.email);
      const replay = await second.post('/api/auth/mfa/challenge', { code });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('mfa_code_used');
      expect(replay.body.message).toMatch(/next code/);
      // An older code than the one used is refused too.
      const older = await second.post('/api/auth/mfa/challenge', { code: await totp(secret, -30) });
      expect(older.status).toBe(401);
      const failures = await actions(admin.me.user.id, 'auth.mfa.failure');
      expect(failures.slice(-2).map((f) => f.reason)).toEqual(['replayed', 'replayed']);
    });

    it('two browsers racing with the same code: only one gets in', async () => {
      const code = await totp(secret);
      const [a, b] = await Promise.all([passwordStep(admin.email), passwordStep(admin.email)]);
      const answers = await Promise.all([
        a.post('/api/auth/mfa/challenge', { code }),
        b.post('/api/auth/mfa/challenge', { code }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('a recovery code works once; used twice it is refused', async () => {
      const code = recoveryCodes[0]!;
      const a = await passwordStep(admin.email);
      const first = await a.post('/api/auth/mfa/challenge', { code: code.toUpperCase() });
      expect(first.status).toBe(200);
      const b = await passwordStep(admin.email);
      const again = await b.post('/api/auth/mfa/challenge', { code });
      expect(again.status).toBe(401);
      expect(again.body.code).toBe('mfa_code_invalid');
      expect(again.body.message).toMatch(/works once/);
      expect(((await a.get('/api/auth/mfa')).body as MfaStatus).recoveryCodesLeft).toBe(9);
      const used = await actions(admin.me.user.id, 'auth.mfa.recovery_code.used');
      expect(used).toEqual([{ action: 'auth.mfa.recovery_code.used', purpose: 'sign_in' }]);
    });

    it('new recovery codes for a fresh code from the app; the old ones stop working', async () => {
      const wrong = await admin.caller.post('/api/auth/mfa/recovery-codes', { code: '000000' });
      expect(wrong.status).toBe(401);
      // A recovery code cannot make new recovery codes.
      expect(
        (await admin.caller.post('/api/auth/mfa/recovery-codes', { code: recoveryCodes[1] }))
          .status,
      ).toBe(401);
      await nextStep(app, admin.me.user.id);
      const res = await admin.caller.post('/api/auth/mfa/recovery-codes', {
        code: await totp(secret),
      });
      expect(res.status).toBe(200);
      const fresh = res.body.recoveryCodes as string[];
      expect(fresh).toHaveLength(10);
      expect(fresh).not.toContain(recoveryCodes[2]);
      const old = await passwordStep(admin.email);
      expect((await old.post('/api/auth/mfa/challenge', { code: recoveryCodes[2] })).status).toBe(
        401,
      );
      const now = await passwordStep(admin.email);
      expect((await now.post('/api/auth/mfa/challenge', { code: fresh[0] })).status).toBe(200);
      recoveryCodes = fresh.slice(1);
    });

    it('the code step is throttled like sign-in: 429 after 5 wrong codes, even for the right one', async () => {
      const t = await newMember(app, admin.caller);
      const { secret: s } = await enrol(t.caller);
      await nextStep(app, t.me.user.id);
      const c = await passwordStep(t.email);
      for (let i = 0; i < 5; i++)
        expect((await c.post('/api/auth/mfa/challenge', { code: `00000${i}` })).status).toBe(401);
      const locked = await c.post('/api/auth/mfa/challenge', { code: await totp(s) });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(14);
      expect(await actions(t.me.user.id, 'auth.mfa.throttled')).toHaveLength(1);
    });

    it('bad input: 400 naming the code', async () => {
      const c = await passwordStep(admin.email);
      const missing = await c.post('/api/auth/mfa/challenge', {});
      expect(missing.status).toBe(400);
      expect(missing.body.fields).toHaveProperty('code');
      const long = await c.post('/api/auth/mfa/challenge', { code: '1'.repeat(100) });
      expect(long.status).toBe(400);
      expect(long.body.fields.code).toMatch(/at most 32/);
      const wrongType = await c.post('/api/auth/mfa/challenge', { code: 123456 });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.fields).toHaveProperty('code');
    });
  });

  describe('the practice requires a second step for staff', () => {
    it('an admin sets up their own first; then staff without one must set it up before anything else', async () => {
      const admin = await newPractice(app, { therapist: true });
      const t = await newMember(app, admin.caller);
      const client = await newClientUser(app, t.caller);

      const early = await admin.caller.patch('/api/practice', { requireStaffMfa: true });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('mfa_enrol_first');
      await enrol(admin.caller);
      const on = await admin.caller.patch('/api/practice', { requireStaffMfa: true });
      expect(on.status).toBe(200);
      expect(on.body.requireStaffMfa).toBe(true);

      // The therapist, already signed in, is held at the set-up step.
      const blocked = await t.caller.get('/api/clients');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('mfa_setup_required');
      const me = await t.caller.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.mfa).toEqual({ enabled: false, setupRequired: true });
      // Signing in again changes nothing until it is set up.
      const again = await anonymous(app);
      const login = await again.post('/api/auth/login', { email: t.email, password: PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.mfa).toEqual({ enabled: false, setupRequired: true });
      expect((await again.get('/api/dashboard')).status).toBe(403);
      // Clients are not staff: untouched.
      expect((await client.caller.get('/api/dashboard')).status).toBe(200);

      const { secret } = await enrol(again);
      expect((await again.get('/api/clients')).status).toBe(200);
      expect((await again.get('/api/auth/me')).body.mfa).toEqual({
        enabled: true,
        setupRequired: false,
      });
      // It cannot be turned off while the practice requires it.
      const off = await again.req('delete', '/api/auth/mfa');
      expect(off.status).toBe(409);
      expect(off.body.code).toBe('mfa_required_by_practice');
      // Next time: password, then a fresh code.
      await nextStep(app, t.me.user.id);
      const next = await passwordStep(t.email);
      expect(
        (await next.post('/api/auth/mfa/challenge', { code: await totp(secret) })).status,
      ).toBe(200);
      expect((await next.get('/api/clients')).status).toBe(200);
    });

    it('only admins change the setting; bad input names the field', async () => {
      const admin = await newPractice(app);
      const t = await newMember(app, admin.caller);
      expect((await t.caller.patch('/api/practice', { requireStaffMfa: true })).status).toBe(403);
      const bad = await admin.caller.patch('/api/practice', { requireStaffMfa: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toHaveProperty('requireStaffMfa');
      expect((await (await anonymous(app)).patch('/api/practice', {})).status).toBe(401);
    });
  });

  describe('step-up', () => {
    let admin: Signed;
    let secret: string;
    let t: Signed;
    beforeAll(async () => {
      admin = await newPractice(app, { therapist: true });
      ({ secret } = await enrol(admin.caller));
      t = await newMember(app, admin.caller);
    });

    it('a role change needs a code within the last 10 minutes: 403 step_up_required, then retry', async () => {
      await staleStepUp(app, admin.me.user.id);
      const change = () =>
        admin.caller.patch(`/api/members/${t.me.memberId}`, { roles: ['therapist', 'admin'] });
      const refused = await change();
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('step_up_required');
      // Nothing changed.
      const [row] = await db(app).query('SELECT roles FROM memberships WHERE id = $1', [
        t.me.memberId,
      ]);
      expect(row.roles).toEqual(['therapist']);
      // Other member changes do not ask for it.
      expect(
        (await admin.caller.patch(`/api/members/${t.me.memberId}`, { active: true })).status,
      ).toBe(200);

      await nextStep(app, admin.me.user.id);
      const wrong = await admin.caller.post('/api/auth/mfa/challenge', { code: '000000' });
      expect(wrong.status).toBe(401);
      const up = await admin.caller.post('/api/auth/mfa/challenge', { code: await totp(secret) });
      expect(up.status).toBe(200);
      const retried = await change();
      expect(retried.status).toBe(200);
      expect(retried.body.roles).toEqual(['therapist', 'admin']);
      const steps = await actions(admin.me.user.id, 'auth.mfa.success');
      expect(steps.at(-1)).toEqual({
        action: 'auth.mfa.success',
        purpose: 'step_up',
        method: 'totp',
      });
      await admin.caller.patch(`/api/members/${t.me.memberId}`, { roles: ['therapist'] });
    });

    it('an admin without a second step is not asked for one', async () => {
      const other = await newPractice(app);
      const m = await newMember(app, other.caller);
      expect(
        (await other.caller.patch(`/api/members/${m.me.memberId}`, { roles: ['admin'] })).status,
      ).toBe(200);
    });

    it('turning off your own second step needs a step-up, and tells you by email', async () => {
      const m = await newMember(app, admin.caller);
      const { secret: s } = await enrol(m.caller);
      await staleStepUp(app, m.me.user.id);
      expect((await m.caller.req('delete', '/api/auth/mfa')).body.code).toBe('step_up_required');
      await nextStep(app, m.me.user.id);
      expect((await m.caller.post('/api/auth/mfa/challenge', { code: await totp(s) })).status).toBe(
        200,
      );
      expect((await m.caller.req('delete', '/api/auth/mfa')).status).toBe(204);
      expect(((await m.caller.get('/api/auth/mfa')).body as MfaStatus).enabled).toBe(false);
      // The password alone signs in again.
      const c = await anonymous(app);
      expect((await c.login(m.email)).user.email).toBe(m.email);
      const [mail] = await db(app).query(
        `SELECT subject FROM outbox_messages WHERE to_email = $1 AND kind = 'mfa_disabled'`,
        [m.email],
      );
      expect(mail.subject).toBe('Your second sign-in step is off');
    });
  });

  describe("an admin resets a member's second step", () => {
    let admin: Signed;
    let secret: string;
    let t: Signed;
    beforeAll(async () => {
      admin = await newPractice(app);
      ({ secret } = await enrol(admin.caller));
      t = await newMember(app, admin.caller);
      await enrol(t.caller);
    });

    it("needs the admin's own step-up; signs the member out; is audited and mailed", async () => {
      await staleStepUp(app, admin.me.user.id);
      const reset = () => admin.caller.req('delete', `/api/members/${t.me.memberId}/mfa`);
      expect((await reset()).body.code).toBe('step_up_required');
      await nextStep(app, admin.me.user.id);
      await admin.caller.post('/api/auth/mfa/challenge', { code: await totp(secret) });
      const res = await reset();
      expect(res.status).toBe(204);
      expect((await t.caller.get('/api/auth/me')).status).toBe(401);
      // The password alone signs them in now.
      const c = await anonymous(app);
      expect((await c.login(t.email)).user.email).toBe(t.email);
      const [event] = await db(app).query(
        `SELECT entity_type, entity_id, meta FROM audit_events
          WHERE action = 'auth.mfa.reset' AND actor_user_id = $1`,
        [admin.me.user.id],
      );
      expect(event).toEqual({
        entity_type: 'membership',
        entity_id: t.me.memberId,
        meta: { userId: t.me.user.id },
      });
      const [mail] = await db(app).query(
        `SELECT body_text FROM outbox_messages WHERE to_email = $1 AND kind = 'mfa_reset'`,
        [t.email],
      );
      expect(mail.body_text).toMatch(/Alex Admin at your practice reset/);
      // Nothing left to reset.
      expect((await reset()).body.code).toBe('mfa_not_enabled');
    });

    it("another practice's member 404; wrong role 403; no session 401; bad id 400", async () => {
      const other = await newPractice(app);
      const stranger = await newMember(app, other.caller);
      const foreign = await admin.caller.req('delete', `/api/members/${stranger.me.memberId}/mfa`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('member_not_found');
      // (The reset above signed the therapist out: a new session.)
      const therapist = await anonymous(app);
      await therapist.login(t.email);
      expect((await therapist.req('delete', `/api/members/${admin.me.memberId}/mfa`)).status).toBe(
        403,
      );
      expect(
        (await (await anonymous(app)).req('delete', `/api/members/${t.me.memberId}/mfa`)).status,
      ).toBe(401);
      const bad = await admin.caller.req('delete', '/api/members/nope/mfa');
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toHaveProperty('id');
    });

    it("a client's second step, on their request; another practice's client is 404", async () => {
      const client = await newClientUser(app, admin.caller);
      await enrol(client.caller);
      await nextStep(app, admin.me.user.id);
      await admin.caller.post('/api/auth/mfa/challenge', { code: await totp(secret) });
      expect((await admin.caller.req('delete', `/api/clients/${client.clientId}/mfa`)).status).toBe(
        204,
      );
      expect((await client.caller.get('/api/auth/me')).status).toBe(401);
      const other = await newPractice(app);
      const theirs = await newClientUser(app, other.caller);
      const foreign = await admin.caller.req('delete', `/api/clients/${theirs.clientId}/mfa`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('client_not_found');
      expect(
        (await client.caller.req('delete', `/api/clients/${client.clientId}/mfa`)).status,
      ).toBe(401);
    });

    it('the team list says who has a second step, in a fixed number of queries', async () => {
      const before = await countQueries(() => admin.caller.get('/api/members'));
      const more = await newMember(app, admin.caller);
      await enrol(more.caller);
      await newMember(app, admin.caller);
      const after = await countQueries(() => admin.caller.get('/api/members'));
      expect(after.queries).toBe(before.queries);
      const byId = new Map(
        (after.result.body.items as { id: string; mfa: boolean }[]).map((m) => [m.id, m.mfa]),
      );
      expect(byId.get(admin.me.memberId!)).toBe(true);
      expect(byId.get(t.me.memberId!)).toBe(false);
      expect(byId.get(more.me.memberId!)).toBe(true);
      expect(byId.size).toBe(4);
    });
  });

  it('no session: 401 on every second-step route', async () => {
    const anon = await anonymous(app);
    expect((await anon.get('/api/auth/mfa')).status).toBe(401);
    expect((await anon.post('/api/auth/mfa/totp')).status).toBe(401);
    expect((await anon.post('/api/auth/mfa/totp/verify', { code: '123456' })).status).toBe(401);
    expect((await anon.post('/api/auth/mfa/challenge', { code: '123456' })).status).toBe(401);
    expect((await anon.req('delete', '/api/auth/mfa')).status).toBe(401);
  });
});
