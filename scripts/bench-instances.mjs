#!/usr/bin/env node
// `npm run bench:instances`: requests per second and p99 of an authenticated read
// (GET /api/clients/:id as a therapist) with one app instance and with two on one Postgres,
// measured with autocannon against the built server (`npm run build` first), plus the database
// connections each instance holds (pg_stat_activity). Rounds alternate one and two instances, so
// a machine shared with other work gets a fair share of noise on both; the load average is
// printed beside each round.
//   BENCH_SECONDS (10) per round, BENCH_ROUNDS (3) pairs, BENCH_CONNECTIONS (10), PG_POOL_MAX (10),
//   BENCH_PORT (the instances take the next two ports)
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'server/dist/server/src');
if (!existsSync(join(dist, 'main.js'))) {
  console.error(`${dist}/main.js is missing: run \`npm run build\` first.`);
  process.exit(2);
}
const { throwawayDatabase } = await import(pathToFileURL(join(dist, 'database/connect.js')).href);
const { migrateAndGrant } = await import(pathToFileURL(join(dist, 'database/migrate.js')).href);

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const POOL = Number(process.env.PG_POOL_MAX ?? 10);
const secret = randomBytes(32).toString('hex');
// Instances listen on BENCH_PORT + 1 and + 2 (a random free-looking range when unset).
const basePort = Number(process.env.BENCH_PORT ?? 42000 + Math.floor(Math.random() * 1000));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function startInstance(db, n) {
  const port = basePort + n;
  const url = new URL(db.url);
  url.searchParams.set('application_name', `attune-${n}`);
  const child = spawn(process.execPath, [join(dist, 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url.toString(),
      MIGRATION_DATABASE_URL: db.ownerUrl,
      MIGRATE_ON_START: 'false',
      PUBLIC_URL: `http://127.0.0.1:${basePort + 1}`,
      SESSION_SECRET: secret,
      PORT: String(port),
      HOST: '127.0.0.1',
      ALLOW_SIGNUP: 'true',
      SEED_DEMO: 'false',
      API_DOCS: 'false',
      PG_POOL_MAX: String(POOL),
      CLIENT_DIST: join(root, '.no-client'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((r) => child.on('exit', r));
  return { child, exited, base: `http://127.0.0.1:${port}`, output: () => out };
}

async function healthy(inst) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${inst.base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (inst.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance at ${inst.base} did not start:\n${inst.output()}`);
}

/** Signs up a practice whose admin is a therapist, adds a client; returns cookies and the path. */
async function setUp(base) {
  const jar = new Map();
  const call = async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-xsrf-token': jar.get('XSRF-TOKEN') ?? '',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await call('GET', '/api/health');
  const email = `bench.${randomBytes(4).toString('hex')}@example.org`;
  const password = 'bench-password-long';
  await call('POST', '/api/practices', {
    practiceName: 'Bench Practice',
    timeZone: 'UTC',
    adminEmail: email,
    adminDisplayName: 'Bench Therapist',
    adminPassword: password,
    adminIsTherapist: true,
  });
  await call('POST', '/api/auth/login', { email, password });
  const client = await call('POST', '/api/clients', { firstName: 'Bea', lastName: 'Bench' });
  return {
    path: `/api/clients/${client.id}`,
    cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

async function connections(ownerUrl) {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT application_name AS app, count(*)::int AS n,
              count(*) FILTER (WHERE state = 'active')::int AS active
         FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'attune-%'
        GROUP BY 1 ORDER BY 1`,
    );
    return rows;
  } finally {
    await c.end();
  }
}

async function measure(label, bases, target, ownerUrl) {
  const before = load();
  let peak = [];
  const sampler = setInterval(() => {
    void connections(ownerUrl).then((rows) => {
      if (rows.reduce((s, r) => s + r.n, 0) >= peak.reduce((s, r) => s + r.n, 0)) peak = rows;
    });
  }, 1000);
  const result = await autocannon({
    url: bases.map((b) => b + target.path),
    headers: { cookie: target.cookie },
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  clearInterval(sampler);
  const bad = result.non2xx + result.errors + result.timeouts;
  const row = {
    label,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad,
    connections: peak.map((r) => `${r.app}:${r.n}`).join(' '),
    load: `${before} -> ${load()}`,
  };
  console.log(
    `${label.padEnd(13)} ${String(row.rps).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  non-2xx/errors ${bad}  pg connections ${row.connections}  load ${row.load}`,
  );
  if (bad) throw new Error(`${bad} requests failed in "${label}"`);
  return row;
}

const db = await throwawayDatabase(58000 + Math.floor(Math.random() * 1000));
const instances = [];
try {
  await migrateAndGrant(db);
  instances.push(startInstance(db, 1), startInstance(db, 2));
  await Promise.all(instances.map(healthy));
  const target = await setUp(instances[0].base);
  // Both instances serve the session made on the first.
  for (const inst of instances) {
    const res = await fetch(inst.base + target.path, { headers: { cookie: target.cookie } });
    if (res.status !== 200) throw new Error(`${inst.base}: ${res.status}`);
  }
  console.log(
    `GET ${target.path.replace(/[0-9a-f-]{36}/, ':id')} as a therapist; ${CONNECTIONS} connections, ${SECONDS} s per round, PG_POOL_MAX=${POOL}; load average ${load()}`,
  );
  const bases = instances.map((i) => i.base);
  await measure('warm-up', bases, target, db.ownerUrl);
  const one = [];
  const two = [];
  for (let r = 0; r < ROUNDS; r++) {
    one.push(await measure('one instance', bases.slice(0, 1), target, db.ownerUrl));
    two.push(await measure('two instances', bases, target, db.ownerUrl));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const r1 = median(one.map((r) => r.rps));
  const r2 = median(two.map((r) => r.rps));
  console.log(
    `median: one instance ${r1} req/s (p99 ${median(one.map((r) => r.p99))} ms), two instances ${r2} req/s (p99 ${median(two.map((r) => r.p99))} ms): ratio ${(r2 / r1).toFixed(2)}`,
  );
} finally {
  for (const i of instances) i.child.kill('SIGTERM');
  await Promise.all(instances.map((i) => i.exited));
  await db.stop();
}
