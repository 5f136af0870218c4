// Errors that mean "the database could not be reached or did not answer in time", as opposed
// to a query the database refused. They become 503, never 500.
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '08000', // connection_exception
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '25P03', // idle_in_transaction_session_timeout
]);

const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Query read timeout/i,
  /not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down)/i,
];

/** True when `e` (or the driver error inside a TypeORM error) says the database is unavailable. */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let err = e as Record<string, unknown> | undefined, depth = 0; err && depth < 3; depth++) {
    if (typeof err.code === 'string' && CODES.has(err.code)) return true;
    if (typeof err.message === 'string' && MESSAGES.some((m) => m.test(err!.message as string)))
      return true;
    err = (err.driverError ?? err.cause) as Record<string, unknown> | undefined;
  }
  return false;
}
