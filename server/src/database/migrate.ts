import pg from 'pg';
import { migrations } from '../../../migrations/index.js';
import { createDataSource, type Entities, schemaDrift } from './data-source.js';
import { grantAppRole, roleOf } from './roles.js';

// One key for the whole schema: whoever holds it migrates and grants, the others wait for it.
const MIGRATION_LOCK = `SELECT pg_advisory_lock(hashtextextended('attune.migrations', 0))`;

/** Runs pending migrations, each in its own transaction. */
export async function migrate(
  url: string,
  log: (m: string) => void = () => undefined,
): Promise<void> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    for (const m of ran) log(`Applied migration ${m.name}`);
  } finally {
    await ds.destroy();
  }
}

/** The SQL TypeORM would still run after all migrations: empty means no drift. */
export async function drift(url: string, entities: Entities): Promise<string[]> {
  const ds = createDataSource(url, entities);
  await ds.initialize();
  try {
    return await schemaDrift(ds);
  } finally {
    await ds.destroy();
  }
}

/**
 * Migrates as the schema owner, then gives the app's role (when it is a different one) its
 * least-privilege grants on every table, new ones included. Several instances may start at once
 * (or a migrate job beside them): a session advisory lock, held on its own connection, lets one
 * of them do it while the others wait and then find nothing left to do. TypeORM takes no lock of
 * its own, and two concurrent runs would both try the first pending migration, and two
 * concurrent GRANTs fail with "tuple concurrently updated". (The lock needs a real session: point
 * MIGRATION_DATABASE_URL at Postgres itself, not at a transaction-pooling PgBouncer.)
 */
export async function migrateAndGrant(
  db: { url: string; ownerUrl: string },
  log: (m: string) => void = () => undefined,
): Promise<void> {
  const lock = new pg.Client({ connectionString: db.ownerUrl, connectionTimeoutMillis: 10_000 });
  await lock.connect();
  try {
    const [free] = (
      await lock.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(hashtextextended('attune.migrations', 0)) AS ok`,
      )
    ).rows;
    if (!free?.ok) {
      log('Another instance is applying migrations: waiting for it.');
      await lock.query(MIGRATION_LOCK);
    }
    await migrate(db.ownerUrl, log);
    const app = roleOf(db.url);
    if (app !== roleOf(db.ownerUrl)) await grantAppRole(db.ownerUrl, app);
  } finally {
    // Ending the session releases the lock, even when a migration failed.
    await lock.end().catch(() => undefined);
  }
}

/** Migrations in the code that the database at `url` has not applied (read as any role). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    const exists = await c.query<{ t: string | null }>(
      `SELECT to_regclass('public.migrations')::text AS t`,
    );
    const applied = new Set(
      exists.rows[0]?.t
        ? (await c.query<{ name: string }>('SELECT name FROM migrations')).rows.map((r) => r.name)
        : [],
    );
    return migrations
      .map((m) => new (m as new () => { name?: string })().name ?? m.name)
      .filter((name) => !applied.has(name));
  } finally {
    await c.end().catch(() => undefined);
  }
}
