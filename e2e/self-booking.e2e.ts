// The self-booking journey: the admin turns client self-booking on for ongoing sessions; a new
// client of Theo's books a session from his free times (shown in the practice's zone, named),
// adds it to a calendar and moves it to another day. Then a safety alert is raised through the
// API: the client's sessions and booking pages pause with warm words and the crisis resources,
// and Theo sees "paused" on the client's page. Afterwards the alert is acknowledged and
// self-booking is turned off again, so the other journeys meet the demo practice as seeded.
// Desktop and phone share one server: each makes its own client and books its own weeks ahead.
import { expect, type Page, test, type TestInfo } from '@playwright/test';
import {
  apiSession,
  DEMO_PASSWORD,
  expectAccessible,
  freshPage,
  okJson as json,
  signIn,
  snap,
} from './support';

const THERAPIST = { email: 'theo@example.com', name: 'Theo Rivera' };
const ADMIN = 'admin@example.com';

interface Booker {
  id: string;
  name: string;
  email: string;
}

/** A full-page shot (the shell scrolls inside its content pane), then axe on the page as it is. */
async function check(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const size = page.viewportSize()!;
  if (!(await page.locator('.mat-mdc-dialog-container').count())) {
    const height = await page
      .locator('mat-sidenav-content')
      .evaluate((el) => el.scrollHeight + (el.getBoundingClientRect().top || 0));
    await page.setViewportSize({
      width: size.width,
      height: Math.max(size.height, Math.ceil(height)),
    });
  }
  await snap(page, info, `self-booking-${name}`);
  await page.setViewportSize(size);
  await expectAccessible(page, name);
}

/** An admin adds a client for Theo and invites them; the client accepts with the demo password. */
async function newBooker(baseURL: string, info: TestInfo): Promise<Booker> {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const admin = await apiSession(baseURL, ADMIN);
  const theo = await apiSession(baseURL, THERAPIST.email);
  const theoId = (theo.me as { memberId?: string | null }).memberId!;
  const email = `morgan.${tag}@example.com`;
  const client = await json<{ id: string }>(
    admin.ctx.post('/api/clients', {
      data: {
        firstName: 'Morgan',
        lastName: `Booker ${tag}`,
        email,
        primaryTherapistId: theoId,
      },
      headers: admin.headers,
    }),
  );
  const invitation = await json<{ link: string }>(
    admin.ctx.post('/api/invitations', {
      data: { kind: 'client', clientId: client.id },
      headers: admin.headers,
    }),
  );
  const anon = await apiSession(baseURL);
  await json(
    anon.ctx.post(`/api/invitations/${invitation.link.split('/invite/')[1]!}/accept`, {
      data: { password: DEMO_PASSWORD },
      headers: anon.headers,
    }),
  );
  await Promise.all([admin.ctx.dispose(), anon.ctx.dispose(), theo.ctx.dispose()]);
  return { id: client.id, name: `Morgan Booker ${tag}`, email };
}

/** Theo assigns the built-in screener; the client answers the safety question "sometimes". */
async function raiseAlert(baseURL: string, booker: Booker): Promise<string> {
  const theo = await apiSession(baseURL, THERAPIST.email);
  const client = await apiSession(baseURL, booker.email);
  const instruments = await json<{ id: string; key: string }[]>(theo.ctx.get('/api/instruments'));
  const builtin = instruments.find((i) => i.key === 'perfectionism-patterns-check')!;
  const assigned = await json<{ id: string }>(
    theo.ctx.post(`/api/clients/${booker.id}/screenings`, {
      data: { instrumentId: builtin.id },
      headers: theo.headers,
    }),
  );
  await json(
    client.ctx.put(`/api/screenings/${assigned.id}/draft`, {
      data: { version: 0, answers: { 'safety-self-harm': { value: 'sometimes' } } },
      headers: client.headers,
    }),
  );
  const alerts = await json<{ items: { id: string }[] }>(
    theo.ctx.get(`/api/alerts?status=open&clientId=${booker.id}`),
  );
  expect(alerts.items).toHaveLength(1);
  await Promise.all([theo.ctx.dispose(), client.ctx.dispose()]);
  return alerts.items[0]!.id;
}

/** Pages "Later dates" forward, then picks the `dayIndex`-th day with free times and its first time. */
async function pickTime(page: Page, pages: number, dayIndex: number): Promise<string> {
  const later = page.getByRole('button', { name: 'Later dates' });
  const days = page.getByRole('group', { name: 'Choose a day' }).getByRole('button');
  for (let i = 0; i < pages; i++) {
    await later.click();
    await expect(page.getByRole('progressbar', { name: 'Loading free times' })).toHaveCount(0);
  }
  await expect(days.nth(dayIndex)).toBeVisible();
  const short = (await days.nth(dayIndex).innerText()).trim();
  await days.nth(dayIndex).click();
  await expect(days.nth(dayIndex)).toHaveAttribute('aria-pressed', 'true');
  // The button says "Tue, Jan 12"; the times' heading names the day in full.
  const heading = page.getByRole('heading', { name: /^Choose a time on / });
  await expect(heading).toContainText(short.split(', ')[1]!.split(' ')[1]!);
  const day = (await heading.innerText()).replace('Choose a time on ', '').trim();
  const times = page.getByRole('group', { name: `Choose a time on ${day}` }).getByRole('button');
  await times.first().click();
  await expect(page.getByRole('heading', { name: 'Check and confirm' })).toBeFocused();
  return day;
}

test('self-booking journey: book, move, paused by an alert; the therapist sees "paused"', async ({
  browser,
}, info) => {
  test.setTimeout(300_000);
  const baseURL = info.project.use.baseURL!;
  // Each project books its own weeks ahead, so the two never meet on Theo's calendar.
  const pages = info.project.name === 'phone' ? 3 : 2;
  const offenders: string[] = [];
  const booker = await newBooker(baseURL, info);
  // Set inside a step (a closure), read in `finally`.
  const raised: { alertId: string | null } = { alertId: null };

  try {
    await test.step('the admin turns self-booking on for ongoing sessions', async () => {
      const { context, page: a } = await freshPage(browser, info, offenders);
      await signIn(a, ADMIN);
      await expect(a).toHaveURL(/\/admin$/);
      await a.goto('/admin/practice');
      const card = a.getByRole('region', { name: 'Client self-booking' });
      const toggle = card.getByRole('switch', { name: 'Let clients book their own sessions' });
      await expect(toggle).toBeEnabled();
      if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
      await expect(toggle).toHaveAttribute('aria-checked', 'true');
      const ongoing = card.getByRole('checkbox', { name: /Ongoing session/ });
      await ongoing.check();
      await expect(card.getByRole('checkbox', { name: /Intake session/ })).not.toBeChecked();
      await card.getByRole('button', { name: 'Save self-booking' }).click();
      await expect(card.getByRole('status')).toHaveText(
        'Self-booking saved: clients can now book online.',
      );
      await check(a, info, '01-admin-settings');
      await context.close();
    });

    const { context: clientContext, page: c } = await freshPage(browser, info, offenders);
    let bookedDay = '';

    await test.step('the client books a session from Theo’s free times', async () => {
      await signIn(c, booker.email);
      await expect(c).toHaveURL(/\/client$/);
      await c.goto('/client/sessions');
      await expect(c.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
      await expect(c.getByText('Nothing booked right now. You can book a session')).toBeVisible();
      await check(c, info, '02-client-sessions-empty');
      await c.getByRole('link', { name: 'Book a session' }).click();
      await expect(c.getByRole('heading', { level: 1, name: 'Book a session' })).toBeVisible();
      // The only type clients may book is chosen already, and the zone is named.
      await expect(c.getByRole('radio', { name: /Ongoing session/ })).toBeChecked();
      await expect(c.getByRole('radio')).toHaveCount(1);
      await expect(
        c.getByText(/Times are shown in America\/New_York time \(E[SD]T\)\./),
      ).toBeVisible();
      await check(c, info, '03-book-choose');
      bookedDay = await pickTime(c, pages, 0);
      const confirm = c.getByRole('region', { name: 'Check and confirm' });
      await expect(confirm).toContainText(bookedDay);
      await expect(confirm).toContainText('With Theo Rivera · Ongoing session');
      await check(c, info, '04-book-confirm');
      await confirm.getByRole('button', { name: 'Book this session' }).click();
      const done = c.getByRole('region', { name: "You're booked" });
      await expect(done).toBeVisible();
      await expect(done.getByRole('heading', { name: "You're booked" })).toBeFocused();
      await expect(done).toContainText(bookedDay);
      const ics = done.getByRole('link', { name: 'Add to calendar' });
      const file = await c.request.get((await ics.getAttribute('href'))!);
      expect(file.status()).toBe(200);
      expect(await file.text()).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Session with Theo Rivera/);
      await check(c, info, '05-booked');
    });

    await test.step('the client moves the session to another day', async () => {
      await c.getByRole('link', { name: 'See your sessions' }).click();
      const next = c.getByRole('region', { name: 'Your next session' });
      await expect(next).toContainText(bookedDay);
      await expect(next.getByRole('link', { name: /^Move the session on/ })).toBeVisible();
      await expect(next.getByRole('button', { name: /^Cancel the session on/ })).toBeVisible();
      await check(c, info, '06-sessions-booked');
      await next.getByRole('link', { name: /^Move the session on/ }).click();
      await expect(c.getByRole('heading', { level: 1, name: 'Move your session' })).toBeVisible();
      await expect(c.getByText(/^Your session now: /)).toContainText(bookedDay);
      const movedDay = await pickTime(c, pages, 1);
      expect(movedDay).not.toBe(bookedDay);
      await check(c, info, '07-move-confirm');
      await c.getByRole('button', { name: 'Move my session' }).click();
      const done = c.getByRole('region', { name: 'Your session is moved' });
      await expect(done).toContainText(movedDay);
      await c.getByRole('link', { name: 'See your sessions' }).click();
      await expect(c.getByRole('region', { name: 'Your next session' })).toContainText(movedDay);
      // One session, at the new time.
      const api = await apiSession(baseURL, booker.email);
      const mine = await json<{ status: string; startsAt: string }[]>(
        api.ctx.get('/api/appointments'),
      );
      expect(mine.filter((a) => a.status === 'booked')).toHaveLength(1);
      await api.ctx.dispose();
    });

    await test.step('an open safety alert pauses self-booking, warmly, with crisis resources', async () => {
      raised.alertId = await raiseAlert(baseURL, booker);
      await c.reload();
      const paused = c.getByRole('region', { name: 'Online booking is paused for now' });
      await expect(paused).toBeVisible();
      await expect(paused).toContainText('please get in touch with Theo Rivera');
      for (const name of ['Call 988', 'Text 988', 'Chat with 988', 'Call 911'])
        await expect(paused.getByRole('link', { name })).toBeVisible();
      await expect(paused.getByRole('link', { name: 'Call 988' })).toHaveAttribute(
        'href',
        'tel:988',
      );
      await expect(paused.getByTestId('practice-crisis-text')).toContainText(
        'Harbor Light after-hours line',
      );
      // Nothing to book or move while paused; the session itself is still there.
      await expect(c.getByRole('link', { name: 'Book a session' })).toHaveCount(0);
      await expect(c.getByRole('link', { name: /^Move the session/ })).toHaveCount(0);
      await expect(c.getByRole('region', { name: 'Your next session' })).toBeVisible();
      await check(c, info, '08-sessions-paused');
      await c.goto('/client/sessions/book');
      await expect(
        c.getByRole('region', { name: 'Online booking is paused for now' }),
      ).toBeVisible();
      await expect(c.getByRole('group', { name: 'Choose a day' })).toHaveCount(0);
      await check(c, info, '09-book-paused');
    });
    await clientContext.close();

    await test.step('Theo sees that online booking is paused on the client’s page', async () => {
      const { context, page: t } = await freshPage(browser, info, offenders);
      await signIn(t, THERAPIST.email);
      await expect(t).toHaveURL(/\/therapist$/);
      await t.goto(`/therapist/clients/${booker.id}`);
      await expect(t.getByRole('heading', { level: 1, name: booker.name })).toBeVisible();
      await expect(t.getByTestId('self-booking-status')).toContainText('Online booking paused.');
      await check(t, info, '10-therapist-client-paused');
      await context.close();
    });
  } finally {
    // Leave the demo practice as the other journeys expect it.
    const theo = await apiSession(baseURL, THERAPIST.email);
    if (raised.alertId)
      await json(
        theo.ctx.post(`/api/alerts/${raised.alertId}/acknowledge`, {
          data: { note: 'Called; we talked it through.' },
          headers: theo.headers,
        }),
      );
    const admin = await apiSession(baseURL, ADMIN);
    await json(
      admin.ctx.put('/api/practice/self-booking', {
        data: { enabled: false, typeIds: [] },
        headers: admin.headers,
      }),
    );
    await Promise.all([theo.ctx.dispose(), admin.ctx.dispose()]);
  }
  expect(offenders).toEqual([]);
});
