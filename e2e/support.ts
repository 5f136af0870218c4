import AxeBuilder from '@axe-core/playwright';
import {
  type APIResponse,
  expect,
  request,
  type Browser,
  type BrowserContext,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_PASSWORD = 'attune-demo-2026';
const port = process.env.E2E_PORT ?? '3100';
// Keyed on the port like the rest of the output (see playwright.config.ts).
const shots = join(
  dirname(fileURLToPath(import.meta.url)),
  'artifacts',
  ...(port === '3100' ? [] : [`port-${port}`]),
  'screenshots',
);

/** Runs axe-core (WCAG 2.1 A/AA) on the page as it is now and fails on any violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Saves a full-page screenshot under e2e/artifacts/screenshots/<project>/<name>.png. */
export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  const dir = join(shots, info.project.name);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Checks accessibility and keeps a screenshot: done on every page a journey visits. */
export async function visit(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await snap(page, info, name);
  await expectAccessible(page, name);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.context().clearCookies();
}

/** The app must never call a third-party host (health data): collect any such request. */
export function watchThirdParty(page: Page, baseURL: string): string[] {
  const offenders: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL) && !url.startsWith('data:') && !url.startsWith('blob:'))
      offenders.push(url);
  });
  return offenders;
}

/**
 * Opens a page in a fresh context from `browser.newContext()` (what @axe-core/playwright needs),
 * sized like the running project, and records any third-party request into `offenders`.
 */
export async function freshPage(
  browser: Browser,
  info: TestInfo,
  offenders: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const use = info.project.use;
  const baseURL = use.baseURL ?? info.config.projects[0]!.use.baseURL!;
  const context = await browser.newContext({
    baseURL,
    viewport: use.viewport,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    deviceScaleFactor: use.deviceScaleFactor,
    userAgent: use.userAgent,
  });
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL) && !url.startsWith('data:') && !url.startsWith('blob:'))
      offenders.push(url);
  });
  return { context, page: await context.newPage() };
}

/** Follows a link in the signed-in shell's navigation, opening the drawer first on narrow screens. */
export async function navigate(page: Page, navName: string, link: string): Promise<void> {
  const opener = page.getByRole('button', { name: 'Open navigation' });
  if ((await opener.isVisible()) && (await opener.getAttribute('aria-expanded')) !== 'true')
    await opener.click();
  await page.getByRole('navigation', { name: navName }).getByRole('link', { name: link }).click();
}

/** Signs out through the user menu (named with the user's display name). */
export async function signOutViaMenu(page: Page, displayName: string): Promise<void> {
  await page.getByRole('button', { name: displayName }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Waits until a Material dialog has finished opening (axe must not see it mid-animation). */
export async function openedDialog(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expect(page.locator('.mat-mdc-dialog-container').last()).toHaveClass(/mdc-dialog--open/);
  await expect(page.locator('.mat-mdc-dialog-container').last()).not.toHaveClass(
    /mdc-dialog--opening/,
  );
  return dialog;
}

/**
 * An API session for setting up data a journey does not click through: cookies kept, the XSRF
 * token echoed as Angular does. The token is bound to the session, so it is read again after
 * signing in (when `email` is given).
 */
export async function apiSession(baseURL: string, email?: string) {
  const ctx = await request.newContext({ baseURL });
  const token = async () =>
    (await ctx.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')!.value;
  await ctx.get('/api/health');
  const headers: Record<string, string> = { 'X-XSRF-TOKEN': await token() };
  let me: { clientId: string | null } = { clientId: null };
  if (email) {
    const login = await ctx.post('/api/auth/login', {
      data: { email, password: DEMO_PASSWORD },
      headers,
    });
    expect(login.ok(), `sign-in as ${email}`).toBe(true);
    me = (await login.json()) as { clientId: string | null };
    headers['X-XSRF-TOKEN'] = await token();
  }
  return { ctx, headers, me };
}

/** The JSON body of a response that must have succeeded (the failure names the URL and body). */
export async function okJson<T>(response: Promise<APIResponse>): Promise<T> {
  const r = await response;
  expect(r.ok(), `${r.url()} → ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}
