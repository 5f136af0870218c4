/**
 * Small wrappers over localStorage for work kept on the device until the server has it.
 * Storage can be full, blocked or hold junk: every call degrades to "nothing stored".
 */
export const deviceStore = {
  readJson<T>(key: string, isValid: (value: unknown) => value is T): T | null {
    try {
      const raw = localStorage.getItem(key);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      return isValid(parsed) ? parsed : null;
    } catch {
      return null;
    }
  },
  readText(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  write(key: string, value: unknown): void {
    try {
      localStorage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value));
    } catch {
      // Storage full or blocked: the server copy (or the page) is the only one then.
    }
  },
  remove(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing to clean up.
    }
  },
};

/** A network failure or a server hiccup: worth trying again later. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/** The wait before retry number `attempt` (0-based); the last step repeats. */
export function backoffDelay(steps: readonly number[], attempt: number): number {
  return steps[Math.min(attempt, steps.length - 1)] ?? 0;
}
