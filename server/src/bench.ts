import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { browserCookies, median, paced, percentile, type Target } from './bench/load.js';
import { createApp } from './app.factory.js';
import { loadConfig } from './config.js';
import { throwawayDatabase } from './database/connect.js';
import { migrateAndGrant } from './database/migrate.js';
import { QueryCounter } from './database/query-counter.js';
import { seedAtSize } from './seed/at-size.js';

// `npm run bench`: the read paths a therapist's day leans on, at size, under a steady load.
// Seeds a practice of BENCH_CLIENTS clients and BENCH_SCREENINGS submitted screenings (and a
// neighbour practice as big) on a throwaway Postgres, starts the production app on loopback,
// and sends each endpoint BENCH_REQUESTS evenly spaced requests at BENCH_RATE per second,
// BENCH_ROUNDS times. Prints p50/p99 (the median over rounds) and SQL statements per request.
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const SCREENINGS = Number(process.env.BENCH_SCREENINGS ?? 20_000);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);

async function main(): Promise<void> {
  const pgServer = await throwawayDatabase(59000 + Math.floor(Math.random() * 500));
  try {
    await migrateAndGrant(pgServer);
    const app = await createApp(
      {
        ...loadConfig({ NODE_ENV: 'production' }),
        clientDist: '/none',
        sessionSecret: randomBytes(32).toString('hex'),
        apiDocs: false,
        outboxIntervalMs: 0,
      },
      pgServer.url,
      { quiet: true, docs: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    const owner = new pg.Client({ connectionString: pgServer.ownerUrl });
    await owner.connect();
    const seedStart = Date.now();
    const seeded = await seedAtSize(owner, { clients: CLIENTS, screenings: SCREENINGS });
    await owner.end();
    console.log(
      `Seeded ${CLIENTS} clients and ${SCREENINGS} submitted screenings (and a neighbour practice as big) ` +
        `in ${((Date.now() - seedStart) / 1000).toFixed(1)} s.`,
    );

    const headers = { cookie: await browserCookies(base, seeded.sessionToken) };
    const client = seeded.clientIds[7]!;
    // The coming Monday-to-Monday week in the practice's zone, as the calendar asks for it.
    const weekStart = new Date(Date.now() + 86_400_000);
    weekStart.setUTCHours(0, 0, 0, 0);
    const weekEnd = new Date(weekStart.getTime() + 7 * 86_400_000);
    const week = `from=${weekStart.toISOString()}&to=${weekEnd.toISOString()}`;
    const endpoints: [string, string][] = [
      ['dashboard (therapist)', '/api/dashboard'],
      ['clients (first page)', '/api/clients'],
      ['alerts (first page)', '/api/alerts'],
      ['assignments (a client)', `/api/assignments?clientId=${client}`],
      ['appointments (a week)', `/api/appointments?${week}&therapistId=${seeded.therapistId}`],
      [
        'slots (a week)',
        `/api/slots?therapistId=${seeded.therapistId}&typeId=${seeded.typeId}&${week}`,
      ],
    ];

    console.log(
      `\n${RATE} requests/s, evenly spaced, ${REQUESTS} per endpoint, ${ROUNDS} round(s); ` +
        `load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    const results = new Map<string, { p50: number[]; p99: number[]; sql: number[] }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [label, path] of endpoints) {
        const target: Target = { url: base + path, headers };
        await paced(target, { rate: RATE * 2, count: 20 }); // warm-up
        QueryCounter.reset();
        const out = await paced(target, { rate: RATE, count: REQUESTS });
        if (out.errors) throw new Error(`${label}: ${out.errors} failed, e.g. ${out.firstError}`);
        const r = results.get(label) ?? { p50: [], p99: [], sql: [] };
        r.p50.push(percentile(out.latencies, 50));
        r.p99.push(percentile(out.latencies, 99));
        r.sql.push(QueryCounter.count / REQUESTS);
        results.set(label, r);
      }
    }
    for (const [label, r] of results)
      console.log(
        `${label.padEnd(26)} p50 ${median(r.p50).toFixed(2).padStart(6)} ms   p99 ${median(r.p99)
          .toFixed(2)
          .padStart(6)} ms   ${median(r.sql).toFixed(1)} SQL/request` +
          (ROUNDS > 1 ? `   (p99 per round: ${r.p99.map((v) => v.toFixed(1)).join(', ')})` : ''),
      );
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    await app.close();
  } finally {
    await pgServer.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
