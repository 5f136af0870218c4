import type pg from 'pg';
import {
  type DataSource,
  type EntityManager,
  QueryFailedError,
  type QueryRunner,
  QueryRunnerAlreadyReleasedError,
} from 'typeorm';

/**
 * A fixed SQL statement that every request on a hot path runs: sent as a named prepared
 * statement (pg's `{ name, text, values }`), so Postgres parses and plans it once per pooled
 * connection instead of on every request (most of its CPU on a read this small). Use it only
 * for SQL whose best plan does not depend on the values: a key lookup, an insert.
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

const declared = new Map<string, string>();

/** Declares a statement; one name, one text (pg refuses a name reused for other SQL). */
export function statement(name: string, text: string): Statement {
  const prior = declared.get(name);
  if (prior !== undefined && prior !== text)
    throw new Error(`Statement "${name}" is declared twice with different SQL.`);
  declared.set(name, text);
  return Object.freeze({ name, text });
}

/**
 * Runs a statement and returns its rows: inside `m`'s transaction when it is in one, else on a
 * connection straight from the pool (TypeORM's per-query runner adds nothing to a fixed
 * statement). Like TypeORM's own queries it is logged (so QueryCounter counts it) and its
 * failures are QueryFailedErrors (so the exception filter and database-errors read them alike).
 */
export function run<T>(
  ds: DataSource,
  st: Statement,
  values: unknown[],
  m?: EntityManager,
): Promise<T[]> {
  const runner = m?.queryRunner;
  if (runner) return runInTransaction<T>(ds, runner, st, values);
  ds.logger.logQuery(st.text, values);
  const pool = (ds.driver as unknown as { master: pg.Pool }).master;
  // pg's callback form: its promise form makes four promises per query (pool and client, each
  // with a catch to rewrite the stack) on the hot read's three statements.
  return new Promise<T[]>((resolve, reject) => {
    pool.query({ name: st.name, text: st.text, values }, (err: Error | undefined, result) => {
      if (err) reject(failed(ds, st, values, err));
      else resolve(result.rows as T[]);
    });
  });
}

async function runInTransaction<T>(
  ds: DataSource,
  runner: QueryRunner,
  st: Statement,
  values: unknown[],
): Promise<T[]> {
  if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
  ds.logger.logQuery(st.text, values);
  try {
    const client = (await runner.connect()) as pg.ClientBase;
    const result = await client.query({ name: st.name, text: st.text, values });
    return result.rows as T[];
  } catch (e) {
    throw failed(ds, st, values, e as Error);
  }
}

function failed(ds: DataSource, st: Statement, values: unknown[], e: Error): QueryFailedError {
  ds.logger.logQueryError(e, st.text, values);
  return new QueryFailedError(st.text, values, e);
}
