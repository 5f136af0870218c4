import { AbstractLogger, type LogLevel, type LogMessage } from 'typeorm';

/**
 * Counts SQL statements so tests can assert that list and dashboard endpoints stay bounded
 * (no N+1). Logs only errors and slow queries.
 */
export class QueryCounter extends AbstractLogger {
  static count = 0;

  static reset(): void {
    QueryCounter.count = 0;
  }

  override logQuery(): void {
    QueryCounter.count++;
  }

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    if (level === 'error' || level === 'warn') {
      const list = Array.isArray(message) ? message : [message];
      for (const m of list) console.warn(`[typeorm] ${String(m.message)}`);
    }
  }
}
