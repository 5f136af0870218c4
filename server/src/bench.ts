import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { loadConfig } from './config.js';
import { throwawayDatabase } from './database/connect.js';
import { migrateAndGrant } from './database/migrate.js';
import { QueryCounter } from './database/query-counter.js';
import { PracticesService } from './practices/practices.service.js';

// `npm run bench`: times the hot read paths on a throwaway Postgres with a practice of
// realistic size, and prints latency percentiles and SQL statements per request.
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const pg = await throwawayDatabase(59000 + Math.floor(Math.random() * 500));
  try {
    await migrateAndGrant(pg);
    const app = await createApp(
      {
        ...loadConfig({}),
        allowSignup: true,
        seedDemo: false,
        clientDist: '/none',
        sessionSecret: randomBytes(32).toString('hex'),
      },
      pg.url,
      {
        quiet: true,
        docs: false,
      },
    );
    const server = app.getHttpAdapter().getInstance();
    const health = await server.inject({ method: 'GET', url: '/api/health' });
    const xsrf = String(health.cookies.find((c) => c.name === 'XSRF-TOKEN')?.value);
    // Sign-up waits for an emailed link; the bench makes its practice directly and signs in.
    await app.get(PracticesService).createWithAdmin(
      {
        practiceName: 'Bench',
        timeZone: 'UTC',
        adminEmail: 'bench@example.org',
        adminDisplayName: 'Bench',
        adminPassword: 'bench-password-long',
        adminIsTherapist: true,
      },
      null,
    );
    const signup = await server.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-xsrf-token': xsrf },
      cookies: { 'XSRF-TOKEN': xsrf },
      payload: { email: 'bench@example.org', password: 'bench-password-long' },
    });
    const session = String(signup.cookies.find((c) => c.name === 'attune_session')?.value);
    const cookies = { 'XSRF-TOKEN': xsrf, attune_session: session };
    const memberId = signup.json<{ memberId: string }>().memberId;
    const practiceId = signup.json<{ practice: { id: string } }>().practice.id;
    await app.get(DataSource).query(
      `INSERT INTO clients (practice_id, first_name, last_name, primary_therapist_id)
         SELECT $1, 'First' || g, 'Last' || lpad(g::text, 5, '0'), $2 FROM generate_series(1, $3) g`,
      [practiceId, memberId, CLIENTS],
    );
    for (const [label, url] of [
      ['GET /api/clients (50 of ' + CLIENTS + ')', '/api/clients'],
      ['GET /api/clients/:id', null],
      ['GET /api/members', '/api/members'],
      ['GET /api/auth/me', '/api/auth/me'],
    ] as const) {
      let target: string | null = url;
      if (!target) {
        const list = await server.inject({ method: 'GET', url: '/api/clients?limit=1', cookies });
        target = `/api/clients/${list.json<{ items: { id: string }[] }>().items[0]!.id}`;
      }
      const times: number[] = [];
      QueryCounter.reset();
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await server.inject({ method: 'GET', url: target, cookies });
        times.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body}`);
      }
      const queries = QueryCounter.count / REQUESTS;
      times.sort((a, b) => a - b);
      console.log(
        `${label.padEnd(34)} p50 ${pct(times, 50).toFixed(2)} ms  p95 ${pct(times, 95).toFixed(2)} ms  ` +
          `${queries.toFixed(1)} SQL/request`,
      );
    }
    await app.close();
  } finally {
    await pg.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
