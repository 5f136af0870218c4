import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ClientSummary } from '@attune/shared';
import { randomUUID } from 'node:crypto';
import { anonymous, bootApp, countQueries, newClient, newMember, twoPractices } from './harness.js';

describe('clients: records, caseload scoping, optimistic updates', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
  });
  afterAll(() => app.close());

  it('a therapist creates a client into their own caseload', async () => {
    const c = await newClient(w.t1.caller, {
      firstName: '  Robin ',
      preferredName: 'Rob',
      pronouns: 'they/them',
    });
    expect(c.firstName).toBe('Robin');
    expect(c.primaryTherapist).toEqual({ id: w.t1.me.memberId, displayName: 'Tess One' });
    expect(c.account).toBe('none');
    expect(c.version).toBe(1);
  });

  it('a therapist cannot place a client in another caseload (400 naming the field)', async () => {
    const res = await w.t1.caller.post('/api/clients', {
      firstName: 'A',
      lastName: 'B',
      primaryTherapistId: w.t2.me.memberId,
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('primaryTherapistId');
  });

  it('therapists list only their caseload; admins list the whole practice', async () => {
    const mine = await newClient(w.t1.caller);
    const theirs = await newClient(w.t2.caller);
    const t1List = await w.t1.caller.get('/api/clients?limit=200');
    const ids1 = t1List.body.items.map((c: ClientSummary) => c.id);
    expect(ids1).toContain(mine.id);
    expect(ids1).not.toContain(theirs.id);
    const adminList = await w.a.caller.get('/api/clients?limit=200');
    const idsA = adminList.body.items.map((c: ClientSummary) => c.id);
    expect(idsA).toEqual(expect.arrayContaining([mine.id, theirs.id, w.clientA.clientId]));
    expect(idsA).not.toContain(w.clientB.clientId);
  });

  it('another therapist, another practice or another client gets 404, not 403', async () => {
    const theirs = await newClient(w.t2.caller);
    expect((await w.t1.caller.get(`/api/clients/${theirs.id}`)).status).toBe(404);
    expect((await w.b.caller.get(`/api/clients/${w.clientA.clientId}`)).status).toBe(404);
    expect((await w.clientB.caller.get(`/api/clients/${w.clientA.clientId}`)).status).toBe(404);
    expect(
      (await w.b.caller.patch(`/api/clients/${w.clientA.clientId}`, { version: 1, firstName: 'X' }))
        .status,
    ).toBe(404);
    expect((await w.t1.caller.get(`/api/clients/${randomUUID()}`)).status).toBe(404);
  });

  it('a client reads only their own record and cannot list or edit', async () => {
    const own = await w.clientA.caller.get(`/api/clients/${w.clientA.clientId}`);
    expect(own.status).toBe(200);
    expect(own.body.account).toBe('active');
    expect((await w.clientA.caller.get('/api/clients')).status).toBe(403);
    expect(
      (await w.clientA.caller.post('/api/clients', { firstName: 'A', lastName: 'B' })).status,
    ).toBe(403);
    expect(
      (await w.clientA.caller.patch(`/api/clients/${w.clientA.clientId}`, { version: 1 })).status,
    ).toBe(403);
  });

  it('no session: 401', async () => {
    const anon = await anonymous(app);
    expect((await anon.get('/api/clients')).status).toBe(401);
    expect((await anon.get(`/api/clients/${w.clientA.clientId}`)).status).toBe(401);
  });

  it('bad input: 400 naming each field', async () => {
    const empty = await w.a.caller.post('/api/clients', { firstName: '   ', lastName: 'B' });
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toHaveProperty('firstName');
    const email = await w.a.caller.post('/api/clients', {
      firstName: 'A',
      lastName: 'B',
      email: 'nope',
    });
    expect(email.body.fields).toHaveProperty('email');
    const tz = await w.a.caller.post('/api/clients', {
      firstName: 'A',
      lastName: 'B',
      timeZone: 'Mars/Base',
    });
    expect(tz.body.fields).toHaveProperty('timeZone');
    const unknown = await w.a.caller.post('/api/clients', {
      firstName: 'A',
      lastName: 'B',
      practiceId: randomUUID(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toHaveProperty('practiceId');
    const id = await w.a.caller.get('/api/clients/not-a-uuid');
    expect(id.status).toBe(400);
    expect(id.body.fields).toHaveProperty('id');
    const version = await w.a.caller.patch(`/api/clients/${w.clientA.clientId}`, {
      firstName: 'X',
    });
    expect(version.status).toBe(400);
    expect(version.body.fields).toHaveProperty('version');
    const limit = await w.a.caller.get('/api/clients?limit=0');
    expect(limit.body.fields).toHaveProperty('limit');
    const cursor = await w.a.caller.get('/api/clients?cursor=garbage');
    expect(cursor.status).toBe(400);
    expect(cursor.body.fields).toHaveProperty('cursor');
  });

  it('a stale version gets 409 with the current record, and nothing is overwritten', async () => {
    const c = await newClient(w.a.caller);
    const first = await w.a.caller.patch(`/api/clients/${c.id}`, {
      version: c.version,
      preferredName: 'First',
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(c.version + 1);
    const stale = await w.t1.caller.get(`/api/clients/${c.id}`); // not in t1's caseload
    expect(stale.status).toBe(404);
    const conflict = await w.a.caller.patch(`/api/clients/${c.id}`, {
      version: c.version,
      preferredName: 'Second',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.current.preferredName).toBe('First');
    expect(conflict.body.current.version).toBe(c.version + 1);
    const retry = await w.a.caller.patch(`/api/clients/${c.id}`, {
      version: conflict.body.current.version,
      preferredName: 'Second',
    });
    expect(retry.status).toBe(200);
    expect(retry.body.preferredName).toBe('Second');
  });

  it('only an admin assigns the primary therapist, and only to a therapist of the practice', async () => {
    const c = await newClient(w.a.caller);
    const byTherapist = await w.t1.caller.patch(`/api/clients/${w.clientA.clientId}`, {
      version: 1,
      primaryTherapistId: w.t2.me.memberId,
    });
    expect(byTherapist.status).toBe(403);
    const foreign = await w.a.caller.patch(`/api/clients/${c.id}`, {
      version: c.version,
      primaryTherapistId: w.b.me.memberId,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields).toHaveProperty('primaryTherapistId');
    const ok = await w.a.caller.patch(`/api/clients/${c.id}`, {
      version: c.version,
      primaryTherapistId: w.t2.me.memberId,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.primaryTherapist.displayName).toBe('Toby Two');
    expect((await w.t2.caller.get(`/api/clients/${c.id}`)).status).toBe(200);
  });

  it('a record is closed only through its own route: PATCH refuses status (400 naming it)', async () => {
    const c = await newClient(w.t1.caller);
    const res = await w.a.caller.patch(`/api/clients/${c.id}`, { version: 1, status: 'inactive' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('status');
    expect((await w.a.caller.get(`/api/clients/${c.id}`)).body.status).toBe('active');
  });

  it('paginates with a cursor, searches, and runs a fixed number of queries whatever the size', async () => {
    const therapist = await newMember(app, w.a.caller);
    for (let i = 0; i < 3; i++) await newClient(therapist.caller, { lastName: `Small${i}` });
    const small = await countQueries(() => therapist.caller.get('/api/clients'));
    for (let i = 0; i < 30; i++)
      await newClient(therapist.caller, { lastName: `Big${String(i).padStart(2, '0')}` });
    const big = await countQueries(() => therapist.caller.get('/api/clients'));
    expect(big.result.body.items).toHaveLength(33);
    expect(big.queries).toBe(small.queries);
    expect(big.queries).toBeLessThanOrEqual(4);

    const page1 = await therapist.caller.get('/api/clients?limit=20');
    expect(page1.body.items).toHaveLength(20);
    const page2 = await therapist.caller.get(
      `/api/clients?limit=20&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items).toHaveLength(13);
    expect(page2.body.nextCursor).toBeNull();
    const all = [...page1.body.items, ...page2.body.items].map((c: ClientSummary) => c.id);
    expect(new Set(all).size).toBe(33);

    const search = await therapist.caller.get('/api/clients?q=big0');
    expect(search.body.items.map((c: ClientSummary) => c.lastName)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Big0${i}`),
    );
  });

  it('audits reads and writes of client records', async () => {
    const c = await newClient(w.t1.caller);
    await w.t1.caller.get(`/api/clients/${c.id}`);
    const { db } = await import('./harness.js');
    const rows = await db(app).query(
      `SELECT action, actor_user_id FROM audit_events WHERE client_id = $1 ORDER BY created_at`,
      [c.id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['client.create', 'client.read']);
    expect(rows[1].actor_user_id).toBe(w.t1.me.user.id);
  });
});
