#!/usr/bin/env node
// Crash and shutdown check against the built server (`npm run build` first), on a throwaway
// embedded Postgres. CI runs it (.ci/run). Four parts:
//  1. SIGTERM while requests are in flight: every one of them completes, the server exits 0
//     and the Postgres it owns stops; every acknowledged write is in the database and no
//     unacknowledged one is.
//  2. A frozen Postgres (SIGSTOP): how many seconds until /api/health says 503.
//  3. kill -9 of the server: the next start adopts the orphaned Postgres and SIGINT stops it.
//  4. A stale postmaster.pid naming a live process that is not Postgres: a clear message.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from './free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'server/dist/server/src/main.js');
if (!existsSync(main)) {
  console.error(`${main} is missing: run \`npm run build\` first.`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'attune-shutdown-'));
chmodSync(dir, 0o755); // as root, Postgres runs as user postgres and must reach the folder
const dataDir = join(dir, 'pg');
// Every restart below reuses both ports (the restarted server adopts the same Postgres).
const port = await freePort();
const pgPort = await freePort({ taken: [port] });
const base = `http://127.0.0.1:${port}`;
const ownerUrl = `postgres://postgres:attune-local@127.0.0.1:${pgPort}/attune`;
const run = Math.random().toString(36).slice(2, 8);
const failures = [];
const results = [];

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

function startServer(label) {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      SEED_DEMO: 'true',
      ALLOW_SIGNUP: 'true',
      CLIENT_DIST: join(dir, 'no-client'),
      OUTBOX_INTERVAL_MS: '200',
      SHUTDOWN_GRACE_MS: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => out, label };
}

async function waitHealthy(server, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const early = await Promise.race([server.exited, new Promise((r) => setTimeout(r, 250, null))]);
    if (early)
      throw new Error(
        `${server.label} exited early (${JSON.stringify(early)}):\n${server.output()}`,
      );
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
  }
  throw new Error(`${server.label} did not become healthy:\n${server.output()}`);
}

const pidOf = () => {
  const file = join(dataDir, 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
};
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};
const exitedWithin = (server, ms) =>
  Promise.race([server.exited, new Promise((r) => setTimeout(r, ms, { code: 'timeout' }))]);

/** A signed-in admin of the demo practice: cookies and the XSRF token. */
async function signIn() {
  const cookies = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(await fetch(`${base}/api/health`));
  const header = () => ({
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    'x-xsrf-token': cookies.get('XSRF-TOKEN') ?? '',
    'content-type': 'application/json',
  });
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: header(),
    body: JSON.stringify({ email: 'admin@example.com', password: 'attune-demo-2026' }),
  });
  if (login.status !== 200) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  keep(login);
  return header();
}

async function countDrainClients() {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM clients WHERE last_name LIKE $1`,
      [`Drain-${run}-%`],
    );
    return rows[0].n;
  } finally {
    await c.end();
  }
}

function clusterPids(postmaster) {
  const children = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/**
 * Signals a process that may have ended meanwhile: a Postgres backend listed a moment ago can
 * exit before it is stopped or continued (ESRCH), and that is no failure of the server's.
 */
function signalIfAlive(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

try {
  // 1. SIGTERM with requests in flight.
  {
    const server = startServer('server (drain)');
    await waitHealthy(server);
    const headers = await signIn();
    const pgPid = pidOf();
    // Open the connections first (keep-alive), so that every request below reaches a connection
    // the server has accepted: SIGTERM closes the listener, and the kernel refuses connections
    // the server had not accepted yet (nothing was started on those).
    await Promise.all(
      Array.from({ length: 48 }, () => fetch(`${base}/api/health`).then((r) => r.arrayBuffer())),
    );
    let acknowledged = 0;
    const sent = [];
    for (let i = 0; i < 24; i++)
      sent.push(
        fetch(`${base}/api/clients`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ firstName: 'Dana', lastName: `Drain-${run}-${i}` }),
        }).then((r) => {
          if (r.status === 201) acknowledged++;
          return r.status;
        }),
      );
    // Password checks are slow on purpose (argon2id): these are still running at SIGTERM.
    for (let i = 0; i < 12; i++)
      sent.push(
        fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ email: 'theo@example.com', password: 'attune-demo-2026' }),
        }).then((r) => r.status),
      );
    for (let i = 0; i < 12; i++)
      sent.push(fetch(`${base}/api/dashboard`, { headers }).then((r) => r.status));
    let answered = 0;
    const settled = sent.map((p) =>
      p.then(
        (status) => {
          answered++;
          return { status };
        },
        (error) => {
          answered++;
          return { error: String(error.cause?.code ?? error.message) };
        },
      ),
    );
    await new Promise((r) => setTimeout(r, 60));
    const inFlight = sent.length - answered;
    server.child.kill('SIGTERM');
    const outcomes = await Promise.all(settled);
    const exit = await exitedWithin(server, 30_000);
    const completed = outcomes.filter((o) => o.status && o.status < 500).length;
    const failed = outcomes.length - completed;
    const atServer = /finishing the (\d+) requests in flight/.exec(server.output())?.[1] ?? '?';
    const line = `SIGTERM with ${sent.length} requests sent, ${inFlight} unanswered (${atServer} being handled by the server): ${completed} completed, ${failed} failed; exit ${exit.code}`;
    results.push(line);
    check(failed === 0 && inFlight > 0, line);
    if (failed) console.log(JSON.stringify(outcomes.filter((o) => !o.status || o.status >= 500)));
    check(
      exit.code === 0,
      `exit code 0 after SIGTERM (got ${exit.code}${exit.signal ? `, ${exit.signal}` : ''})`,
    );
    check(
      !!pgPid && !alive(pgPid) && !existsSync(join(dataDir, 'postmaster.pid')),
      'the Postgres it owned has stopped',
    );
    check(
      /SIGTERM received/.test(server.output()) && /Stopped\./.test(server.output()),
      'logged an orderly stop',
    );
    // Restart to compare what was acknowledged with what is stored.
    const again = startServer('server (verify)');
    await waitHealthy(again);
    const stored = await countDrainClients();
    check(stored === acknowledged, `acknowledged writes ${acknowledged} = stored ${stored}`);
    results.push(
      `writes acknowledged ${acknowledged}, found in the database after restart ${stored}`,
    );

    // 2. Frozen Postgres: seconds until health says 503 (default HEALTH_DB_TIMEOUT_MS).
    const pids = clusterPids(pidOf());
    for (const pid of pids) signalIfAlive(pid, 'SIGSTOP');
    const t0 = Date.now();
    let status = 0;
    try {
      status = (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(15_000) })).status;
    } catch {
      status = -1;
    } finally {
      for (const pid of pids) signalIfAlive(pid, 'SIGCONT');
    }
    const seconds = ((Date.now() - t0) / 1000).toFixed(2);
    results.push(`frozen Postgres (SIGSTOP) to health ${status}: ${seconds} s`);
    check(
      status === 503 && Number(seconds) < 4,
      `frozen Postgres: health ${status} after ${seconds} s`,
    );
    again.child.kill('SIGTERM');
    check((await exitedWithin(again, 30_000)).code === 0, 'exit 0 after SIGTERM (verify run)');
  }

  // 3. kill -9: the orphaned Postgres is adopted and stopped on SIGINT.
  {
    const first = startServer('server (to be killed)');
    await waitHealthy(first);
    const pgPid = pidOf();
    first.child.kill('SIGKILL');
    await first.exited;
    check(
      !!pgPid && alive(pgPid),
      `after kill -9 the Postgres (process ${pgPid}) is still running`,
    );
    const second = startServer('server (adopts)');
    await waitHealthy(second);
    check(/Adopting the Postgres left running/.test(second.output()), 'the next start adopts it');
    check((await countDrainClients()) > 0, 'and the data is there');
    second.child.kill('SIGINT');
    const exit = await exitedWithin(second, 30_000);
    check(exit.code === 0, `exit code 0 after SIGINT (got ${exit.code})`);
    check(
      !alive(pgPid) && !existsSync(join(dataDir, 'postmaster.pid')),
      'the adopted Postgres has stopped',
    );
    results.push(
      `kill -9, restart (adopted process ${pgPid}), SIGINT: exit ${exit.code}, Postgres stopped: ${!alive(pgPid)}`,
    );
  }

  // 4. A stale postmaster.pid naming a live process that is not Postgres.
  {
    const impostor = spawn('sleep', ['60'], { stdio: 'ignore' });
    writeFileSync(
      join(dataDir, 'postmaster.pid'),
      `${impostor.pid}\n${dataDir}\n0\n${pgPort}\n\n127.0.0.1\n`,
    );
    const server = startServer('server (stale pid file)');
    const exit = await exitedWithin(server, 60_000);
    check(exit.code === 1, `refuses to start (exit ${exit.code})`);
    check(
      /not Postgres/.test(server.output()) && /postmaster\.pid/.test(server.output()),
      'with a clear message',
    );
    const message =
      server
        .output()
        .split('\n')
        .find((l) => /not Postgres/.test(l)) ?? '';
    results.push(
      `stale postmaster.pid naming "sleep": exit ${exit.code}: ${message.trim().slice(0, 140)}...`,
    );
    impostor.kill();
    rmSync(join(dataDir, 'postmaster.pid'), { force: true });
  }
} catch (e) {
  failures.push(e.message);
  console.error(e);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log('\n=== shutdown check ===');
for (const r of results) console.log(r);
console.log(failures.length ? `${failures.length} failed` : 'all passed');
process.exit(failures.length ? 1 : 0);
