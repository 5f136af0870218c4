import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { createApp } from '../src/app.factory.js';
import { throwawayDatabase } from '../src/database/connect.js';
import type { RunningPostgres } from '../src/database/embedded.js';
import { migrateAndGrant } from '../src/database/migrate.js';
import { GuardedClient, GuardedPool, TICK_MS } from '../src/database/watchdog.js';
import { anonymous, db, newPractice, testConfig } from './harness.js';

// This file runs its own Postgres, so that it can freeze and stop it without harming the rest.
const TIMEOUTS = {
  connectTimeoutMs: 1000,
  statementTimeoutMs: 1500,
  idleInTransactionTimeoutMs: 1000,
  poolMax: 5,
  poolIdleTimeoutMs: 0,
};
const HEALTH_MS = 1000;

/** The postmaster and every backend of a cluster (Linux /proc). */
function clusterPids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // The parent pid is the 4th field, after the command in parentheses.
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

const signal = (pids: number[], sig: NodeJS.Signals) => {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // It ended meanwhile.
    }
  }
};

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - t0 };
}

describe('database timeouts, health and outages', () => {
  let pg: RunningPostgres;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    pg = await throwawayDatabase(52000 + Math.floor(Math.random() * 2000));
    await migrateAndGrant(pg);
    app = await createApp(testConfig({ db: TIMEOUTS, healthTimeoutMs: HEALTH_MS }), pg.url, {
      quiet: true,
      docs: false,
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await pg?.stop();
  });

  it("sets connect, statement and idle-in-transaction timeouts on the app's connections", async () => {
    const [s] = await db(app).query(
      `SELECT current_setting('statement_timeout') AS st,
              current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(s).toEqual({ st: '1500ms', idle: '1s' });
    await expect(db(app).query('SELECT pg_sleep(3)')).rejects.toMatchObject({
      driverError: { code: '57014' },
    });
    const runner = db(app).createQueryRunner();
    await runner.startTransaction();
    await new Promise((r) => setTimeout(r, 1500));
    // Postgres ended the session that sat idle in its transaction (TypeORM saw the connection
    // end and let go of it); without the timeout this query would simply run.
    await expect(runner.query('SELECT 1')).rejects.toThrow(
      /idle-in-transaction|terminat|already released/i,
    );
    await runner.release().catch(() => undefined);
  });

  it('health answers 200 with or without a session cookie', async () => {
    const signed = await newPractice(app);
    const anon = await anonymous(app);
    for (const c of [signed.caller, anon]) {
      const res = await c.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
    }
  });

  // The time limits without a timer per query or per checkout (watchdog.ts): each fires between
  // its limit and one watchdog tick later, with the errors pg and pg-pool would give.
  it('a query stuck past its limit fails with a read timeout, and its connection goes', async () => {
    const pool = new GuardedPool({
      connectionString: pg.url,
      max: 2,
      connectionTimeoutMillis: 1000,
      Client: GuardedClient,
      stuckQueryMs: 400,
    });
    try {
      const client = await pool.connect();
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
        .pid;
      const stuck = await timed(() =>
        client.query('SELECT pg_sleep(5)').then(
          () => null,
          (e: Error) => e,
        ),
      );
      expect(stuck.value?.message).toBe('Query read timeout');
      expect(stuck.ms).toBeGreaterThanOrEqual(400);
      expect(stuck.ms).toBeLessThan(400 + TICK_MS + 400);
      client.release(stuck.value!);
      // A fresh connection serves the next query; the stuck one is not handed out again.
      const again = await pool.connect();
      const next = (await again.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
        .pid;
      expect(next).not.toBe(pid);
      again.release();
      // A query within its limit is left alone, however many ticks it spans.
      const slow = await pool.query<{ ok: number }>('SELECT 1 AS ok FROM pg_sleep(0.3)');
      expect(slow.rows).toEqual([{ ok: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('a checkout that waits past the connect timeout fails; the pool serves once one is free', async () => {
    const pool = new GuardedPool({
      connectionString: pg.url,
      max: 1,
      connectionTimeoutMillis: 300,
      Client: GuardedClient,
      stuckQueryMs: 5000,
    });
    try {
      const held = await pool.connect();
      const waited = await timed(() =>
        pool.connect().then(
          () => null,
          (e: Error) => e,
        ),
      );
      expect(waited.value?.message).toBe('timeout exceeded when trying to connect');
      expect(waited.ms).toBeGreaterThanOrEqual(300);
      expect(waited.ms).toBeLessThan(300 + TICK_MS + 400);
      expect(pool.waitingCount).toBe(0);
      // A checkout that gets a connection in time is served, not failed.
      const later = pool.connect();
      setTimeout(() => held.release(), 100);
      const got = await later;
      expect((await got.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      got.release();
    } finally {
      await pool.end();
    }
  });

  it('a frozen database: health says 503 within its deadline, writes say 503 in true words', async () => {
    const signed = await newPractice(app);
    const anon = await anonymous(app);
    const pids = clusterPids(pg.dataDir!);
    signal(pids, 'SIGSTOP');
    try {
      const frozenAt = Date.now();
      const first = await anon.get('/api/health');
      const seconds = (Date.now() - frozenAt) / 1000;
      console.log(`frozen database to health 503: ${seconds.toFixed(2)} s`);
      expect(first.status).toBe(503);
      expect(first.body).toMatchObject({ status: 'degraded', database: 'down' });
      expect(seconds).toBeLessThan(HEALTH_MS / 1000 + 1);
      const withCookie = await timed(() => signed.caller.get('/api/health'));
      expect(withCookie.value.status).toBe(503);
      expect(withCookie.ms).toBeLessThan(HEALTH_MS + 1000);

      const write = await timed(() =>
        signed.caller.post('/api/clients', { firstName: 'Robin', lastName: 'Frost' }),
      );
      expect(write.value.status).toBe(503);
      expect(write.value.body.code).toBe('database_unavailable');
      expect(write.value.body.message).toMatch(/may not have been saved/);
      expect(write.value.body.message).not.toMatch(/not lost/);
      expect(write.value.headers['retry-after']).toBe('5');
      // Bounded by the client-side query limit (statement timeout + 2 s) or the connect timeout.
      expect(write.ms).toBeLessThan(TIMEOUTS.statementTimeoutMs + 2000 + 1500);
      const read = await signed.caller.get('/api/clients');
      expect(read.status).toBe(503);
      expect(read.body.message).toMatch(/could not be loaded/);
    } finally {
      signal(pids, 'SIGCONT');
    }
    // Thawed: answers again, and the pool did not keep the stuck connections.
    let health = 0;
    for (let i = 0; i < 20 && health !== 200; i++) {
      health = (await anon.get('/api/health')).status;
      if (health !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health).toBe(200);
    let created = 0;
    for (let i = 0; i < 10 && created !== 201; i++) {
      created = (await signed.caller.post('/api/clients', { firstName: 'Robin', lastName: 'Thaw' }))
        .status;
      if (created !== 201) await new Promise((r) => setTimeout(r, 300));
    }
    expect(created).toBe(201);
  }, 60_000);

  it('a stopped database: 503 for health (cookie or not) and for writes, never 500', async () => {
    const signed = await newPractice(app);
    const anon = await anonymous(app);
    await pg.stop();
    for (const c of [signed.caller, anon]) {
      const res = await c.get('/api/health');
      expect(res.status).toBe(503);
    }
    const write = await signed.caller.post('/api/clients', {
      firstName: 'Robin',
      lastName: 'Gone',
    });
    expect(write.status).toBe(503);
    expect(write.body.message).toMatch(/may not have been saved/);
    const me = await signed.caller.get('/api/auth/me');
    expect(me.status).toBe(503);
  }, 30_000);
});
