// The calendar grid journey: the admin opens Maya's week as a time grid and sees sessions as
// blocks, books a free time with the keyboard, drags a session to a new time, sees a refused
// move named in words (and put back), moves a session with the keyboard alone, and opens the
// utilisation report. On a phone the grid is one therapist's day. Both projects share one server:
// desktop works six weeks ahead, phone eight, clear of the scheduling journey's weeks.
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { DateTime } from 'luxon';
import {
  apiSession,
  expectAccessible,
  freshPage,
  navigate,
  okJson,
  openedDialog,
  signIn,
  snap,
} from './support';

const ZONE = 'America/New_York';

/** Full-page screenshot (the shell scrolls inside its content pane), then axe. */
async function check(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const size = page.viewportSize()!;
  if (!(await page.locator('.mat-mdc-dialog-container').count())) {
    const height = await page
      .locator('mat-sidenav-content')
      .evaluate((el) => el.scrollHeight + (el.getBoundingClientRect().top || 0));
    await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  }
  await snap(page, info, `calendar-${name}`);
  await page.setViewportSize(size);
  await expectAccessible(page, name);
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('progressbar', { name: 'Loading the calendar' })).toHaveCount(0);
}

/** Drags with the mouse past CDK's threshold, in steps, as a hand would. */
async function drag(page: Page, block: Locator, dx: number, dy: number): Promise<void> {
  await block.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await block.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(12, box.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 4, y + 4, { steps: 2 });
  await page.mouse.move(x + dx, y + dy, { steps: 12 });
  await page.mouse.up();
}

test('calendar grid: blocks, keyboard booking, drag to move, refused move, keyboard move, utilisation', async ({
  browser,
  baseURL,
}, info) => {
  test.setTimeout(240_000);
  const phone = info.project.name === 'phone';
  const monday = DateTime.now()
    .setZone(ZONE)
    .startOf('week')
    .plus({ weeks: phone ? 8 : 6 });
  const date = monday.toISODate()!;
  const at = (hhmm: string, days = 0) =>
    DateTime.fromISO(`${monday.plus({ days }).toISODate()}T${hhmm}`, { zone: ZONE })
      .toUTC()
      .toISO()!;

  // Set-up through the API: Riley at 10:00 and Sam at 11:00 with Maya that Monday.
  const admin = await apiSession(baseURL!, 'admin@example.com');
  const members = await okJson<{ items: { id: string; displayName: string }[] }>(
    admin.ctx.get('/api/members?limit=100'),
  );
  const maya = members.items.find((m) => m.displayName === 'Maya Chen')!;
  const clients = await okJson<{ items: { id: string; firstName: string }[] }>(
    admin.ctx.get('/api/clients?limit=100'),
  );
  const types = await okJson<{ id: string; kind: string }[]>(
    admin.ctx.get('/api/appointment-types'),
  );
  const ongoing = types.find((t) => t.kind === 'ongoing')!;
  for (const [first, time] of [
    ['Riley', '10:00'],
    ['Sam', '11:00'],
  ] as const)
    await okJson(
      admin.ctx.post('/api/appointments', {
        headers: admin.headers,
        data: {
          therapistId: maya.id,
          clientId: clients.items.find((c) => c.firstName === first)!.id,
          typeId: ongoing.id,
          startsAt: at(time),
        },
      }),
    );
  await admin.ctx.dispose();

  const offenders: string[] = [];
  const { context, page } = await freshPage(browser, info, offenders);
  const announcer = page.locator('p[aria-live="assertive"]');

  await test.step('the calendar opens as a time grid, the practice time zone stated', async () => {
    await signIn(page, 'admin@example.com');
    await expect(page).toHaveURL(/\/admin$/);
    await navigate(page, 'Admin navigation', 'Calendar');
    await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
    await settled(page);
    await expect(page.getByText(/Times in America\/New_York/)).toBeVisible();
    if (!phone) {
      // Day view: every therapist side by side.
      await expect(page.getByRole('list', { name: /, Maya Chen/ })).toBeVisible();
      await expect(page.getByRole('list', { name: /, Theo Rivera/ })).toBeVisible();
    }
    await check(page, info, '01-today');
  });

  await test.step(`Maya's ${phone ? 'day' : 'week'}: sessions drawn as blocks`, async () => {
    const picker = page.getByRole('combobox', { name: 'Therapist' });
    if (phone) {
      // A phone shows one therapist's day, the first by name until another is picked.
      await expect(picker).toContainText('Maya Chen');
    } else {
      await picker.click();
      await page.getByRole('option', { name: 'Maya Chen', exact: true }).click();
      await expect(page).toHaveURL(/therapist=/);
      await page.getByRole('radio', { name: 'Week' }).click();
      await expect(page).toHaveURL(/view=week/);
    }
    const url = new URL(page.url());
    url.searchParams.set('date', date);
    await page.goto(url.toString());
    await settled(page);
    await expect(page.getByRole('heading', { level: 2 }).first()).toContainText(
      phone ? monday.toFormat('cccc, LLLL d') : 'Maya Chen',
    );
    await expect(
      page.getByRole('button', {
        name: /^Riley D\., Ongoing session, 10:00 AM to 10:50 AM, Monday/,
      }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: /^Sam L\., Ongoing session, 11:00 AM to 11:50 AM, Monday/ }),
    ).toBeVisible();
    await check(page, info, '02-grid');
  });

  await test.step('books the free time after the sessions with the keyboard alone', async () => {
    await page.getByRole('button', { name: /^Riley D\./ }).focus();
    await page.keyboard.press('ArrowDown'); // Sam's session
    await page.keyboard.press('ArrowDown'); // the first free start after it
    const free = page.getByRole('button', { name: /^Book 12:00 PM Monday/ });
    await expect(free).toBeFocused();
    await expect(free).toHaveAttribute('tabindex', '0');
    await page.keyboard.press('Enter');
    const dialog = await openedDialog(page, 'Book a session');
    await expect(dialog.getByLabel('Start time')).toHaveValue('12:00');
    await dialog.getByRole('combobox', { name: 'Client' }).fill('Jordan');
    await page.getByRole('option', { name: 'Jordan Park' }).click();
    await check(page, info, '03-book-dialog');
    await dialog.getByRole('button', { name: 'Book session' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: /Booked Jordan Park/ })).toBeVisible();
    await settled(page);
    await expect(
      page.getByRole('button', {
        name: /^Jordan P\., Ongoing session, 12:00 PM to 12:50 PM, Monday/,
      }),
    ).toBeVisible();
  });

  await test.step('drags Riley’s session to a new time', async () => {
    const riley = page.getByRole('button', { name: /^Riley D\./ });
    const hour = phone ? 72 : 64;
    const column = phone ? 0 : (await page.locator('.column').first().boundingBox())!.width;
    // Desktop: a day later and four hours on; phone: four hours on, same day.
    await drag(page, riley, column, 4 * hour);
    const moved = `2:00 PM to 2:50 PM, ${phone ? 'Monday' : 'Tuesday'}`;
    await expect(
      page.getByRole('status').filter({ hasText: /Moved Riley D\.'s session to .* at 2:00 PM\./ }),
    ).toBeVisible();
    await settled(page);
    await expect(
      page.getByRole('button', { name: new RegExp(`^Riley D\\., Ongoing session, ${moved}`) }),
    ).toBeVisible();
    await check(page, info, '04-dragged');
  });

  await test.step('a move onto another session is refused in words and put back', async () => {
    const jordan = page.getByRole('button', { name: /^Jordan P\./ });
    await jordan.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const before = (await jordan.boundingBox())!;
    await drag(page, jordan, 0, -(phone ? 72 : 64)); // 12:00 onto Sam's 11:00
    await expect(page.getByRole('alert')).toContainText(
      "Jordan P.'s session was not moved: Maya Chen already has a session from 11:00 AM to 11:50 AM that overlaps this time.",
    );
    await expect(jordan).toHaveAccessibleName(/12:00 PM to 12:50 PM, Monday/);
    const after = (await jordan.boundingBox())!;
    expect(Math.round(after.y)).toBe(Math.round(before.y));
    await check(page, info, '05-refused');
  });

  await test.step('moves a session with the keyboard: M, arrows, Escape, then Enter', async () => {
    const jordan = page.getByRole('button', { name: /^Jordan P\./ });
    await jordan.focus();
    await page.keyboard.press('m');
    await expect(announcer).toContainText("Moving Jordan P.'s session");
    await page.keyboard.press('ArrowDown');
    await expect(announcer).toContainText('12:15 – 1:05 PM');
    await page.keyboard.press('Escape');
    await expect(announcer).toContainText('Move cancelled');
    await expect(jordan).toHaveAccessibleName(/12:00 PM to 12:50 PM, Monday/);

    await jordan.focus();
    await page.keyboard.press('m');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect(announcer).toContainText('1:00 – 1:50 PM');
    await check(page, info, '06-keyboard-move');
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('status').filter({ hasText: /Moved Jordan P\.'s session to .* at 1:00 PM\./ }),
    ).toBeVisible();
    await settled(page);
    const moved = page.getByRole('button', {
      name: /^Jordan P\., Ongoing session, 1:00 PM to 1:50 PM, Monday/,
    });
    await expect(moved).toBeVisible();
    await expect(moved).toBeFocused();
  });

  await test.step('opens utilisation for that week', async () => {
    await navigate(page, 'Admin navigation', 'Utilisation');
    await expect(page.getByRole('heading', { level: 1, name: 'Utilisation' })).toBeVisible();
    await page.getByLabel('First week (any day in it)').fill(monday.plus({ days: 2 }).toISODate()!);
    await expect(page).toHaveURL(new RegExp(`from=${date}`));
    await expect(page.getByRole('progressbar', { name: 'Loading utilisation' })).toHaveCount(0);
    const maya = page.locator('tbody').filter({ hasText: 'Maya Chen' });
    // The first week's row: Riley, Sam and Jordan booked, nothing marked yet.
    const cells = maya.getByRole('row').nth(1).getByRole('cell');
    await expect(cells.nth(0)).toHaveText('3');
    await expect(cells.nth(1)).toHaveText('0');
    await expect(
      page.getByRole('img', { name: /Sessions per week for all therapists/ }),
    ).toBeVisible();
    await check(page, info, '07-utilisation');
  });

  await context.close();
  expect(offenders, 'requests to third-party hosts').toEqual([]);
});
