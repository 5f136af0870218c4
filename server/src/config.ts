import { join } from 'node:path';
import { REPO_ROOT } from './database/paths.js';

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  embeddedDataDir: string;
  embeddedPort: number;
  allowSignup: boolean;
  seedDemo: boolean;
  /** Base URL used in invitation links; defaults to the request's own origin. */
  publicUrl: string | undefined;
  /** Force the Secure cookie flag even on http (behind a TLS proxy that does not forward proto). */
  cookieSecure: boolean | undefined;
  clientDist: string;
  logInvitationLinks: boolean;
  /** smtp(s)://user:pass@host:port; unset = messages go to the in-app development mailbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How often the outbox runner looks for mail to send; 0 turns the runner off (tests). */
  outboxIntervalMs: number;
  /** Serve Swagger UI and the OpenAPI JSON at /api/docs (API_DOCS; on outside production). */
  apiDocs: boolean;
  /** A request's headers and body must arrive within this many ms (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  return {
    production,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDataDir: env.EMBEDDED_PG_DIR ?? join(REPO_ROOT, '.data', 'pg'),
    embeddedPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    allowSignup: flag(env.ALLOW_SIGNUP, !production),
    seedDemo: flag(env.SEED_DEMO, !production),
    publicUrl: env.PUBLIC_URL || undefined,
    cookieSecure: env.COOKIE_SECURE === undefined ? undefined : flag(env.COOKIE_SECURE, false),
    clientDist: env.CLIENT_DIST ?? join(REPO_ROOT, 'client', 'dist', 'client', 'browser'),
    logInvitationLinks: !production,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Attune <no-reply@attune.invalid>',
    outboxIntervalMs: Number(env.OUTBOX_INTERVAL_MS ?? 5000),
    apiDocs: flag(env.API_DOCS, !production),
    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS || 30_000),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
