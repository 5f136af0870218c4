import { createDataSource, type Entities, schemaDrift } from './data-source.js';
import { grantAppRole, roleOf } from './roles.js';

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
 * least-privilege grants on every table, new ones included.
 */
export async function migrateAndGrant(
  db: { url: string; ownerUrl: string },
  log: (m: string) => void = () => undefined,
): Promise<void> {
  await migrate(db.ownerUrl, log);
  const app = roleOf(db.url);
  if (app !== roleOf(db.ownerUrl)) await grantAppRole(db.ownerUrl, app);
}
