import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_PASSWORD = 'attune-demo-2026';
const shots = join(dirname(fileURLToPath(import.meta.url)), 'artifacts', 'screenshots');

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
