// The scheduling journey: the admin opens Maya's working hours from the calendar and adds a
// Saturday block, books Riley into one of the new free slots weeks ahead, moves it, sees the
// server name a clash and an out-of-hours time, and cancels with a reason; a second booking stays.
// Maya sees it on her schedule and makes a calendar link; Riley sees "Your next session" and
// downloads the .ics. Both projects share one server: desktop books two weeks ahead, phone four,
// and the Saturday hours are checked before they are changed.
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { DateTime } from 'luxon';
import { expectAccessible, freshPage, openedDialog, signIn, snap } from './support';

const THERAPIST = { email: 'maya@example.com', name: 'Maya Chen' };
const CLIENT = { email: 'riley@example.com', name: 'Riley Diaz' };
const OTHER_CLIENT = 'Sam Lee';

/**
 * A screenshot of the whole page: the signed-in shell scrolls inside its content pane, so the
 * viewport grows to the content for the shot. Then axe checks the page as it is.
 */
async function check(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const size = page.viewportSize()!;
  const dialogOpen = await page.locator('.mat-mdc-dialog-container').count();
  if (!dialogOpen) {
    const height = await page
      .locator('mat-sidenav-content')
      .evaluate((el) => el.scrollHeight + (el.getBoundingClientRect().top || 0));
    await page.setViewportSize({
      width: size.width,
      height: Math.max(size.height, Math.ceil(height)),
    });
  }
  await snap(page, info, `scheduling-${name}`);
  await page.setViewportSize(size);
  await expectAccessible(page, name);
}

async function chooseOption(scope: Page | Locator, page: Page, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function chooseClient(dialog: Locator, page: Page, name: string): Promise<void> {
  await dialog.getByRole('combobox', { name: 'Client' }).fill(name.split(' ')[0]!);
  await page.getByRole('option', { name }).click();
  await expect(dialog.getByRole('combobox', { name: 'Client' })).toHaveValue(name);
}

/** Waits for the grid's sessions and free times to finish loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('progressbar', { name: 'Loading the calendar' })).toHaveCount(0);
}

test('scheduling journey: hours, book, move, clash, cancel; client adds it to a calendar', async ({
  browser,
}, info) => {
  test.setTimeout(300_000);
  const phone = info.project.name === 'phone';
  const weeksAhead = phone ? 4 : 2;
  const saturdayEnd = phone ? '15:00' : '14:00';
  const saturday = DateTime.now()
    .setZone('America/New_York')
    .startOf('week')
    .plus({ weeks: weeksAhead, days: 5 })
    .toISODate()!;
  const offenders: string[] = [];
  const { context: adminContext, page: a } = await freshPage(browser, info, offenders);

  await test.step('admin opens Maya’s hours from the calendar and adds Saturday hours', async () => {
    await signIn(a, 'admin@example.com');
    await expect(a).toHaveURL(/\/admin$/);
    await a.goto('/admin/calendar');
    await expect(a.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
    await settled(a);
    await check(a, info, '01-calendar-all');

    if (phone) {
      // A phone shows one therapist at a time, the first by name (Maya) to begin with.
      await expect(a.getByRole('combobox', { name: 'Therapist' })).toContainText(THERAPIST.name);
    } else {
      await chooseOption(a, a, 'Therapist', THERAPIST.name);
      await expect(a).toHaveURL(/therapist=/);
    }
    await a.getByRole('link', { name: 'Edit hours' }).click();
    await expect(a.getByRole('heading', { level: 1 })).toHaveText(
      `Working hours: ${THERAPIST.name}`,
    );
    const saturday = a.getByRole('group', { name: 'Saturday' });
    // Check the state first: the other project may already have added a Saturday block.
    await expect(a.getByRole('group', { name: 'Monday' }).getByLabel('Start')).toHaveValue('09:00');
    if ((await saturday.getByLabel('Start').count()) === 0) {
      await saturday.getByRole('button', { name: 'Add hours on Saturday' }).click();
    }
    await saturday.getByLabel('Start').fill('10:00');
    await saturday.getByLabel('End').fill(saturdayEnd);
    await check(a, info, '02-hours-edited');
    await a.getByRole('button', { name: 'Save hours' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'Working hours saved.' })).toBeVisible();
    await expect(saturday.getByLabel('End')).toHaveValue(saturdayEnd);

    // A block that overlaps another on the same day comes back on that block.
    await saturday.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await saturday.getByLabel('Start').nth(1).fill('11:00');
    await saturday.getByLabel('End').nth(1).fill('12:00');
    await a.getByRole('button', { name: 'Save hours' }).click();
    await expect(a.getByRole('alert')).toContainText(
      'Saturday: These hours overlap another range on the same day.',
    );
    await check(a, info, '03-hours-overlap');
    await saturday.getByRole('button', { name: /^Remove Saturday 11:00/ }).click();
    await a.getByRole('button', { name: 'Save hours' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'Working hours saved.' })).toBeVisible();
  });

  await test.step(`admin books Riley into a Saturday slot ${weeksAhead} weeks ahead`, async () => {
    await a.getByRole('link', { name: 'Back to calendar' }).click();
    await expect(a.getByRole('combobox', { name: 'Therapist' })).toContainText(THERAPIST.name);
    const heading = a.getByRole('heading', { level: 2 }).first();
    if (phone) {
      // A phone shows one day: go to that Saturday by its date.
      const url = new URL(a.url());
      url.searchParams.set('date', saturday);
      await a.goto(url.toString());
      await expect(heading).toContainText(DateTime.fromISO(saturday).toFormat('cccc, LLLL d'));
    } else {
      for (let i = 0; i < weeksAhead; i++) {
        const before = await heading.textContent();
        await a.getByRole('button', { name: 'Next week' }).click();
        await expect(heading).not.toHaveText(before!);
      }
    }
    await settled(a);
    await expect(a.getByText(/Times in America\/New_York/)).toBeVisible();
    await expect(a.getByRole('combobox', { name: 'Free times for' })).toContainText('Ongoing');
    await check(a, info, '04-calendar-therapist');

    await a.getByRole('button', { name: 'Book 10:00 AM Saturday' }).click();
    const dialog = await openedDialog(a, 'Book a session');
    await chooseClient(dialog, a, CLIENT.name);
    await expect(dialog.getByText(/Saturday, .* 10:00 – 10:50 AM/)).toBeVisible();
    await check(a, info, '05-book-dialog');
    await dialog.getByRole('button', { name: 'Book session' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(a.getByRole('status').filter({ hasText: /Booked Riley Diaz/ })).toBeVisible();
    await settled(a);
    await expect(
      a.getByRole('button', { name: /^Riley D\., .*10:00 AM to 10:50 AM, Saturday/ }),
    ).toBeVisible();
    await expect(a.getByRole('button', { name: 'Book 10:00 AM Saturday' })).toHaveCount(0);
  });

  await test.step('admin moves the session to 11:00 from the free times', async () => {
    await a.getByRole('button', { name: /^Riley D\., .*10:00 AM to 10:50 AM, Saturday/ }).click();
    const details = await openedDialog(a, `Session with ${CLIENT.name}`);
    await check(a, info, '06-session-details');
    await details.getByRole('button', { name: 'Reschedule' }).click();
    const dialog = await openedDialog(a, 'Reschedule session');
    await dialog.getByRole('button', { name: '11:00 AM', exact: true }).click();
    await expect(dialog.getByLabel('New start time')).toHaveValue('11:00');
    await check(a, info, '07-reschedule');
    await dialog.getByRole('button', { name: 'Save new time' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(
      a.getByRole('status').filter({ hasText: /Moved Riley Diaz's session to .* 11:00 AM/ }),
    ).toBeVisible();
    await settled(a);
    await expect(
      a.getByRole('button', { name: /^Riley D\., .*11:00 AM to 11:50 AM, Saturday/ }),
    ).toBeVisible();
  });

  await test.step('booking over it names the clash; an evening time offers "Book anyway"', async () => {
    await a.getByRole('button', { name: 'Book 10:00 AM Saturday' }).click();
    const dialog = await openedDialog(a, 'Book a session');
    await chooseClient(dialog, a, OTHER_CLIENT);
    await dialog.getByLabel('Start time').fill('11:00');
    await dialog.getByRole('button', { name: 'Book session' }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      `${THERAPIST.name} already has a session from 11:00 AM to 11:50 AM that overlaps this time.`,
    );
    await check(a, info, '08-book-conflict');

    await dialog.getByLabel('Start time').fill('19:00');
    await dialog.getByRole('button', { name: 'Book session' }).click();
    await expect(dialog.getByRole('alert')).toContainText('outside Maya Chen');
    await expect(dialog.getByRole('button', { name: 'Book anyway' })).toBeVisible();
    await expect(dialog.getByLabel(/Reason to book anyway/)).toBeVisible();
    await check(a, info, '09-book-outside-hours');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toHaveCount(0);
  });

  await test.step('admin cancels the session with a reason', async () => {
    await a.getByRole('button', { name: /^Riley D\., .*11:00 AM to 11:50 AM, Saturday/ }).click();
    const details = await openedDialog(a, `Session with ${CLIENT.name}`);
    await details.getByRole('button', { name: 'Cancel session' }).click();
    const dialog = await openedDialog(a, 'Cancel session');
    await expect(dialog).toContainText('will not count as a late cancellation');
    await dialog.getByRole('button', { name: 'Confirm cancellation' }).click();
    await expect(dialog.getByText('Reason is required.')).toBeVisible();
    await dialog.getByLabel('Reason').fill('Riley asked to move to a weekday.');
    await check(a, info, '10-cancel');
    await dialog.getByRole('button', { name: 'Confirm cancellation' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(a.getByRole('status').filter({ hasText: /Cancelled Riley Diaz/ })).toBeVisible();
    await settled(a);
    await expect(a.getByRole('button', { name: /^Riley D\./ })).toHaveCount(0);
    await a.getByRole('switch', { name: 'Show cancelled' }).click();
    await settled(a);
    await expect(
      a.getByRole('button', { name: /^Riley D\., .*11:00 AM to 11:50 AM, Saturday, .*Cancelled/ }),
    ).toBeVisible();
    await check(a, info, '11-calendar-cancelled-shown');
    await a.getByRole('switch', { name: 'Show cancelled' }).click();
  });

  await test.step('a second booking stays: Monday 9:00 AM', async () => {
    await settled(a);
    if (phone) {
      for (let i = 0; i < 2; i++) await a.getByRole('button', { name: 'Next day' }).click();
      await expect(a.getByRole('heading', { level: 2 }).first()).toContainText('Monday');
      await settled(a);
    }
    await a.getByRole('button', { name: 'Book 9:00 AM Monday' }).click();
    const dialog = await openedDialog(a, 'Book a session');
    await chooseClient(dialog, a, CLIENT.name);
    await dialog.getByRole('button', { name: 'Book session' }).click();
    await expect(dialog).toHaveCount(0);
    await settled(a);
    await expect(
      a.getByRole('button', { name: /^Riley D\., .*9:00 AM to 9:50 AM, Monday/ }),
    ).toBeVisible();
  });

  await test.step('admin sees the outgoing mail and the practice settings', async () => {
    await a.goto('/admin/mailbox');
    await expect(a.getByRole('heading', { level: 1 })).toContainText('Outgoing mail');
    await expect(
      a.getByText(/Session booked: .* \(Harbor Light Counseling\)/).first(),
    ).toBeVisible();
    await expect(
      a.getByText(/Session cancelled: .* \(Harbor Light Counseling\)/).first(),
    ).toBeVisible();
    // Riley's copy of the change (the therapist's copy names initials only).
    await a
      .getByRole('button', { name: /Session moved: .* \(Harbor Light Counseling\)/ })
      .first()
      .click();
    await expect(a.getByText(/is now on Saturday/).first()).toBeVisible();
    await check(a, info, '12-mailbox');

    await a.goto('/admin/practice');
    await expect(a.getByLabel('Late cancellation window (hours)')).toHaveValue('24');
    await expect(a.getByRole('heading', { name: 'Appointment types' })).toBeVisible();
    await a.getByRole('button', { name: 'Edit Ongoing session' }).click();
    const dialog = await openedDialog(a, 'Edit Ongoing session');
    await expect(dialog.getByLabel('Length (minutes)')).toHaveValue('50');
    await check(a, info, '13-appointment-type-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await check(a, info, '14-practice-settings');
  });
  await adminContext.close();

  await test.step('Maya sees the session on her schedule and makes a calendar link', async () => {
    const { context, page: t } = await freshPage(browser, info, offenders);
    await signIn(t, THERAPIST.email);
    await expect(t).toHaveURL(/\/therapist$/);
    await t.goto('/therapist/schedule');
    await expect(t.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
    await expect(t.getByRole('link', { name: CLIENT.name }).first()).toBeVisible();
    await check(t, info, '15-therapist-schedule');

    await t.goto('/therapist/availability');
    await expect(t.getByRole('group', { name: 'Saturday' }).getByLabel('End')).toHaveValue(
      saturdayEnd,
    );
    // Time off far ahead (clear of the sessions booked above), added and removed again.
    const day = new Date(Date.now() + (phone ? 61 : 60) * 86_400_000).toISOString().slice(0, 10);
    await t.getByLabel('Time off starts').fill(`${day}T09:00`);
    await t.getByLabel('Time off ends').fill(`${day}T12:00`);
    await t.getByLabel('Reason (optional)').fill('Training day');
    await t.getByRole('button', { name: 'Add time off' }).click();
    await expect(t.getByRole('status').filter({ hasText: 'Time off added' })).toBeVisible();
    const removeTimeOff = t.getByRole('button', { name: /^Remove time off .*9:00 AM – 12:00 PM/ });
    await expect(removeTimeOff).toHaveCount(1);
    await expect(t.getByText('Training day')).toBeVisible();
    // The emptied form starts fresh, without "required" errors.
    await expect(t.getByText('Start is required.')).toHaveCount(0);

    await t.getByRole('button', { name: 'Create calendar link' }).click();
    const link = t.getByRole('textbox', { name: 'Calendar link' });
    await expect(link).toHaveValue(/\/api\/calendar-feeds\/.+\.ics$/);
    const feed = await t.request.get(await link.inputValue());
    expect((await feed.text()).startsWith('BEGIN:VCALENDAR')).toBe(true);
    await check(t, info, '16-therapist-availability');
    await t.getByRole('button', { name: 'Turn off calendar link' }).click();
    await expect(link).toHaveCount(0);
    await removeTimeOff.click();
    await expect(removeTimeOff).toHaveCount(0);
    await context.close();
  });

  await test.step('Riley sees the next session and adds it to a calendar', async () => {
    const { context, page: c } = await freshPage(browser, info, offenders);
    await signIn(c, CLIENT.email);
    await expect(c).toHaveURL(/\/client$/);
    await c.goto('/client/sessions');
    const next = c.getByRole('region', { name: 'Your next session' });
    await expect(next).toContainText(`With ${THERAPIST.name}`);
    await expect(next).toContainText('Monday');
    await check(c, info, '17-client-sessions');
    const [download] = await Promise.all([
      c.waitForEvent('download'),
      next.getByRole('link', { name: 'Add to calendar' }).click(),
    ]);
    const stream = await download.createReadStream();
    let body = '';
    for await (const chunk of stream) body += String(chunk);
    expect(body.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(body).toContain(`Session with ${THERAPIST.name}`);
    await context.close();
  });

  expect(offenders, 'requests to third-party hosts').toEqual([]);
});
