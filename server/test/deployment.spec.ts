import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { assertServable, loadConfig, parseTrustProxy } from '../src/config.js';
import { appDataSourceOptions } from '../src/database/data-source.js';
import { REPO_ROOT } from '../src/database/paths.js';

// There is no Docker engine here: the compose file and the Caddyfile are read and their shape
// checked against what the app needs (CI also runs `caddy validate` and a live proxy check).

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  restart?: string;
  ports?: string[];
  expose?: string[];
  container_name?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  networks?: string[] | Record<string, { ipv4_address?: string } | null>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { ipam?: { config: { subnet: string }[] } }>;
}

const text = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const compose = parse(text('docker-compose.yml')) as Compose;
const caddyfile = text('docker/Caddyfile');

/** Compose's ${VAR:-default} and ${VAR:?message} with nothing set: the defaults. */
function defaults(value: string, env: Record<string, string> = {}): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op, rest: string) => {
    if (env[name] !== undefined) return env[name];
    if (op === '?') throw new Error(`${name} is required: ${rest}`);
    return op === '-' ? rest : '';
  });
}
const networksOf = (s: Service) =>
  Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const n = (a: string) => a.split('.').reduce((x, o) => x * 256 + Number(o), 0);
  const mask = 2 ** 32 - 2 ** (32 - Number(bits));
  return (n(ip) & mask) >>> 0 === (n(base!) & mask) >>> 0;
}

describe('docker-compose.yml: scaled app replicas behind a TLS proxy', () => {
  const { db, migrate, app, proxy } = compose.services;

  it('has the database, a one-shot migrate job, the app and the proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'db', 'migrate', 'proxy']);
  });

  it('lets the app scale: no fixed host port, no container name, reachable only through the proxy', () => {
    expect(app!.ports).toBeUndefined();
    expect(app!.container_name).toBeUndefined();
    expect(app!.expose).toEqual(['3000']);
    expect(networksOf(app!).sort()).toEqual(['data', 'edge']);
    // The proxy cannot reach Postgres; Postgres is on no network the proxy shares.
    expect(networksOf(proxy!)).toEqual(['edge']);
    expect(networksOf(db!)).toEqual(['data']);
  });

  it('runs migrations once, before any replica, with the owner role only in the migrate job', () => {
    expect(migrate!.command).toEqual(['node', 'server/dist/server/src/cli.js', 'run']);
    expect(migrate!.restart).toBe('no');
    expect(migrate!.environment!.MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/attune:/);
    expect(app!.depends_on).toEqual({
      db: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
    expect(app!.environment!.MIGRATE_ON_START).toBe('false');
    expect(app!.environment).not.toHaveProperty('MIGRATION_DATABASE_URL');
    expect(app!.environment!.DATABASE_URL).toMatch(/^postgres:\/\/attune_app:/);
  });

  it('checks each replica on /api/health, and starts the proxy once one is healthy', () => {
    expect(app!.healthcheck!.test.join(' ')).toContain("fetch('http://127.0.0.1:3000/api/health')");
    expect(proxy!.depends_on).toEqual({ app: { condition: 'service_healthy' } });
  });

  it('trusts proxy headers from the proxy’s fixed address only, inside the edge subnet', () => {
    const edge = (proxy!.networks as Record<string, { ipv4_address: string }>).edge!;
    const proxyIp = defaults(edge.ipv4_address);
    const subnet = defaults(compose.networks.edge!.ipam!.config[0]!.subnet);
    expect(inCidr(proxyIp, subnet)).toBe(true);
    const trust = parseTrustProxy(defaults(app!.environment!.TRUST_PROXY!));
    expect(trust).toEqual([proxyIp]);
    // Setting PROXY_ADDRESS moves both together.
    expect(defaults(app!.environment!.TRUST_PROXY!, { PROXY_ADDRESS: '10.1.2.3' })).toBe(
      defaults(edge.ipv4_address, { PROXY_ADDRESS: '10.1.2.3' }),
    );
  });

  it("gives the app a production configuration our own loader accepts, at the proxy's https host", () => {
    const env = Object.fromEntries(
      Object.entries(app!.environment!).map(([k, v]) => [
        k,
        defaults(v, { SESSION_SECRET: 'x'.repeat(64), ATTUNE_HOST: 'attune.example.org' }),
      ]),
    );
    expect(() => defaults(app!.environment!.SESSION_SECRET!)).toThrow(/SESSION_SECRET is required/);
    const config = loadConfig(env);
    expect(() => assertServable(config)).not.toThrow();
    expect(config.production).toBe(true);
    expect(config.publicUrl).toBe('https://attune.example.org');
    expect(config.migrateOnStart).toBe(false);
    expect(config.allowSignup).toBe(false);
    expect(config.db.poolMax).toBe(10);
    // Warm connections stay: reopening them after a quiet spell stalled bursts (bench:baseline).
    expect(config.db.poolIdleTimeoutMs).toBe(0);
    const pool = appDataSourceOptions('postgres://db/attune', config.db, []).extra as {
      idleTimeoutMillis: number;
      max: number;
    };
    expect(pool).toMatchObject({ idleTimeoutMillis: 0, max: 10 });
    expect(loadConfig({ ...env, PG_POOL_IDLE_TIMEOUT_MS: '60000' }).db.poolIdleTimeoutMs).toBe(
      60_000,
    );
    expect(defaults(proxy!.environment!.ATTUNE_HOST!)).toBe(
      new URL(defaults(app!.environment!.PUBLIC_URL!)).hostname,
    );
  });

  it('publishes only the proxy, on 80 and 443, with the Caddyfile mounted', () => {
    expect(proxy!.image).toMatch(/^caddy:2\.\d+$/);
    expect(proxy!.ports).toEqual(['80:80', '443:443', '443:443/udp']);
    expect(proxy!.volumes).toContain('./docker/Caddyfile:/etc/caddy/Caddyfile:ro');
    for (const [name, s] of Object.entries(compose.services))
      if (name !== 'proxy') expect(s.ports).toBeUndefined();
  });
});

describe('docker/Caddyfile', () => {
  it('serves the configured host over TLS, with automatic or internal certificates', () => {
    expect(caddyfile).toMatch(/^\{\$ATTUNE_HOST:localhost\} \{$/m);
    expect(caddyfile).toMatch(/^\ttls \{\$CADDY_TLS:internal\}$/m);
    expect(caddyfile).toMatch(/^\tadmin off$/m);
  });

  it('balances over every replica of the app service, found by DNS, on the port the app exposes', () => {
    expect(caddyfile).toMatch(
      /dynamic a \{\n\t+name \{\$APP_UPSTREAM:app\}\n\t+port \{\$APP_PORT:3000\}/,
    );
    expect(compose.services.app!.expose).toEqual(['3000']);
    expect(caddyfile).toMatch(/lb_try_duration \d+s/);
    expect(caddyfile).toMatch(/fail_duration \d+s/);
    expect(caddyfile).toMatch(/unhealthy_status 502 503 504/);
  });

  it('does not trust X-Forwarded-For from clients (no trusted_proxies), so the app gets the real peer', () => {
    expect(
      caddyfile
        .split('\n')
        .filter((l) => !l.trim().startsWith('#'))
        .join('\n'),
    ).not.toMatch(/trusted_proxies|header_up\s+X-Forwarded-For/);
  });
});

describe('Node versions', () => {
  it('declares Node 20.19+, 22 and 24 LTS, and builds the image on Node 24', () => {
    const pkg = JSON.parse(text('package.json')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('^20.19 || ^22.12 || >=24');
    expect(text('Dockerfile')).toMatch(/^FROM node:24-bookworm-slim AS build$/m);
  });
});
