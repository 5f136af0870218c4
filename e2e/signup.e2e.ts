// Sign-up's second step in the browser: the page the emailed link opens. The link's token only
// exists in the mail, so this journey uses a link that was never issued: the page must wait for
// the button (a mail scanner opening the link uses nothing up), then say plainly that the link
// cannot be used. The success path is covered by the server and client unit tests.
import { expect, test } from '@playwright/test';
import { freshPage, visit } from './support';

test('the sign-up link page waits for the button and explains a link that cannot be used', async ({
  browser,
}, info) => {
  const offenders: string[] = [];
  const { page, context } = await freshPage(browser, info, offenders);
  const confirms: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/api/practices/confirm/')) confirms.push(req.method());
  });
  await page.goto('/signup/never-issued-token');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Finish setting up your practice',
  );
  await visit(page, info, '30-signup-confirm');
  expect(confirms).toEqual([]);

  await page.getByRole('button', { name: 'Create my practice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'This link has expired or was already used',
  );
  expect(confirms).toEqual(['POST']);
  await expect(page.getByRole('link', { name: 'Go to sign in' })).toBeVisible();
  await visit(page, info, '31-signup-link-gone');
  expect(offenders).toEqual([]);
  await context.close();
});
