import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config.js';
import { migrations } from '../../../migrations/index.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { QueryCounter } from './query-counter.js';

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
 * A pg client that drops its connection when a query outlives `query_timeout`: a frozen or
 * unreachable server never answers `statement_timeout`'s cancel, and the pool must not hand the
 * stuck connection to the next request.
 */
class GuardedClient extends pg.Client {
  override query(...args: unknown[]): never {
    const drop = (err: unknown) => {
      if ((err as Error | undefined)?.message === 'Query read timeout')
        (
          this as unknown as { connection?: { stream?: { destroy(): void } } }
        ).connection?.stream?.destroy();
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, res: unknown) => {
        drop(err);
        (last as (e: unknown, r: unknown) => void)(err, res);
      };
      return (pg.Client.prototype.query as (...a: unknown[]) => never).apply(this, args);
    }
    const result = (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      return (result as Promise<unknown>).catch((e: unknown) => {
        drop(e);
        throw e;
      }) as never;
    return result as never;
  }
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
      connectionTimeoutMillis: db.connectTimeoutMs,
      // Sent at connection start-up: Postgres enforces these for every statement and transaction.
      statement_timeout: db.statementTimeoutMs,
      idle_in_transaction_session_timeout: db.idleInTransactionTimeoutMs,
      // The client's own limit, for when the server cannot even answer (frozen, cut off).
      query_timeout: db.statementTimeoutMs > 0 ? db.statementTimeoutMs + 2000 : undefined,
      Client: GuardedClient,
    },
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
