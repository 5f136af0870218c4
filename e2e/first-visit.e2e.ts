// The first-visit journey (issue 11): the crisis line shows before any script runs; a first visit
// to /login stays small; then the small kindnesses: focus on each new page's heading with a ring
// that can be seen, the crisis dialog opening on its heading with the practice's line in view on a
// phone, People as cards on a phone, long names cut short without covering the crisis button, a
// word after a session ends and a way back, and a question before unsaved hours are thrown away.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  apiSession,
  DEMO_PASSWORD,
  expectAccessible,
  freshPage,
  navigate,
  okJson,
  openedDialog,
  signIn,
  snap,
} from './support';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../client/dist/client/browser');
const KB = 1000;

/** Every icon on the page is drawn from the cut-down font (a missing one would spill its name). */
async function expectIconsDrawn(page: Page): Promise<void> {
  const spilled = await page.locator('mat-icon').evaluateAll((icons) =>
    icons
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent?.trim()),
  );
  expect(spilled, 'icons drawn as text').toEqual([]);
}

async function look(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expectIconsDrawn(page);
  await snap(page, info, `first-visit-${name}`);
  await expectAccessible(page, name);
}

/** WCAG relative luminance and contrast of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number) as [
      number,
      number,
      number,
    ];
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test('first visit: crisis line before scripts, a light sign-in page, and kind small things', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const phone = info.project.name === 'phone';
  const baseURL = info.project.use.baseURL!;
  const offenders: string[] = [];

  await test.step('before any script runs, the name and the crisis line are there', async () => {
    const { context, page } = await freshPage(browser, info, offenders);
    await page.route('**/*.js', (route) => route.abort());
    await page.goto('/login');
    const shell = page.locator('#boot-shell');
    await expect(shell.getByRole('heading', { level: 1 })).toHaveText('Attune');
    await expect(shell.getByRole('status')).toHaveText('Opening Attune…');
    await expect(shell.getByRole('heading', { level: 2 })).toHaveText('Need help now?');
    for (const [name, href] of [
      ['Call 988', 'tel:988'],
      ['Text 988', 'sms:988'],
      ['Call 911', 'tel:911'],
    ])
      await expect(shell.getByRole('link', { name })).toHaveAttribute('href', href!);
    await snap(page, info, 'first-visit-01-boot-shell');
    await expectAccessible(page, 'boot shell');
    await context.close();
  });

  await test.step('a first visit to /login is small, compressed and then the app', async () => {
    const { context, page } = await freshPage(browser, info, offenders);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const responses = new Map<string, { url: string; type: string; encoding: string }>();
    const bytes = new Map<string, number>();
    cdp.on('Network.responseReceived', (e) =>
      responses.set(e.requestId, {
        url: e.response.url,
        type: e.type,
        encoding: String(e.response.headers['content-encoding'] ?? ''),
      }),
    );
    cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
    const doc = await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.waitForLoadState('networkidle');

    let total = 0;
    const byType: Record<string, number> = {};
    for (const [id, r] of responses) {
      if (!['Document', 'Script', 'Stylesheet', 'Font'].includes(r.type)) continue;
      total += bytes.get(id) ?? 0;
      byType[r.type] = (byType[r.type] ?? 0) + (bytes.get(id) ?? 0);
      // Text goes out compressed; fonts are compressed already.
      if (r.type !== 'Font')
        expect({ url: r.url, encoding: r.encoding }).toMatchObject({ encoding: 'br' });
    }
    console.log(`first visit to /login (${info.project.name}): ${total} bytes`, byType);
    expect(total).toBeLessThanOrEqual(400 * KB);

    // The initial JavaScript (what index.html loads up front), gzipped: at most 150 kB.
    const html = await doc!.text();
    const initial = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map(
      (m) => m[1]!,
    );
    // One file since the build merges the initial chunks (NG_BUILD_OPTIMIZE_CHUNKS); the main
    // script at least, so the sum below is never of nothing.
    expect(initial.some((f) => /^main-.*\.js$/.test(f))).toBe(true);
    const gzipped = initial.reduce((sum, file) => sum + statSync(join(dist, `${file}.gz`)).size, 0);
    console.log(`initial JS: ${initial.length} files, ${gzipped} bytes gzip`);
    expect(gzipped).toBeLessThanOrEqual(150 * KB);

    // The app is in the shell's place: one h1, and the crisis line on the sign-in page itself.
    await expect(page.locator('#boot-shell')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    const line = page.getByRole('region', { name: 'Need help now?' });
    await expect(line.getByRole('link', { name: 'Call 988' })).toHaveAttribute('href', 'tel:988');
    await expect(line.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
    await expect(line.getByRole('link', { name: 'Call 911' })).toHaveAttribute('href', 'tel:911');
    await look(page, info, '02-login');
    await context.close();
  });

  await test.step('a client: focus on each new heading, a clear ring, the crisis dialog', async () => {
    const { context, page } = await freshPage(browser, info, offenders);
    await signIn(page, 'sam@example.com');
    await expect(page).toHaveURL(/\/client$/);
    await navigate(page, 'Client navigation', 'Reading');
    await expect(page).toHaveURL(/\/client\/reading$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

    // Keyboard focus on a navigation link: a 3 px ring in a colour that stands out (3:1 or more).
    if (!phone) {
      const link = page
        .getByRole('navigation', { name: 'Client navigation' })
        .getByRole('link', { name: 'Sessions' });
      await link.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await expect(link).toBeFocused();
      const ring = await link.evaluate((el) => {
        // Material draws it on its focus-indicator element, inside the item's shape.
        const before = getComputedStyle(el.querySelector('.mat-focus-indicator') ?? el, '::before');
        let bg = 'rgb(255, 255, 255)';
        for (let n: Element | null = el; n; n = n.parentElement) {
          const c = getComputedStyle(n).backgroundColor;
          if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
            bg = c;
            break;
          }
        }
        return { width: before.borderTopWidth, color: before.borderTopColor, bg };
      });
      expect(ring.width).toBe('3px');
      expect(contrast(ring.color, ring.bg)).toBeGreaterThanOrEqual(3);
      await snap(page, info, 'first-visit-03-focus-ring');
    }

    await page.getByRole('button', { name: 'Need help now?' }).click();
    const dialog = await openedDialog(page, 'Need help now?');
    // Focus on the heading: one stray Enter must not start a call.
    await expect(dialog.getByRole('heading', { level: 2, name: 'Need help now?' })).toBeFocused();
    const practiceLine = dialog.getByTestId('practice-crisis-text');
    await expect(practiceLine).toContainText('Harbor Light after-hours line');
    await expect(practiceLine).toBeInViewport({ ratio: 1 });
    await snap(page, info, 'first-visit-04-crisis-dialog');
    await expectAccessible(page, 'crisis dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    // The session ends (here: its cookie goes) while the page is open: a word, and a way back.
    await context.clearCookies({ name: 'attune_session' });
    await navigate(page, 'Client navigation', 'Sessions');
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Fclient%2Fsessions$/);
    await expect(page.getByRole('status').filter({ hasText: 'You were signed out.' })).toHaveText(
      'You were signed out. Your words are saved. Sign in to pick up where you left off.',
    );
    await look(page, info, '05-signed-out');
    await page.getByLabel('Email').fill('sam@example.com');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/client\/sessions$/);
    await context.close();
  });

  await test.step('the admin sees People as cards on a phone, a table on a wide screen', async () => {
    const { context, page } = await freshPage(browser, info, offenders);
    await signIn(page, 'admin@example.com');
    await expect(page).toHaveURL(/\/admin$/);
    await navigate(page, 'Admin navigation', 'People');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    const theo = page.getByTestId('person').filter({ hasText: 'theo@example.com' });
    await expect(theo).toContainText('Theo Rivera');
    if (phone) {
      await expect(page.getByRole('list', { name: 'Team members' })).toBeVisible();
      await expect(page.getByRole('table')).toHaveCount(0);
    } else {
      await expect(page.getByRole('table').first()).toBeVisible();
    }
    // Nothing runs off the side of the screen.
    const overflow = await page.evaluate(() => {
      const pane = document.querySelector('mat-sidenav-content')!;
      return pane.scrollWidth - pane.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await look(page, info, '06-people');
    await context.close();
  });

  await test.step('a long name is cut short, never over the crisis button', async () => {
    const stamp = `${Date.now().toString(36).slice(-5)}${info.project.name[0]}`;
    const longName = `Alexandria Catherine Montgomery-Wellington ${stamp} the Third of Harbor Light`;
    const admin = await apiSession(baseURL, 'admin@example.com');
    const client = await okJson<{ id: string }>(
      admin.ctx.post('/api/clients', {
        headers: admin.headers,
        data: { firstName: 'Alexandria', lastName: stamp, email: `alex.${stamp}@example.com` },
      }),
    );
    const invitation = await okJson<{ link: string }>(
      admin.ctx.post('/api/invitations', {
        headers: admin.headers,
        data: { kind: 'client', clientId: client.id },
      }),
    );
    const anon = await apiSession(baseURL);
    const token = invitation.link.split('/').pop()!;
    await okJson(
      anon.ctx.post(`/api/invitations/${token}/accept`, {
        headers: anon.headers,
        data: { password: 'a long and gentle password', displayName: longName },
      }),
    );
    await Promise.all([admin.ctx.dispose(), anon.ctx.dispose()]);

    const { context, page } = await freshPage(browser, info, offenders);
    await signIn(page, `alex.${stamp}@example.com`, 'a long and gentle password');
    await expect(page).toHaveURL(/\/client$/);
    const help = page.getByRole('button', { name: 'Need help now?' });
    const user = page.getByRole('button', { name: longName });
    await expect(user).toHaveAttribute('title', longName);
    const [h, u] = [(await help.boundingBox())!, (await user.boundingBox())!];
    // Side by side, not on top of each other, and both on screen.
    expect(h.x + h.width).toBeLessThanOrEqual(u.x + 0.5);
    expect(u.x + u.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    await look(page, info, '07-long-name');
    await context.close();
  });

  await test.step('leaving working hours with unsaved changes asks first', async () => {
    const { context, page } = await freshPage(browser, info, offenders);
    await signIn(page, 'theo@example.com');
    await expect(page).toHaveURL(/\/therapist$/);
    await navigate(page, 'Therapist navigation', 'Availability');
    const monday = page.getByRole('group', { name: 'Monday' }).getByLabel('Start').first();
    await expect(monday).toHaveValue(/\d\d:\d\d/);
    const before = await monday.inputValue();
    await monday.fill(before === '08:00' ? '08:30' : '08:00');
    await navigate(page, 'Therapist navigation', 'Today');
    const ask = await openedDialog(page, 'Leave without saving?');
    // "Stay" has focus: Enter keeps the edits.
    await expect(ask.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
    await snap(page, info, 'first-visit-08-unsaved-changes');
    await expectAccessible(page, 'unsaved changes');
    await page.keyboard.press('Enter');
    await expect(ask).toHaveCount(0);
    await expect(page).toHaveURL(/\/therapist\/availability$/);
    await expect(monday).not.toHaveValue(before);

    await navigate(page, 'Therapist navigation', 'Today');
    await (
      await openedDialog(page, 'Leave without saving?')
    )
      .getByRole('button', { name: 'Leave without saving' })
      .click();
    await expect(page).toHaveURL(/\/therapist$/);
    await context.close();
  });

  expect(offenders, 'third-party requests').toEqual([]);
});

test('a signed-in client’s home and reading are on screen before any script', async ({
  browser,
}, info) => {
  test.setTimeout(120_000);
  const baseURL = info.project.use.baseURL!;
  const offenders: string[] = [];
  // The demo client's first reading (assigned by their therapist if there is none yet).
  const client = await apiSession(baseURL, 'sam@example.com');
  type Assignments = { id: string; module: { title: string; summary: string } }[];
  let readings = await okJson<Assignments>(client.ctx.get('/api/assignments'));
  if (readings.length === 0) {
    const therapist = await apiSession(baseURL, 'theo@example.com');
    const modules = await okJson<{ id: string }[]>(therapist.ctx.get('/api/modules'));
    await okJson(
      therapist.ctx.post(`/api/clients/${client.me.clientId}/assignments`, {
        data: { moduleIds: [modules[0]!.id] },
        headers: therapist.headers,
      }),
    );
    readings = await okJson<Assignments>(client.ctx.get('/api/assignments'));
  }
  const reading = readings[0]!;

  const { context, page } = await freshPage(browser, info, offenders);
  await signIn(page, 'sam@example.com');
  await expect(
    page.getByRole('heading', { name: "Hi, Sam. We're glad you're here." }),
  ).toBeVisible();

  await test.step('the server draws the home and the reading, with the crisis line', async () => {
    await page.route('**/*.js', (route) => route.abort());
    for (const [path, heading, name] of [
      ['/client', "Hi, Sam. We're glad you're here.", 'client-01-home-before-script'],
      [`/client/reading/${reading.id}`, reading.module.title, 'client-02-reader-before-script'],
    ] as const) {
      await page.goto(path);
      const shell = page.locator('#boot-shell');
      await expect(shell.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(shell.locator('.lead')).toContainText(
        path === '/client' ? 'This is your space with' : reading.module.summary.slice(0, 40),
      );
      await expect(shell.getByRole('link', { name: 'Need help now?' })).toBeVisible();
      await expect(shell.getByRole('link', { name: 'Call 988' })).toHaveAttribute(
        'href',
        'tel:988',
      );
      await snap(page, info, `first-visit-${name}`);
      await expectAccessible(page, name);
    }
    await page.unroute('**/*.js');
  });

  await test.step('the app takes over without asking again for what the page brought', async () => {
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) asked.push(new URL(r.url()).pathname);
    });
    await page.goto('/client');
    await expect(page.locator('#boot-shell')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      "Hi, Sam. We're glad you're here.",
    );
    await expect(page.getByTestId('home-reading').first()).toBeVisible();
    await look(page, info, 'client-03-home');
    await page.goto(`/client/reading/${reading.id}`);
    await expect(page.locator('#boot-shell')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(reading.module.title);
    await expect(page.getByTestId('reading-view')).toBeVisible();
    await look(page, info, 'client-04-reader');
    expect(asked.filter((p) => p === '/api/auth/me' || p === '/api/dashboard')).toEqual([]);
    expect(asked).not.toContain(`/api/assignments/${reading.id}/reading`);
  });
  expect(offenders).toEqual([]);
  await context.close();
});
