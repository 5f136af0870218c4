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

/**
 * A throwaway Postgres in the system temp folder (tests, drift check, benches). Removed on stop.
 * When it cannot start on `port` (another process may hold it, even as the local end of an
 * outgoing connection), it tries two other random ports before giving up.
 */
export async function throwawayDatabase(port: number): Promise<RunningPostgres> {
  const ports = [port, ...[1, 2].map(() => 50_000 + Math.floor(Math.random() * 10_000))];
  let lastError: unknown;
  for (const p of ports) {
    const dir = mkdtempSync(join(tmpdir(), 'attune-pg-'));
    // As root, Postgres runs as user postgres, which must be able to reach the folder.
    chmodSync(dir, 0o755);
    try {
      const pg = await startEmbeddedPostgres({
        dataDir: join(dir, 'data'),
        port: p,
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
    } catch (e) {
      lastError = e;
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw lastError;
}
