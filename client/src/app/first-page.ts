import type { AssignmentReading } from '@attune/shared';
import { AuthStore } from './core/auth-store';
import { CLIENT_DASHBOARD_URL } from './core/dashboard-api';
import { readingUrl } from './core/psychoeducation-api';
import { EarlyData } from './core/early-data';

/**
 * A client's most visited first pages, by the address they were opened at: the page's code and
 * the data it shows. Without this a slow phone loads them in turn (the area's code, then the
 * page's code, then its data, then the page); asked for at start-up they load side by side. The
 * router later finds the code loaded and the page finds its data in EarlyData.
 */
const FIRST_PAGES: {
  page: RegExp;
  code: () => Promise<unknown>;
  data: (match: RegExpMatchArray) => string;
  /** Work the first draw would do, done ahead when the server put the page's data in it. */
  prepare?: (answer: unknown) => Promise<void>;
}[] = [
  {
    page: /^\/client\/?$/,
    code: () => import('./client-portal/client-portal.routes'),
    data: () => CLIENT_DASHBOARD_URL,
  },
  {
    page: /^\/client\/reading\/([0-9a-f-]{36})\/?$/i,
    code: () => import('./psychoeducation/module-reader/module-reader'),
    data: (m) => readingUrl(m[1]!),
    // The text of the part it opens at, rendered in short tasks before the first draw.
    prepare: async (answer) =>
      (await import('./psychoeducation/module-reader/module-reader')).prepareReading(
        answer as AssignmentReading,
      ),
  },
];

/** The longest a first page waits for its early work (firstPagePrepared) before it is drawn. */
export const PREPARE_WAIT_MS = 400;

let prepared: Promise<void> = Promise.resolve();

/**
 * Resolves once the first page's early work (`prepare` above) is done, at most PREPARE_WAIT_MS
 * after it started; at once when there is none. The page's route waits for it, so that its first
 * draw finds that work done instead of doing it in one long task (the server-drawn first screen
 * shows meanwhile).
 */
export function firstPagePrepared(): Promise<void> {
  return prepared;
}

/** At start-up: the first page's code now, and its data once we know a client is signed in. */
export async function startFirstPage(path: string, auth: AuthStore, early: EarlyData) {
  for (const { page, code, data, prepare } of FIRST_PAGES) {
    const match = path.match(page);
    if (!match) continue;
    let done = () => {};
    if (prepare) {
      const work = new Promise<void>((resolve) => (done = resolve));
      prepared = Promise.race([work, new Promise<void>((r) => setTimeout(r, PREPARE_WAIT_MS))]);
    }
    try {
      // The code is the same file the route loads: nothing is fetched twice.
      void code().catch(() => undefined);
      // A signed-out visit must not meet a 401 here (the guard sends it to sign-in).
      const me = await auth.ensureLoaded();
      if (!me?.roles.includes('client') || me.mfa?.setupRequired) return;
      const url = data(match);
      early.start(url);
      const inline = early.inlineAnswer(url);
      if (prepare && inline) {
        const finished = done;
        done = () => {};
        void prepare(inline)
          .catch(() => undefined)
          .finally(finished);
      }
    } finally {
      done();
    }
    return;
  }
}
