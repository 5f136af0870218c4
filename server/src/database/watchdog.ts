import pg from 'pg';

/**
 * The app's pool and connections, with their time limits kept by one watchdog timer for the
 * whole process instead of timers per query.
 *
 * pg's `query_timeout` arms and clears a timer for every query, and pg-pool's
 * `connectionTimeoutMillis` another for every checkout (even when an idle connection is handed
 * over on the next tick): six timer pairs on a read of three statements, about 15 us of its CPU.
 * The watchdog looks every TICK_MS at what is actually waiting: a query that has been the
 * connection's active one for longer than its limit fails with pg's own "Query read timeout" and
 * its connection is destroyed (a frozen or unreachable server never answers `statement_timeout`'s
 * cancel, and the stuck connection must not go back to the pool); a checkout still queued after
 * `connectionTimeoutMillis` fails with pg-pool's own "timeout exceeded when trying to connect".
 * Each fires between its limit and TICK_MS later. Opening a new connection keeps pg-pool's own
 * timer (it is not per request).
 */
export const TICK_MS = 100;

// pg's internals read here (stable across pg 8.x; the tests freeze a real Postgres to prove it).
interface QueryLike {
  /** Set on a submittable that keeps its own limit (an export's cursor): pg arms its timer. */
  query_timeout?: number;
}
interface PendingItem {
  callback: (err: Error) => void;
  timedOut?: boolean;
  /** When the watchdog first saw it waiting. */
  seenAt?: number;
}
interface ClientInternals {
  _activeQuery: QueryLike | null;
  _ending: boolean;
  _ended: boolean;
  connection?: { stream?: { destroy(err?: Error): void } };
}
interface PoolInternals {
  ending: boolean;
  _idle: unknown[];
  _pendingQueue: PendingItem[];
  _isFull(): boolean;
  options: { connectionTimeoutMillis?: number };
}

const ignore = () => undefined;
const clients = new Set<GuardedClient>();
const pools = new Set<GuardedPool>();
let timer: NodeJS.Timeout | undefined;

function watch(): void {
  if (timer) return;
  timer = setInterval(tick, TICK_MS);
  // Never what keeps a process alive (tests, a CLI command).
  timer.unref();
}

function tick(): void {
  const now = Date.now();
  for (const c of clients) {
    const self = c as unknown as ClientInternals;
    if (self._ended || self._ending) {
      clients.delete(c);
      continue;
    }
    const q = self._activeQuery;
    if (!q || q.query_timeout !== undefined) {
      c.watched = null;
      continue;
    }
    if (c.watched !== q) {
      c.watched = q;
      c.watchedSince = now;
    } else if (now - c.watchedSince > c.stuckQueryMs) {
      c.watched = null;
      // pg then fails every query on the connection with this error and marks it unusable; the
      // pool drops it when it comes back. Its owner hears of it through the failed query: the
      // connection's own 'error' events (one now, one as it closes) must not crash the process
      // when nobody listens (a client checked out with pool.connect() has no listener).
      c.on('error', ignore);
      self.connection?.stream?.destroy(new Error('Query read timeout'));
    }
  }
  for (const p of pools) {
    const self = p as unknown as PoolInternals;
    if (self.ending) {
      pools.delete(p);
      continue;
    }
    const queue = self._pendingQueue;
    for (let i = 0; i < queue.length; i++) {
      const item = queue[i]!;
      if (item.seenAt === undefined) item.seenAt = now;
      else if (now - item.seenAt > p.checkoutTimeoutMs) {
        // What pg-pool's own checkout timer does.
        queue.splice(i--, 1);
        item.timedOut = true;
        item.callback(new Error('timeout exceeded when trying to connect'));
      }
    }
  }
  if (clients.size === 0 && pools.size === 0) {
    clearInterval(timer);
    timer = undefined;
  }
}

/** pg client options plus the watchdog's limit for one query (`stuckQueryMs`, 0 = none). */
export type GuardedClientConfig = pg.ClientConfig & { stuckQueryMs?: number };

/** A pg client whose active query may not outlive `stuckQueryMs` (see the module comment). */
export class GuardedClient extends pg.Client {
  readonly stuckQueryMs: number;
  watched: QueryLike | null = null;
  watchedSince = 0;

  constructor(config: GuardedClientConfig = {}) {
    super(config);
    this.stuckQueryMs = config.stuckQueryMs ?? 0;
    if (this.stuckQueryMs > 0) {
      clients.add(this);
      this.once('end', () => clients.delete(this));
      watch();
    }
  }
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/** A pg pool whose waiting checkouts are timed by the watchdog instead of a timer each. */
export class GuardedPool extends pg.Pool {
  readonly checkoutTimeoutMs: number;

  /** Pool options; `stuckQueryMs` goes to each client (with `Client: GuardedClient`). */
  constructor(config: pg.PoolConfig & { stuckQueryMs?: number }) {
    super(config);
    this.checkoutTimeoutMs = config.connectionTimeoutMillis ?? 0;
    if (this.checkoutTimeoutMs > 0) {
      pools.add(this);
      watch();
    }
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const self = this as unknown as PoolInternals;
    // pg-pool's checkout path (a connection is idle, or the pool is full): the caller queues, and
    // pg-pool would arm a timer for it. The watchdog times it instead. Opening a new connection
    // (neither) keeps pg-pool's timer. The option is read synchronously, so it is put back at once.
    if (this.checkoutTimeoutMs > 0 && (self._idle.length > 0 || self._isFull())) {
      const options = self.options;
      const ms = options.connectionTimeoutMillis;
      options.connectionTimeoutMillis = 0;
      try {
        return callback ? super.connect(callback) : super.connect();
      } finally {
        options.connectionTimeoutMillis = ms;
      }
    }
    return callback ? super.connect(callback) : super.connect();
  }
}

/** pg, as TypeORM loads it, with the guarded pool (TypeORM's `driver` option). */
export const guardedPg: typeof pg = Object.create(pg, {
  Pool: { value: GuardedPool, enumerable: true },
}) as typeof pg;
