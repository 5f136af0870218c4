import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AuditEventSummary } from '@attune/shared';
import { createDataSource, schemaDrift } from '../src/database/data-source.js';
import { ENTITIES } from '../src/entities.js';
import { anonymous, asOwner, bootApp, db, newClient, testUrls, twoPractices } from './harness.js';

describe('audit trail and schema', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
  });
  afterAll(() => app.close());

  it('a trigger refuses UPDATE, DELETE and TRUNCATE of audit events, even for the owner', async () => {
    // The app's role has no such privilege at all (least-privilege.spec.ts); the trigger guards
    // against the schema owner too.
    await asOwner(async (c) => {
      const { rows } = await c.query('SELECT id FROM audit_events LIMIT 1');
      const id = rows[0].id;
      await expect(
        c.query(`UPDATE audit_events SET action = 'x' WHERE id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(c.query('DELETE FROM audit_events WHERE id = $1', [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(c.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
      const still = await c.query('SELECT action FROM audit_events WHERE id = $1', [id]);
      expect(still.rows[0].action).not.toBe('x');
    });
  });

  it("admins read their own practice's trail, newest first, filtered by client", async () => {
    const c = await newClient(w.a.caller);
    await w.a.caller.get(`/api/clients/${c.id}`);
    const res = await w.a.caller.get(`/api/audit?clientId=${c.id}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: AuditEventSummary) => e.action)).toEqual([
      'client.read',
      'client.create',
    ]);
    expect(res.body.items[0].actor.displayName).toBe('Alex Admin');
    const other = await w.b.caller.get(`/api/audit?clientId=${c.id}`);
    expect(other.body.items).toEqual([]);
  });

  it('wrong role, no session and bad input', async () => {
    expect((await w.t1.caller.get('/api/audit')).status).toBe(403);
    expect((await w.clientA.caller.get('/api/audit')).status).toBe(403);
    expect((await (await anonymous(app)).get('/api/audit')).status).toBe(401);
    const bad = await w.a.caller.get('/api/audit?clientId=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('clientId');
  });

  it('entities and migrations agree (no drift)', async () => {
    const ds = createDataSource(testUrls().ownerUrl, ENTITIES);
    await ds.initialize();
    try {
      expect(await schemaDrift(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('constraint names are readable, never hashes', async () => {
    const rows: { conname: string }[] = await db(app).query(
      `SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'`,
    );
    const names = rows.map((r) => r.conname);
    expect(names).toContain('clients_primary_therapist_id_fkey');
    expect(names.filter((n) => /^(PK|FK|UQ|CHK|REL|IDX)_[0-9a-f]{20,}/.test(n))).toEqual([]);
  });
});
