import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config.js';
import { migrations } from '../../../migrations/index.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { QueryCounter } from './query-counter.js';
import { GuardedClient, guardedPg } from './watchdog.js';

/**
 * The app's entities come from the caller (server/src/entities.ts): the base layer knows no
 * feature. Running migrations needs none.
 */
export type Entities = NonNullable<DataSourceOptions['entities']>;

export function dataSourceOptions(url: string, entities: Entities = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    logging: ['query', 'error', 'warn'],
    logger: new QueryCounter(),
    extra: { max: Number(process.env.PG_POOL_MAX ?? 20) },
  };
}

/**
 * The app's own connections: timeouts so that a slow, frozen or unreachable database gives a
 * quick error (and a 503) instead of a hung request, and no attempt to install extensions.
 */
export function appDataSourceOptions(
  url: string,
  db: AppConfig['db'],
  entities: Entities,
): DataSourceOptions {
  const base = dataSourceOptions(url, entities);
  return {
    ...base,
    installExtensions: false,
    extra: {
      max: db.poolMax,
      // pg-pool closes a connection idle for 10 s by default. Opening one again costs a
      // Postgres backend, SCRAM authentication and every prepared statement again: after a quiet
      // spell, a burst of requests then waits behind a dozen new connections at once (measured:
      // 16 opened together, requests up to 180 ms). Kept, a pool never holds more than
      // `max`; 0 also spares a timer armed and cleared on every release.
      idleTimeoutMillis: db.poolIdleTimeoutMs,
      // Opening a connection, and waiting for one from the pool (timed by the watchdog).
      connectionTimeoutMillis: db.connectTimeoutMs,
      // Sent at connection start-up: Postgres enforces these for every statement and transaction.
      statement_timeout: db.statementTimeoutMs,
      idle_in_transaction_session_timeout: db.idleInTransactionTimeoutMs,
      // The client's own limit, for when the server cannot even answer (frozen, cut off): the
      // watchdog fails the query and drops its connection.
      stuckQueryMs: db.statementTimeoutMs > 0 ? db.statementTimeoutMs + 2000 : 0,
      Client: GuardedClient,
    },
    // pg with the guarded pool: no timer per checkout or per query (see watchdog.ts).
    driver: guardedPg,
  } as DataSourceOptions;
}

export function createDataSource(url: string, entities: Entities = []): DataSource {
  return new DataSource(dataSourceOptions(url, entities));
}

/** SQL that would bring the database to the entities; empty when migrations and entities agree. */
export async function schemaDrift(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
