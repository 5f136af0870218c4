import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InvitationSummary } from '@attune/shared';
import { randomUUID } from 'node:crypto';
import {
  anonymous,
  bootApp,
  db,
  newClient,
  newMember,
  newPractice,
  PASSWORD,
  tokenOf,
  twoPractices,
  uniqueEmail,
} from './harness.js';

describe('invitations: single-use, expiring, scoped', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
  });
  afterAll(() => app.close());

  it('an admin invites a therapist who accepts, is signed in and lands with the therapist role', async () => {
    const email = uniqueEmail('new');
    const inv = await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email,
      displayName: 'Nina New',
      roles: ['therapist', 'admin'],
    });
    expect(inv.status).toBe(201);
    // The configured origin (PUBLIC_URL, else the server's own port), never the Host header.
    expect(inv.body.link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(new Date(inv.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(
      6.9 * 24 * 3600 * 1000,
    );
    const token = tokenOf(inv.body);
    const [stored] = await db(app).query('SELECT token_hash FROM invitations WHERE id = $1', [
      inv.body.id,
    ]);
    expect(Buffer.from(stored.token_hash).toString('base64url')).not.toBe(token);

    const anon = await anonymous(app);
    const preview = await anon.get(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ kind: 'member', email, displayName: 'Nina New' });
    expect(preview.body.practiceName).toBe(w.a.me.practice.name);

    const accepted = await anon.post(`/api/invitations/${token}/accept`, {
      password: PASSWORD,
      displayName: 'Nina N.',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.roles.sort()).toEqual(['admin', 'therapist']);
    expect(accepted.body.user.displayName).toBe('Nina N.');
    expect((await anon.get('/api/auth/me')).body.user.email).toBe(email);

    // single use
    const again = await (
      await anonymous(app)
    ).post(`/api/invitations/${token}/accept`, { password: PASSWORD });
    expect(again.status).toBe(404);
    expect(again.body.message).toMatch(/already used/);
    expect((await anon.get(`/api/invitations/${token}`)).status).toBe(404);
  });

  it('an expired link is refused', async () => {
    const inv = await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email: uniqueEmail('late'),
      displayName: 'Lee Late',
      roles: ['therapist'],
    });
    await db(app).query(
      `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [inv.body.id],
    );
    const res = await (
      await anonymous(app)
    ).post(`/api/invitations/${tokenOf(inv.body)}/accept`, { password: PASSWORD });
    expect(res.status).toBe(404);
  });

  it('accepting validates the password length and names the field', async () => {
    const inv = await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email: uniqueEmail('pw'),
      displayName: 'Pat',
      roles: ['therapist'],
    });
    const anon = await anonymous(app);
    const short = await anon.post(`/api/invitations/${tokenOf(inv.body)}/accept`, {
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.fields.password).toMatch(/at least 12/);
    const long = await anon.post(`/api/invitations/${tokenOf(inv.body)}/accept`, {
      password: 'x'.repeat(129),
    });
    expect(long.body.fields.password).toMatch(/at most 128/);
    // the link still works after bad attempts
    expect(
      (await anon.post(`/api/invitations/${tokenOf(inv.body)}/accept`, { password: PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('a therapist invites a client of their own caseload, who then signs in as that client', async () => {
    const c = await newClient(w.t1.caller);
    const inv = await w.t1.caller.post('/api/invitations', { kind: 'client', clientId: c.id });
    expect(inv.status).toBe(201);
    expect(inv.body.email).toBe(c.email);
    expect((await w.t1.caller.get(`/api/clients/${c.id}`)).body.account).toBe('invited');
    const anon = await anonymous(app);
    const accepted = await anon.post(`/api/invitations/${tokenOf(inv.body)}/accept`, {
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.roles).toEqual(['client']);
    expect(accepted.body.clientId).toBe(c.id);
    expect((await w.t1.caller.get(`/api/clients/${c.id}`)).body.account).toBe('active');
    const dup = await w.t1.caller.post('/api/invitations', { kind: 'client', clientId: c.id });
    expect(dup.status).toBe(409);
  });

  it('wrong role: therapists cannot invite staff; clients cannot invite anyone', async () => {
    const staff = await w.t1.caller.post('/api/invitations', {
      kind: 'member',
      email: uniqueEmail('x'),
      displayName: 'X',
      roles: ['admin'],
    });
    expect(staff.status).toBe(403);
    const c = await newClient(w.t1.caller);
    expect(
      (await w.clientA.caller.post('/api/invitations', { kind: 'client', clientId: c.id })).status,
    ).toBe(403);
    expect((await w.clientA.caller.get('/api/invitations')).status).toBe(403);
  });

  it("another therapist's or another practice's client answers 404", async () => {
    const theirs = await newClient(w.t2.caller);
    expect(
      (await w.t1.caller.post('/api/invitations', { kind: 'client', clientId: theirs.id })).status,
    ).toBe(404);
    const foreign = await newClient(w.b.caller);
    expect(
      (await w.a.caller.post('/api/invitations', { kind: 'client', clientId: foreign.id })).status,
    ).toBe(404);
    expect(
      (await w.a.caller.post('/api/invitations', { kind: 'client', clientId: randomUUID() }))
        .status,
    ).toBe(404);
  });

  it('no session: 401', async () => {
    const anon = await anonymous(app);
    expect(
      (await anon.post('/api/invitations', { kind: 'client', clientId: randomUUID() })).status,
    ).toBe(401);
    expect((await anon.get('/api/invitations')).status).toBe(401);
  });

  it('bad input: 400 naming the field', async () => {
    const kind = await w.a.caller.post('/api/invitations', { kind: 'boss' });
    expect(kind.status).toBe(400);
    expect(kind.body.fields).toHaveProperty('kind');
    const roles = await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email: uniqueEmail(),
      displayName: 'R',
      roles: ['superuser'],
    });
    expect(roles.body.fields).toHaveProperty('roles');
    const noRoles = await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email: uniqueEmail(),
      displayName: 'R',
      roles: [],
    });
    expect(noRoles.body.fields).toHaveProperty('roles');
    const noEmail = await newClient(w.a.caller, { email: undefined });
    const missing = await w.a.caller.post('/api/invitations', {
      kind: 'client',
      clientId: noEmail.id,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toHaveProperty('clientId');
    const mixed = await w.a.caller.post('/api/invitations', {
      kind: 'client',
      clientId: noEmail.id,
      roles: ['admin'],
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.fields).toHaveProperty('roles');
  });

  it('an existing account is not invited again: its link only answers like a used one', async () => {
    const res = await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email: w.t1.email.toUpperCase(),
      displayName: 'Dup',
      roles: ['therapist'],
    });
    // The same answer as for a new address (see enumeration.spec.ts); nothing is created for it.
    expect(res.status).toBe(201);
    const accept = await (
      await anonymous(app)
    ).post(`/api/invitations/${tokenOf(res.body)}/accept`, { password: PASSWORD });
    expect(accept.status).toBe(404);
    expect(accept.body.message).toMatch(/expired or was already used/);
    const [{ n }] = await db(app).query('SELECT count(*)::int AS n FROM users WHERE email = $1', [
      w.t1.email,
    ]);
    expect(n).toBe(1);
  });

  it('re-inviting replaces the earlier link; revoking kills a link; lists show pending only', async () => {
    const email = uniqueEmail('re');
    const body = { kind: 'member', email, displayName: 'Re', roles: ['therapist'] };
    const first = await w.a.caller.post('/api/invitations', body);
    const second = await w.a.caller.post('/api/invitations', body);
    const anon = await anonymous(app);
    expect((await anon.get(`/api/invitations/${tokenOf(first.body)}`)).status).toBe(404);
    expect((await anon.get(`/api/invitations/${tokenOf(second.body)}`)).status).toBe(200);
    const list = await w.a.caller.get('/api/invitations');
    const ids = list.body.items.map((i: InvitationSummary) => i.id);
    expect(ids).toContain(second.body.id);
    expect(ids).not.toContain(first.body.id);
    expect((await w.b.caller.post(`/api/invitations/${second.body.id}/revoke`)).status).toBe(404);
    expect((await w.t1.caller.post(`/api/invitations/${second.body.id}/revoke`)).status).toBe(404);
    expect((await w.a.caller.post(`/api/invitations/${second.body.id}/revoke`)).status).toBe(204);
    expect((await anon.get(`/api/invitations/${tokenOf(second.body)}`)).status).toBe(404);
  });

  it('two accepts of one link at once: exactly one wins', async () => {
    const p = await newPractice(app);
    const inv = await p.caller.post('/api/invitations', {
      kind: 'member',
      email: uniqueEmail('race'),
      displayName: 'Race',
      roles: ['therapist'],
    });
    const callers = await Promise.all([anonymous(app), anonymous(app), anonymous(app)]);
    const results = await Promise.all(
      callers.map((c) =>
        c.post(`/api/invitations/${tokenOf(inv.body)}/accept`, { password: PASSWORD }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 404, 404]);
    const t = await newMember(app, p.caller);
    expect(t.me.roles).toEqual(['therapist']);
  });
});
