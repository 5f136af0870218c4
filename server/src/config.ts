import { LOGIN_LOCKOUT } from '@attune/shared';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './database/paths.js';

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function millis(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number of milliseconds (got "${raw}").`);
  return n;
}

/**
 * TRUST_PROXY: unset/false = trust no proxy headers (the peer address is the client); a whole
 * number = trust that many hops in front of the app; otherwise a comma-separated list of proxy
 * addresses or CIDR ranges (Fastify's `trustProxy`, proxy-addr names such as `loopback` work).
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const v = raw?.trim() ?? '';
  if (v === '' || ['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (['true', 'yes', 'on', 'all'].includes(v.toLowerCase()))
    throw new Error(
      'TRUST_PROXY must be a hop count (e.g. 1) or the proxy addresses (e.g. 10.0.0.0/8), ' +
        'never "trust everyone": anyone could then forge X-Forwarded-For.',
    );
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface SignInThrottleConfig {
  maxFailures: number;
  maxFailuresPerIp: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
  forgetIpAfterMs: number;
}

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  /** The app's own (least-privileged) role; unset = embedded Postgres. */
  databaseUrl: string | undefined;
  /** The schema owner, for migrations and grants; defaults to DATABASE_URL. */
  migrationDatabaseUrl: string | undefined;
  /**
   * Apply migrations (and grants) at start-up (MIGRATE_ON_START, on by default). Off when a
   * one-shot migrate job does it: the app then only checks that none is pending.
   */
  migrateOnStart: boolean;
  embeddedDataDir: string;
  embeddedPort: number;
  allowSignup: boolean;
  seedDemo: boolean;
  /** Base of every link the server writes (invitations, calendar feeds, email). */
  publicUrl: string;
  /** Whether PUBLIC_URL was set (required in production). */
  publicUrlSet: boolean;
  /** Which proxies may set X-Forwarded-For/-Proto/-Host (see parseTrustProxy). */
  trustProxy: false | number | string[];
  /** HMAC key for CSRF tokens and device cookies; SESSION_SECRET, or generated in development. */
  sessionSecret: string | undefined;
  /** Force the Secure cookie flag even on http (behind a TLS proxy that does not forward proto). */
  cookieSecure: boolean | undefined;
  clientDist: string;
  logInvitationLinks: boolean;
  /** smtp(s)://user:pass@host:port; unset = messages go to the in-app development mailbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How often the outbox runner looks for mail to send; 0 turns the runner off (tests). */
  outboxIntervalMs: number;
  /** How long a sender holds the mail it claimed; a sender that dies frees it after this. */
  outboxLeaseMs: number;
  /** Postgres timeouts of the app's connections. */
  db: {
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
    poolMax: number;
    /** How long an idle pooled connection stays open; 0 keeps it. */
    poolIdleTimeoutMs: number;
  };
  /** /api/health gives the database this long to answer before saying 503. */
  healthTimeoutMs: number;
  /** On SIGTERM, in-flight requests get this long to finish. */
  shutdownGraceMs: number;
  signInThrottle: SignInThrottleConfig;
  /** Serve Swagger UI and the OpenAPI JSON at /api/docs (API_DOCS; on outside production). */
  apiDocs: boolean;
  /**
   * Check every request against its route's @Audit declaration (AUDIT_ROUTE_CHECK; on outside
   * production, where a mismatch fails the request; in production it only logs).
   */
  auditRouteCheck: boolean;
  /** A request's headers and body must arrive within this many ms (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  const publicUrl = env.PUBLIC_URL?.trim() || undefined;
  if (publicUrl && !/^https?:\/\/[^/\s]+(\/.*)?$/i.test(publicUrl))
    throw new Error(`PUBLIC_URL must be an http(s) URL such as https://attune.example.org`);
  return {
    production,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    migrateOnStart: flag(env.MIGRATE_ON_START, true),
    embeddedDataDir: env.EMBEDDED_PG_DIR ?? join(REPO_ROOT, '.data', 'pg'),
    embeddedPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    allowSignup: flag(env.ALLOW_SIGNUP, !production),
    seedDemo: flag(env.SEED_DEMO, !production),
    // Never the request's Host or X-Forwarded-Host: anyone can send those.
    publicUrl: (publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    publicUrlSet: !!publicUrl,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionSecret: env.SESSION_SECRET || undefined,
    cookieSecure: env.COOKIE_SECURE === undefined ? undefined : flag(env.COOKIE_SECURE, false),
    clientDist: env.CLIENT_DIST ?? join(REPO_ROOT, 'client', 'dist', 'client', 'browser'),
    logInvitationLinks: !production,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Attune <no-reply@attune.invalid>',
    outboxIntervalMs: Number(env.OUTBOX_INTERVAL_MS ?? 5000),
    outboxLeaseMs: millis(env, 'OUTBOX_LEASE_MS', 120_000),
    db: {
      connectTimeoutMs: millis(env, 'DB_CONNECT_TIMEOUT_MS', 5000),
      statementTimeoutMs: millis(env, 'DB_STATEMENT_TIMEOUT_MS', 10000),
      idleInTransactionTimeoutMs: millis(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10000),
      poolMax: Number(env.PG_POOL_MAX ?? 20),
      poolIdleTimeoutMs: millis(env, 'PG_POOL_IDLE_TIMEOUT_MS', 0),
    },
    healthTimeoutMs: millis(env, 'HEALTH_DB_TIMEOUT_MS', 2000),
    shutdownGraceMs: millis(env, 'SHUTDOWN_GRACE_MS', 10000),
    signInThrottle: { ...LOGIN_LOCKOUT },
    apiDocs: flag(env.API_DOCS, !production),
    auditRouteCheck: flag(env.AUDIT_ROUTE_CHECK, !production),
    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS || 30_000),
  };
}

/** What a server that is about to serve requests needs, checked once at start-up. */
export function assertServable(config: AppConfig): void {
  const missing: string[] = [];
  if (config.production && !config.publicUrlSet)
    missing.push('PUBLIC_URL (the address people use, e.g. https://attune.example.org)');
  if (config.production && !config.sessionSecret)
    missing.push('SESSION_SECRET (at least 32 random characters, e.g. `openssl rand -hex 32`)');
  if (missing.length)
    throw new Error(`In production these settings are required:\n  ${missing.join('\n  ')}`);
  if (config.sessionSecret && config.sessionSecret.length < 32)
    throw new Error('SESSION_SECRET must be at least 32 characters long.');
}

/**
 * SESSION_SECRET, or (outside production) a secret generated on the first start and kept beside
 * the embedded Postgres data (`.data/session-secret`), so tokens survive a restart.
 */
export function withSessionSecret(config: AppConfig): AppConfig {
  if (config.sessionSecret || config.production) return config;
  const dir = dirname(config.embeddedDataDir);
  const file = join(dir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process made it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  chmodSync(file, 0o600);
  return { ...config, sessionSecret: readFileSync(file, 'utf8').trim() };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
