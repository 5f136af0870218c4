import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../config.js';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded.js';

/**
 * DATABASE_URL (the app's role) and MIGRATION_DATABASE_URL (the schema owner; DATABASE_URL when
 * unset) when set, else the embedded development Postgres under .data/pg with both roles.
 */
export async function connectDatabase(
  config: AppConfig,
  log: (m: string) => void,
): Promise<RunningPostgres> {
  if (config.databaseUrl)
    return {
      url: config.databaseUrl,
      ownerUrl: config.migrationDatabaseUrl ?? config.databaseUrl,
      stop: async () => undefined,
    };
  return startEmbeddedPostgres({
    dataDir: config.embeddedDataDir,
    port: config.embeddedPort,
    database: 'attune',
    persistent: true,
    log,
  });
}

/** A throwaway Postgres in the system temp folder (tests, drift check). Removed on stop. */
export async function throwawayDatabase(port: number): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'attune-pg-'));
  // As root, Postgres runs as user postgres, which must be able to reach the folder.
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: join(dir, 'data'),
    port,
    database: 'attune_test',
    persistent: false,
  });
  return {
    url: pg.url,
    ownerUrl: pg.ownerUrl,
    dataDir: pg.dataDir,
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
