import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cpuBetween, postgresCpu, processCpuMs } from './bench/cpu.js';
import {
  browserCookies,
  closedLoop,
  median,
  type Outcome,
  paced,
  percentile,
  type Target,
  throughput,
} from './bench/load.js';
import { type CpuProfile, formatSummary, summarise } from './bench/profile.js';
import { available as straceAvailable, formatSyscalls, traceSyscalls } from './bench/syscalls.js';
import { throwawayDatabase } from './database/connect.js';
import { migrateAndGrant } from './database/migrate.js';
import { seedAtSize } from './seed/at-size.js';

// `npm run bench:baseline`: Attune's hot authenticated read (GET /api/clients/:id) against a
// plain Fastify + pg server running the same statements on the same database
// (bench-raw-server.ts). Both run as production processes of their own; this process only
// sends load. Closed-loop pairs (the most each can do), interleaved so that the machine's
// other load falls on both alike; then evenly spaced requests at half the raw server's
// maximum, for p99. BENCH_PROFILE_DIR=<dir> also profiles one closed-loop run of each;
// BASELINE_SYSCALLS=1 counts each one's syscalls per request under strace (HTTP and pg sockets).
const PAIRS = Number(process.env.BASELINE_PAIRS ?? 5);
const SECONDS = Number(process.env.BASELINE_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BASELINE_CONNECTIONS ?? 16);
// Each pair's closed-loop time is cut into this many slices, the two servers taking turns
// (ABAB...): a burst of other load on this shared machine then falls on both alike, where one
// whole run each would often catch it on one side only.
const SLICES = Math.max(1, Number(process.env.BASELINE_SLICES ?? 5));
const PACED_SECONDS = Number(process.env.BASELINE_PACED_SECONDS ?? 10);
const PACED_ROUNDS = Number(process.env.BASELINE_PACED_ROUNDS ?? 3);
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const SYSCALLS = process.env.BASELINE_SYSCALLS === '1';
const DIST = import.meta.dirname;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Server {
  label: string;
  port: number;
  child: ChildProcess;
  base: string;
  target: Target;
}

async function start(
  label: string,
  script: string,
  port: number,
  env: NodeJS.ProcessEnv,
  ready: string,
): Promise<Server> {
  const hook = PROFILE_DIR ? ['--import', join(DIST, 'bench', 'profile-hook.js')] : [];
  const child = spawn(process.execPath, [...hook, join(DIST, script)], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      BENCH_PROFILE_LABEL: label,
      BENCH_PROFILE_DIR: PROFILE_DIR ?? '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
    try {
      const res = await fetch(base + ready);
      if (res.status < 500) return { label, port, child, base, target: { url: '' } };
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`${label} did not start`);
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
}

interface Run {
  out: Outcome;
  nodeMsPerRequest: number;
  pgMsPerRequest: number;
}

async function measure(s: Server, pgDir: string, run: () => Promise<Outcome>): Promise<Run> {
  const node0 = processCpuMs(s.child.pid!);
  const pg0 = postgresCpu(pgDir);
  const out = await run();
  const pg1 = postgresCpu(pgDir);
  if (out.errors) throw new Error(`${s.label}: ${out.errors} failed, e.g. ${out.firstError}`);
  const n = Math.max(1, out.latencies.length);
  return {
    out,
    nodeMsPerRequest: (processCpuMs(s.child.pid!) - node0) / n,
    pgMsPerRequest: cpuBetween(pg0, pg1) / n,
  };
}

/** Slices of one server's closed-loop runs as one run: CPU per request weighted by requests. */
function combine(parts: Run[]): Run {
  const n = (r: Run) => Math.max(1, r.out.latencies.length);
  const total = parts.reduce((t, r) => t + n(r), 0);
  return {
    out: {
      latencies: parts.flatMap((r) => r.out.latencies),
      errors: parts.reduce((t, r) => t + r.out.errors, 0),
      firstError: parts.find((r) => r.out.firstError)?.out.firstError ?? null,
      elapsedMs: parts.reduce((t, r) => t + r.out.elapsedMs, 0),
    },
    nodeMsPerRequest: parts.reduce((t, r) => t + r.nodeMsPerRequest * n(r), 0) / total,
    pgMsPerRequest: parts.reduce((t, r) => t + r.pgMsPerRequest * n(r), 0) / total,
  };
}

async function profile(s: Server): Promise<void> {
  const dir = PROFILE_DIR!;
  const before = new Set(readdirSync(dir));
  s.child.kill('SIGUSR2');
  await sleep(300);
  const out = await closedLoop(s.target, { connections: CONNECTIONS, durationMs: 10_000 });
  s.child.kill('SIGUSR2');
  let file: string | undefined;
  for (let i = 0; i < 100 && !file; i++) {
    await sleep(100);
    file = readdirSync(dir).find((f) => !before.has(f) && f.startsWith(s.label));
  }
  if (!file) throw new Error(`${s.label}: no profile was written`);
  await sleep(300); // let the write finish
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  console.log(
    '\n' + formatSummary(`${s.label} (${join(dir, file)})`, summarise(p), out.latencies.length),
  );
}

async function main(): Promise<void> {
  if (PROFILE_DIR && !existsSync(PROFILE_DIR)) mkdirSync(PROFILE_DIR, { recursive: true });
  const pgPort = 58000 + Math.floor(Math.random() * 900);
  const pgServer = await throwawayDatabase(pgPort);
  const servers: Server[] = [];
  try {
    await migrateAndGrant(pgServer);
    const [attunePort, rawPort] = [await freePort(), await freePort()];
    const attune = await start(
      'attune',
      'main.js',
      attunePort,
      {
        NODE_ENV: 'production',
        DATABASE_URL: pgServer.url,
        MIGRATION_DATABASE_URL: pgServer.ownerUrl,
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${attunePort}`,
        SESSION_SECRET: randomBytes(32).toString('hex'),
        SEED_DEMO: 'false',
        API_DOCS: 'false',
        OUTBOX_INTERVAL_MS: '0',
        CLIENT_DIST: '/nonexistent',
      },
      '/api/health',
    );
    servers.push(attune);
    // After Attune's first start: the seed needs its built-in instruments and modules.
    const owner = new pg.Client({ connectionString: pgServer.ownerUrl });
    await owner.connect();
    const seeded = await seedAtSize(owner, { clients: 500, screenings: 2000, neighbour: false });
    await owner.end();
    const raw = await start(
      'raw',
      'bench-raw-server.js',
      rawPort,
      { DATABASE_URL: pgServer.url },
      '/',
    );
    servers.push(raw);

    const path = `/api/clients/${seeded.clientIds[7]}`;
    const cookie = await browserCookies(attune.base, seeded.sessionToken);
    for (const s of servers) s.target = { url: s.base + path, headers: { cookie } };
    const pgDir = pgServer.dataDir!;

    console.log(
      `GET /api/clients/:id, ${CONNECTIONS} connections, ${SECONDS} s per server per pair in ${SLICES} ` +
        `alternating slices; load average ${load()}`,
    );
    for (const s of servers)
      await closedLoop(s.target, { connections: CONNECTIONS, durationMs: 3000 });

    const ratios: number[] = [];
    const rawMax: number[] = [];
    const cpu = {
      attune: [] as number[],
      raw: [] as number[],
      pgA: [] as number[],
      pgR: [] as number[],
    };
    for (let i = 0; i < PAIRS; i++) {
      // Alternate which goes first, so neither always runs in the other's wake.
      const order = i % 2 ? [raw, attune] : [attune, raw];
      const parts = new Map<Server, Run[]>(servers.map((s) => [s, []]));
      for (let k = 0; k < SLICES; k++)
        for (const s of order)
          parts.get(s)!.push(
            await measure(s, pgDir, () =>
              closedLoop(s.target, {
                connections: CONNECTIONS,
                durationMs: (SECONDS * 1000) / SLICES,
              }),
            ),
          );
      const a = combine(parts.get(attune)!);
      const r = combine(parts.get(raw)!);
      const ratio = throughput(a.out) / throughput(r.out);
      ratios.push(ratio);
      rawMax.push(throughput(r.out));
      cpu.attune.push(a.nodeMsPerRequest);
      cpu.raw.push(r.nodeMsPerRequest);
      cpu.pgA.push(a.pgMsPerRequest);
      cpu.pgR.push(r.pgMsPerRequest);
      const line = (x: Run) =>
        `${throughput(x.out).toFixed(0).padStart(5)} req/s (CPU/request: node ${x.nodeMsPerRequest.toFixed(2)} ms, postgres ${x.pgMsPerRequest.toFixed(2)} ms)`;
      console.log(
        `pair ${i + 1}: attune ${line(a)} | raw ${line(r)} | ratio ${ratio.toFixed(2)}  [load ${load()}]`,
      );
    }
    const sorted = [...ratios].sort((x, y) => x - y);
    console.log(
      `\nthroughput ratio attune/raw: median ${median(ratios).toFixed(2)} (range ${sorted[0]!.toFixed(2)}-${sorted[sorted.length - 1]!.toFixed(2)}, ${PAIRS} pairs)`,
    );
    console.log(
      `node CPU per request: attune ${median(cpu.attune).toFixed(2)} ms, raw ${median(cpu.raw).toFixed(2)} ms; ` +
        `postgres CPU per request: attune ${median(cpu.pgA).toFixed(2)} ms, raw ${median(cpu.pgR).toFixed(2)} ms (medians)`,
    );

    const rate = Math.max(1, Math.round(median(rawMax) / 2));
    // Each round in alternating slices too, for the same reason as the pairs.
    const count = Math.max(1, Math.round((rate * PACED_SECONDS) / SLICES));
    const p99Ratios: number[] = [];
    console.log(
      `\nevenly spaced at ${rate} req/s (half the raw server's median maximum), ${count * SLICES} requests per server per round in ${SLICES} alternating slices:`,
    );
    for (let i = 0; i < PACED_ROUNDS; i++) {
      const order = i % 2 ? [raw, attune] : [attune, raw];
      const parts = new Map<Server, Run[]>(servers.map((s) => [s, []]));
      for (let k = 0; k < SLICES; k++)
        for (const s of order)
          parts.get(s)!.push(await measure(s, pgDir, () => paced(s.target, { rate, count })));
      const p99 = new Map<Server, number>();
      for (const s of order) {
        const run = combine(parts.get(s)!);
        const { latencies } = run.out;
        p99.set(s, percentile(latencies, 99));
        // Both at the same rate: Postgres's fixed background work (WAL writer, checkpoints,
        // autovacuum) weighs the same per request on each, unlike in the closed-loop runs.
        console.log(
          `  round ${i + 1} ${s.label.padEnd(6)} p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms ` +
            `(CPU/request: node ${run.nodeMsPerRequest.toFixed(2)} ms, postgres ${run.pgMsPerRequest.toFixed(2)} ms)`,
        );
      }
      p99Ratios.push(p99.get(attune)! / p99.get(raw)!);
    }
    console.log(
      `p99 ratio attune/raw: median ${median(p99Ratios).toFixed(2)} (${p99Ratios.map((r) => r.toFixed(2)).join(', ')})`,
    );

    if (SYSCALLS && !straceAvailable()) console.log('\nBASELINE_SYSCALLS: strace is not installed');
    else if (SYSCALLS) {
      // Evenly spaced and well below either maximum, so that a request's reads and writes are
      // not batched with another's (strace slows the server down).
      console.log('\nsyscalls per request, 2000 requests evenly spaced at 200/s:');
      for (const s of servers) {
        const c = await traceSyscalls(s.child.pid!, { http: s.port, pg: pgPort }, async () => {
          const out = await paced(s.target, { rate: 200, count: 2000 });
          return out.latencies.length;
        });
        console.log(formatSyscalls(s.label, c));
      }
    }

    if (PROFILE_DIR) for (const s of servers) await profile(s);
    console.log(`\nload average at the end: ${load()}`);
  } finally {
    for (const s of servers) await stopServer(s);
    await pgServer.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
