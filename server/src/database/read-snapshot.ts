import Cursor from 'pg-cursor';
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';

/** What repositories read an export through: whole small results, or rows streamed in batches. */
export interface RowSource {
  /** A small result, all at once. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Rows one at a time from a server-side cursor, fetched in batches as the consumer asks:
   * one SQL statement however many rows, and never more than one batch in memory.
   */
  rows<T>(sql: string, params?: unknown[]): AsyncIterable<T>;
}

const BATCH = 100;

/**
 * A read-only, repeatable-read transaction on a connection of its own, so that everything read
 * for one download comes from one consistent snapshot of the database, however long the download
 * takes to stream. Its own time limits replace the app's short statement and idle-in-transaction
 * limits (a slow phone may pause the stream), within `timeoutMs`. Close it when done (also on
 * error or when the client goes away): it ends the transaction and gives the connection back.
 */
export class ReadSnapshot implements RowSource {
  private readonly cursors = new Set<Cursor>();
  private closed: Promise<void> | undefined;

  private constructor(
    private readonly ds: DataSource,
    private readonly qr: QueryRunner,
    private readonly client: PoolClient,
    private readonly timeoutMs: number,
  ) {}

  static async open(ds: DataSource, timeoutMs: number): Promise<ReadSnapshot> {
    const qr = ds.createQueryRunner();
    try {
      const client = (await qr.connect()) as PoolClient;
      await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await qr.query(
        `SELECT set_config('statement_timeout', $1, true),
                set_config('idle_in_transaction_session_timeout', $1, true)`,
        [String(timeoutMs)],
      );
      return new ReadSnapshot(ds, qr, client, timeoutMs);
    } catch (e) {
      await qr.release().catch(() => undefined);
      throw e;
    }
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.qr.query(sql, params) as Promise<T[]>;
  }

  async *rows<T>(sql: string, params: unknown[] = []): AsyncGenerator<T> {
    if (this.closed) throw new Error('The read snapshot is closed.');
    // Counted like any other statement (tests assert that an export's queries stay bounded).
    this.ds.logger.logQuery(sql, params, this.qr);
    const cursor = new Cursor<T>(sql, params);
    // The pool's guard against a frozen server (watchdog.ts) would otherwise end a cursor that
    // outlives the app's short statement limit: with a limit of its own, pg times it instead.
    Object.assign(cursor, { query_timeout: this.timeoutMs + 2000 });
    this.client.query(cursor);
    this.cursors.add(cursor);
    try {
      for (;;) {
        const batch = await cursor.read(BATCH);
        if (batch.length === 0) return;
        for (const row of batch) yield row;
      }
    } finally {
      await this.closeCursor(cursor);
    }
  }

  private async closeCursor(cursor: Cursor): Promise<void> {
    if (!this.cursors.delete(cursor)) return;
    await withTimeout(cursor.close(), 5000);
    // pg arms its read timer through a callback a cursor never calls: disarm it.
    (cursor as unknown as { callback?: (e: null) => void }).callback?.(null);
  }

  /** Ends the transaction and returns the connection (destroying it if it misbehaved). Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      let broken = false;
      try {
        for (const c of [...this.cursors]) await this.closeCursor(c);
        await withTimeout(this.qr.query('COMMIT'), 5000);
      } catch {
        broken = true;
      }
      // A connection that failed to end its transaction is not given to anyone else.
      const runner = this.qr as QueryRunner & {
        releasePostgresConnection(err?: unknown): Promise<void>;
      };
      await runner.releasePostgresConnection(
        broken ? new Error('export snapshot broken') : undefined,
      );
    })();
    return this.closed;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
