#!/usr/bin/env node
// Live check of docker/Caddyfile in front of the built server (`npm run build` first), without
// Docker: Caddy (the `caddy` binary, e.g. Debian's package; CADDY=/path overrides) runs the very
// Caddyfile compose mounts, with its upstream pointed at one app process on this machine. A
// client connects from 127.0.0.5, so the proxy (127.0.0.1, the only address in TRUST_PROXY) and
// the client can be told apart. CI runs it (.ci/run). It checks:
//  - TLS for the host name with Caddy's internal CA, and the http -> https redirect;
//  - the app sees the client's address (sign-in records 127.0.0.5), not the proxy's, and not a
//    X-Forwarded-For the client made up; cookies are Secure because the proxy says https;
//  - a client that reaches the app directly cannot claim another address with X-Forwarded-For.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { freePort, portWasTaken } from './free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'server/dist/server/src');
const caddy = process.env.CADDY ?? 'caddy';
if (!existsSync(join(dist, 'main.js'))) {
  console.error(`${dist}/main.js is missing: run \`npm run build\` first.`);
  process.exit(2);
}
if (spawnSync(caddy, ['version']).status !== 0) {
  console.error(`No Caddy at "${caddy}" (apt-get install -y caddy, or set CADDY).`);
  process.exit(2);
}
const { throwawayDatabase } = await import(pathToFileURL(join(dist, 'database/connect.js')).href);
const { migrateAndGrant } = await import(pathToFileURL(join(dist, 'database/migrate.js')).href);

const CLIENT = '127.0.0.5';
// Chosen per attempt (see start()): the app's port, and Caddy's plain-HTTP and HTTPS ports.
let port;
let httpPort;
let httpsPort;
const dir = mkdtempSync(join(tmpdir(), 'attune-proxy-'));
chmodSync(dir, 0o755);
const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

function run(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((r) => child.on('exit', r));
  return { child, exited, output: () => out };
}

/** One request through the proxy (TLS verified against Caddy's root) or straight to the app. */
function request(opts) {
  const { via, method = 'GET', path, headers = {}, body } = opts;
  const tls = via === 'proxy';
  const lib = tls ? https : http;
  const rootCert = join(dir, 'data/caddy/pki/authorities/local/root.crt');
  if (tls && !existsSync(rootCert)) return Promise.reject(new Error('no local CA yet'));
  const ca = tls ? readFileSync(rootCert, 'utf8') : undefined;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        host: '127.0.0.1',
        port: via === 'proxy' ? httpsPort : via === 'plain-http' ? httpPort : port,
        method,
        path,
        localAddress: CLIENT,
        ...(tls ? { ca, servername: 'localhost' } : {}),
        headers: {
          host: via === 'app' ? `127.0.0.1:${port}` : 'localhost',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/** Signs up and in through `via` with a made-up X-Forwarded-For; returns the Set-Cookie lines. */
async function signIn(via, email) {
  const jar = new Map();
  const call = async (method, path, body) => {
    const res = await request({
      via,
      method,
      path,
      body,
      headers: {
        'x-forwarded-for': '203.0.113.9',
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-xsrf-token': jar.get('XSRF-TOKEN') ?? '',
      },
    });
    for (const c of res.headers['set-cookie'] ?? []) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    if (res.status >= 300) throw new Error(`${via} ${method} ${path}: ${res.status} ${res.text}`);
    return res;
  };
  await call('GET', '/api/health');
  await call('POST', '/api/practices', {
    practiceName: 'Proxy Check',
    timeZone: 'UTC',
    adminEmail: email,
    adminDisplayName: 'Pat Proxy',
    adminPassword: 'proxy-check-password',
  });
  const login = await call('POST', '/api/auth/login', {
    email,
    password: 'proxy-check-password',
  });
  return login.headers['set-cookie'] ?? [];
}

/**
 * Starts the app and Caddy in front of it on free ports and waits until /api/health answers
 * through the proxy. The ports are free when chosen, but something may take one before the app or
 * Caddy binds it; then both stop and the next attempt takes new ports.
 */
async function start(attempt) {
  port = await freePort();
  httpPort = await freePort({ taken: [port] });
  httpsPort = await freePort({ udp: true, taken: [port, httpPort] });
  app = run(process.execPath, [join(dist, 'main.js')], {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    MIGRATE_ON_START: 'false',
    PUBLIC_URL: `https://localhost:${httpsPort}`,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    TRUST_PROXY: '127.0.0.1',
    HOST: '127.0.0.1',
    PORT: String(port),
    ALLOW_SIGNUP: 'true',
    SEED_DEMO: 'false',
    CLIENT_DIST: join(dir, 'no-client'),
  });
  proxy = run(caddy, ['run', '--adapter', 'caddyfile', '--config', 'docker/Caddyfile'], {
    ATTUNE_HOST: 'localhost',
    CADDY_TLS: 'internal',
    APP_UPSTREAM: '127.0.0.1',
    APP_PORT: String(port),
    CADDY_HTTP_PORT: String(httpPort),
    CADDY_HTTPS_PORT: String(httpsPort),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
  });
  const deadline = Date.now() + 120_000;
  let health;
  while (Date.now() < deadline) {
    health = await request({ via: 'proxy', path: '/api/health' }).catch((e) => e);
    if (health.status === 200) return health;
    if (app.child.exitCode !== null || proxy.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const taken = portWasTaken(app.output()) || portWasTaken(proxy.output());
  if (taken && attempt < 3) {
    console.log(
      `a port was taken before it could be bound (${port}, ${httpPort}, ${httpsPort}); new ports`,
    );
    await stop();
    return start(attempt + 1);
  }
  return health;
}

async function stop() {
  proxy?.child.kill('SIGTERM');
  app?.child.kill('SIGTERM');
  await Promise.all([proxy?.exited, app?.exited]);
}

const db = await throwawayDatabase(57000 + Math.floor(Math.random() * 1000));
let app;
let proxy;
try {
  await migrateAndGrant(db);
  const health = await start(1);
  check(
    health?.status === 200,
    'https://localhost through Caddy answers /api/health (TLS verified)',
  );
  if (health?.status !== 200)
    throw new Error(`not up: ${health}\napp:\n${app.output()}\ncaddy:\n${proxy.output()}`);

  const redirect = await request({ via: 'plain-http', path: '/login' });
  check(
    [301, 308].includes(redirect.status) && redirect.headers.location === `https://localhost/login`,
    `plain http redirects to https (${redirect.status} ${redirect.headers.location})`,
  );

  const viaProxy = `proxy.${randomBytes(3).toString('hex')}@example.org`;
  const cookies = await signIn('proxy', viaProxy);
  const session = cookies.find((c) => c.startsWith('attune_session='));
  check(/;\s*secure/i.test(session ?? ''), 'the session cookie is Secure (the proxy said https)');
  const direct = `direct.${randomBytes(3).toString('hex')}@example.org`;
  await signIn('app', direct);

  const c = new pg.Client({ connectionString: db.ownerUrl });
  c.on('error', () => undefined);
  await c.connect();
  const ipOf = async (email) =>
    (
      await c.query(
        `SELECT s.ip FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`,
        [email],
      )
    ).rows[0]?.ip;
  const proxied = await ipOf(viaProxy);
  const straight = await ipOf(direct);
  await c.end();
  check(
    proxied === CLIENT,
    `through the proxy the app records the client's address (${proxied}; a made-up X-Forwarded-For was sent)`,
  );
  check(
    straight === CLIENT,
    `straight to the app, X-Forwarded-For from a client is ignored (${straight})`,
  );
} finally {
  await stop();
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures.length ? `${failures.length} check(s) failed` : 'proxy check passed');
process.exit(failures.length ? 1 : 0);
