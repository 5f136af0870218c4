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
  },
];

/** At start-up: the first page's code now, and its data once we know a client is signed in. */
export async function startFirstPage(path: string, auth: AuthStore, early: EarlyData) {
  for (const { page, code, data } of FIRST_PAGES) {
    const match = path.match(page);
    if (!match) continue;
    // The code is the same file the route loads: nothing is fetched twice.
    void code().catch(() => undefined);
    // A signed-out visit must not meet a 401 here (the guard sends it to sign-in).
    const me = await auth.ensureLoaded();
    if (me?.roles.includes('client') && !me.mfa?.setupRequired) early.start(data(match));
    return;
  }
}
