import { createDataSource, schemaDrift } from './data-source.js';

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
export async function drift(url: string): Promise<string[]> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    return await schemaDrift(ds);
  } finally {
    await ds.destroy();
  }
}
