import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MemberSummary } from '@attune/shared';
import { randomUUID } from 'node:crypto';
import {
  anonymous,
  bootApp,
  db,
  countQueries,
  newMember,
  newPractice,
  PASSWORD,
  twoPractices,
  uniqueEmail,
} from './harness.js';

describe('members and practice settings', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
  });
  afterAll(() => app.close());

  it('lists the members of the practice only, in a fixed number of queries', async () => {
    const res = await w.a.caller.get('/api/members');
    expect(res.status).toBe(200);
    const names = res.body.items.map((m: MemberSummary) => m.displayName);
    expect(names).toEqual(['Alex Admin', 'Tess One', 'Toby Two']);
    const before = await countQueries(() => w.a.caller.get('/api/members'));
    await newMember(app, w.a.caller, ['therapist'], 'Uma Three');
    await newMember(app, w.a.caller, ['admin'], 'Vic Four');
    const after = await countQueries(() => w.a.caller.get('/api/members'));
    expect(after.result.body.items).toHaveLength(5);
    expect(after.queries).toBe(before.queries);
  });

  it('wrong role and no session', async () => {
    expect((await w.t1.caller.get('/api/members')).status).toBe(403);
    expect((await w.clientA.caller.get('/api/members')).status).toBe(403);
    expect((await (await anonymous(app)).get('/api/members')).status).toBe(401);
    expect((await w.t1.caller.patch('/api/practice', { name: 'Mine now' })).status).toBe(403);
  });

  it("another practice's member answers 404", async () => {
    expect(
      (await w.b.caller.patch(`/api/members/${w.t1.me.memberId}`, { active: false })).status,
    ).toBe(404);
    expect((await w.a.caller.patch(`/api/members/${randomUUID()}`, { active: false })).status).toBe(
      404,
    );
  });

  it('changes roles and refuses to lock the practice out', async () => {
    const res = await w.a.caller.patch(`/api/members/${w.t2.me.memberId}`, {
      roles: ['therapist', 'admin'],
    });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['therapist', 'admin']);
    const self = await w.a.caller.patch(`/api/members/${w.a.me.memberId}`, { active: false });
    expect(self.status).toBe(409);
    const selfRole = await w.a.caller.patch(`/api/members/${w.a.me.memberId}`, {
      roles: ['therapist'],
    });
    expect(selfRole.status).toBe(409);
  });

  it('bad input names the field', async () => {
    const roles = await w.a.caller.patch(`/api/members/${w.t1.me.memberId}`, { roles: ['owner'] });
    expect(roles.status).toBe(400);
    expect(roles.body.fields).toHaveProperty('roles');
    const active = await w.a.caller.patch(`/api/members/${w.t1.me.memberId}`, { active: 'no' });
    expect(active.body.fields).toHaveProperty('active');
    const tz = await w.a.caller.patch('/api/practice', { timeZone: 'Nowhere/Land' });
    expect(tz.status).toBe(400);
    expect(tz.body.fields).toHaveProperty('timeZone');
  });

  it('admins edit practice settings; every role reads them', async () => {
    const res = await w.a.caller.patch('/api/practice', {
      crisisText: 'Call our line at 555-0100.',
      timeZone: 'Europe/Dublin',
    });
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe('Europe/Dublin');
    const asClient = await w.clientA.caller.get('/api/practice');
    expect(asClient.body.crisisText).toBe('Call our line at 555-0100.');
    expect((await w.clientA.caller.get('/api/auth/me')).body.practice.crisisText).toBe(
      'Call our line at 555-0100.',
    );
    expect((await w.b.caller.get('/api/practice')).body.id).not.toBe(res.body.id);
  });

  it('sign-up: a duplicate admin email creates nothing; bad fields are named', async () => {
    const p = await newPractice(app);
    const anon = await anonymous(app);
    const dup = await anon.post('/api/practices', {
      practiceName: 'Again',
      timeZone: 'UTC',
      adminEmail: p.email,
      adminDisplayName: 'Dup',
      adminPassword: PASSWORD,
    });
    expect(dup.status).toBe(202);
    const [counts] = await db(app).query(
      `SELECT (SELECT count(*)::int FROM practices WHERE name = 'Again') AS practices,
              (SELECT count(*)::int FROM users WHERE email = $1) AS users`,
      [p.email],
    );
    expect(counts).toEqual({ practices: 0, users: 1 });
    const bad = await anon.post('/api/practices', {
      practiceName: '',
      timeZone: 'UTC',
      adminEmail: uniqueEmail(),
      adminDisplayName: 'X',
      adminPassword: 'short',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['adminPassword', 'practiceName']);
  });

  it('sign-up can be switched off', async () => {
    const closed = await (await import('./harness.js')).bootApp({ allowSignup: false });
    try {
      const res = await (
        await anonymous(closed)
      ).post('/api/practices', {
        practiceName: 'Closed',
        timeZone: 'UTC',
        adminEmail: uniqueEmail(),
        adminDisplayName: 'X',
        adminPassword: PASSWORD,
      });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/create-practice/);
    } finally {
      await closed.close();
    }
  });
});
