import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { appRoleGrantsSql, appRoleProblems, APP_ROLE } from '../src/database/roles.js';
import { asOwner, bootApp, db, newPractice, testUrls } from './harness.js';

/** The app's own role, exactly as the server connects. */
async function asApp<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testUrls().url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('least privilege: the app role cannot rewrite the audit trail', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootApp();
    await newPractice(app); // some audit events exist
  });
  afterAll(() => app.close());

  it('the server itself runs as the non-superuser app role', async () => {
    const [row] = await db(app).query(
      `SELECT current_user AS role, r.rolsuper FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(row).toEqual({ role: APP_ROLE, rolsuper: false });
    expect(await appRoleProblems(testUrls().url)).toEqual([]);
    // Negative control: the owner (a superuser here) is reported.
    expect((await appRoleProblems(testUrls().ownerUrl)).join('; ')).toMatch(/superuser/);
  });

  it('UPDATE, DELETE, TRUNCATE, DISABLE TRIGGER and session_replication_role all fail', async () => {
    await asApp(async (c) => {
      const before = (await c.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;
      const { rows } = await c.query('SELECT id FROM audit_events LIMIT 1');
      const id = rows[0].id as string;
      const attempts: [string, RegExp][] = [
        [`UPDATE audit_events SET action = 'x' WHERE id = '${id}'`, /permission denied/],
        [`DELETE FROM audit_events WHERE id = '${id}'`, /permission denied/],
        ['TRUNCATE audit_events', /permission denied/],
        ['ALTER TABLE audit_events DISABLE TRIGGER ALL', /must be owner/],
        ['ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete', /must be owner/],
        ['SET session_replication_role = replica', /permission denied to set parameter/],
        ['DROP TABLE audit_events', /must be owner/],
        ['CREATE TABLE public.sneaky (id int)', /permission denied for schema public/],
      ];
      for (const [sql, error] of attempts) await expect(c.query(sql)).rejects.toThrow(error);
      // What it may do: append and read.
      await c.query(`INSERT INTO audit_events (action, meta) VALUES ('test.probe', '{}')`);
      const after = (await c.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;
      expect(after).toBe(before + 1);
      const same = await c.query('SELECT action FROM audit_events WHERE id = $1', [id]);
      expect(same.rows[0].action).not.toBe('x');
    });
  });

  it('only the DML the app needs: DELETE where rows are replaced, never on client records', async () => {
    await asApp(async (c) => {
      await expect(c.query(`DELETE FROM clients WHERE id = '${randomUUID()}'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(c.query(`DELETE FROM appointments WHERE false`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        c.query(`INSERT INTO migrations (timestamp, name) VALUES (1, 'Sneaky1')`),
      ).rejects.toThrow(/permission denied/);
      // These are replaced wholesale or expire.
      expect((await c.query(`DELETE FROM time_off WHERE false`)).rowCount).toBe(0);
      expect((await c.query(`DELETE FROM availability_rules WHERE false`)).rowCount).toBe(0);
      expect((await c.query(`DELETE FROM sign_in_throttles WHERE false`)).rowCount).toBe(0);
      expect(
        (await c.query('SELECT count(*)::int AS n FROM migrations')).rows[0].n,
      ).toBeGreaterThan(0);
    });
  });

  it('tables a later migration creates get row access through default privileges', async () => {
    const table = `probe_${randomUUID().slice(0, 8)}`;
    await asOwner((c) => c.query(`CREATE TABLE public.${table} (id int PRIMARY KEY, v text)`));
    try {
      await asApp(async (c) => {
        await c.query(`INSERT INTO public.${table} VALUES (1, 'a')`);
        await c.query(`UPDATE public.${table} SET v = 'b'`);
        expect((await c.query(`SELECT v FROM public.${table}`)).rows).toEqual([{ v: 'b' }]);
        await expect(c.query(`DELETE FROM public.${table}`)).rejects.toThrow(/permission denied/);
      });
    } finally {
      await asOwner((c) => c.query(`DROP TABLE public.${table}`));
    }
  });

  it('the grants are plain SQL an operator can read and run', () => {
    const sql = appRoleGrantsSql('attune_app', 'attune').join(';\n');
    expect(sql).toMatch(
      /GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "attune_app"/,
    );
    expect(sql).toMatch(/REVOKE UPDATE ON public\."audit_events" FROM "attune_app"/);
    expect(sql).toMatch(/ALTER DEFAULT PRIVILEGES FOR ROLE "attune" IN SCHEMA public/);
  });
});
