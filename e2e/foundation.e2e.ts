// The foundation journey: an admin invites a therapist and a client, both accept their links,
// sign out and back in with the password they chose. Every page is checked with axe and
// screenshotted, and the app must never call a third-party host along the way.
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  freshPage,
  navigate,
  openedDialog,
  signIn,
  signOutViaMenu,
  visit,
} from './support';

const ADMIN_NAV = 'Admin navigation';

/** Opens an invitation link, sets a display name and password, and accepts. */
async function acceptInvitation(
  page: Page,
  link: string,
  email: string,
  displayName: string,
  password: string,
): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    "You're invited to Harbor Light Counseling",
  );
  await expect(page.getByTestId('invite-email')).toHaveText(email);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
}

test('foundation journey: invite, accept, sign back in', async ({ browser }, info) => {
  // A long journey; generous so it stays green on a busy two-core machine.
  test.setTimeout(240_000);
  // Unique per run and project, so the two projects can share one server and database.
  const stamp = `${Date.now().toString(36).slice(-5)}${info.project.name[0]}`;
  const therapist = {
    email: `tess.${stamp}@example.com`,
    name: `Tess Okafor ${stamp}`,
    password: 'a calm harbor at dawn',
  };
  const client = {
    email: `casey.${stamp}@example.com`,
    first: 'Casey',
    last: `Nguyen ${stamp}`,
    name: `Casey Nguyen ${stamp}`,
    password: 'small steps every day',
  };
  const offenders: string[] = [];

  // 1. The admin opens the address the README prints, as a newcomer does, is shown sign-in,
  // signs in and lands on the dashboard.
  const admin = await freshPage(browser, info, offenders);
  const a = admin.page;
  const home = await a.goto('/');
  expect(home?.status()).toBe(200);
  expect(home?.headers()['content-type']).toMatch(/text\/html/);
  await expect(a).toHaveURL(/\/login$/);
  await expect(a.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await visit(a, info, '01-login');
  await signIn(a, 'admin@example.com');
  await expect(a).toHaveURL(/\/admin$/);
  await expect(a.getByRole('heading', { name: 'Practice dashboard' })).toBeVisible();
  await expect(a.getByTestId('member-count')).not.toHaveText('…');
  await visit(a, info, '02-admin-dashboard');

  // 2. People: invite a therapist and read the link.
  let therapistLink = '';
  await test.step('admin invites a therapist', async () => {
    const opener = a.getByRole('button', { name: 'Open navigation' });
    if (info.project.name === 'phone') {
      // Narrow screens: the navigation lives in a drawer.
      await opener.click();
      await expect(a.getByRole('navigation', { name: ADMIN_NAV })).toBeVisible();
      await expect(opener).toHaveAttribute('aria-expanded', 'true');
      await visit(a, info, '02b-admin-nav-drawer');
    } else {
      await expect(opener).toHaveCount(0);
    }
    await navigate(a, ADMIN_NAV, 'People');
    await expect(a).toHaveURL(/\/admin\/people$/);
    await expect(a.getByRole('heading', { name: 'Team members' })).toBeVisible();
    // A table on wide screens, one card per person on a phone.
    await expect(a.getByTestId('person').filter({ hasText: 'theo@example.com' })).toBeVisible();
    await visit(a, info, '03-admin-people');

    await a.getByRole('button', { name: 'Invite team member' }).click();
    const form = await openedDialog(a, 'Invite team member');
    await form.getByLabel('Email').fill(therapist.email);
    await form.getByLabel('Display name').fill(therapist.name);
    await expect(form.getByRole('checkbox', { name: 'Therapist' })).toBeChecked();
    await expect(form.getByRole('checkbox', { name: 'Admin' })).not.toBeChecked();
    await visit(a, info, '04-invite-member-form');
    await form.getByRole('button', { name: 'Send invitation' }).click();

    const ready = await openedDialog(a, 'Invitation ready');
    const link = ready.getByTestId('invite-link');
    await expect(link).toHaveText(/\/invite\/[\w-]+$/);
    therapistLink = (await link.textContent())!.trim();
    expect(therapistLink.startsWith(info.project.use.baseURL ?? 'http://localhost')).toBe(true);
    await expect(ready.getByRole('button', { name: 'Copy link' })).toBeVisible();
    await visit(a, info, '05-invite-member-link');
    await ready.getByRole('button', { name: 'Done' }).click();
    await expect(ready).toBeHidden();
    await expect(a.getByTestId('invitation').filter({ hasText: therapist.email })).toBeVisible();
  });

  // 3. Clients: add a client with an email and invite them now.
  let clientLink = '';
  await test.step('admin adds and invites a client', async () => {
    await navigate(a, ADMIN_NAV, 'Clients');
    await expect(a).toHaveURL(/\/admin\/clients$/);
    await expect(a.getByRole('link', { name: 'Sam Lee' })).toBeVisible();
    await visit(a, info, '06-admin-clients');

    await a.getByRole('button', { name: 'Add client' }).click();
    const form = await openedDialog(a, 'Add client');
    await form.getByLabel('First name').fill(client.first);
    await form.getByLabel('Last name').fill(client.last);
    await form.getByLabel('Pronouns').fill('they/them');
    await form.getByLabel('Email').fill(client.email);

    // Only active therapists can be primary: the new therapist is still only invited.
    await form.getByRole('combobox', { name: 'Primary therapist' }).click();
    const options = a.getByRole('option');
    await expect(options.filter({ hasText: 'Theo Rivera' })).toBeVisible();
    await expect(options.filter({ hasText: therapist.name })).toHaveCount(0);
    await visit(a, info, '07-add-client-therapist-select');
    await options.filter({ hasText: 'Theo Rivera' }).click();
    await expect(form.getByRole('combobox', { name: 'Primary therapist' })).toHaveText(
      /Theo Rivera/,
    );

    await form.getByRole('checkbox', { name: 'Invite them to Attune now' }).check();
    await visit(a, info, '08-add-client-form');
    await form.getByRole('button', { name: 'Save client' }).click();

    const added = await openedDialog(a, `${client.name} was added`);
    const link = added.getByTestId('invite-link');
    await expect(link).toHaveText(/\/invite\/[\w-]+$/);
    clientLink = (await link.textContent())!.trim();
    expect(clientLink).not.toBe(therapistLink);
    await visit(a, info, '09-add-client-link');
    await added.getByRole('button', { name: 'Done' }).click();
    await expect(added).toBeHidden();
    const row = a.getByRole('row').filter({ hasText: client.name });
    await expect(row).toContainText('Theo Rivera');
    await expect(row).toContainText(/invited/i);
  });

  // 4. The therapist accepts in their own browser.
  const tPage = await freshPage(browser, info, offenders);
  const t = tPage.page;
  await test.step('therapist accepts the invitation', async () => {
    await acceptInvitation(t, therapistLink, therapist.email, therapist.name, therapist.password);
    await visit(t, info, '10-therapist-accept');
    await t.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(t).toHaveURL(/\/therapist$/);
    await expect(t.getByRole('heading', { name: 'Welcome back, Tess' })).toBeVisible();
    await expect(t.getByTestId('client-count')).toHaveText('0');
    await visit(t, info, '11-therapist-dashboard');
  });

  // 5. The client accepts in another browser and finds crisis help.
  const cPage = await freshPage(browser, info, offenders);
  const c = cPage.page;
  await test.step('client accepts the invitation and opens crisis help', async () => {
    await acceptInvitation(c, clientLink, client.email, client.name, client.password);
    await visit(c, info, '12-client-accept');
    await c.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(c).toHaveURL(/\/client$/);
    await expect(
      c.getByRole('heading', { name: "Hi, Casey. We're glad you're here." }),
    ).toBeVisible();
    await visit(c, info, '13-client-home');

    const help = c.getByRole('button', { name: 'Need help now?' });
    await expect(help).toBeVisible();
    await help.click();
    const dialog = await openedDialog(c, 'Need help now?');
    await expect(dialog.getByRole('link', { name: 'Call 988' })).toHaveAttribute('href', /988/);
    await expect(dialog.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', /988/);
    await expect(dialog.getByRole('link', { name: 'Chat online' })).toBeVisible();
    await expect(dialog.getByRole('link', { name: 'Call 911' })).toHaveAttribute('href', /911/);
    await expect(dialog.getByTestId('practice-crisis-text')).toContainText(
      'Harbor Light after-hours line',
    );
    await visit(c, info, '14-client-crisis-help');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(help).toBeFocused();
  });

  // 6. Both sign out and back in with the password they chose.
  await test.step('therapist and client sign back in with their new passwords', async () => {
    await signOutViaMenu(t, therapist.name);
    await visit(t, info, '15-therapist-signed-out');
    await signIn(t, therapist.email, therapist.password);
    await expect(t).toHaveURL(/\/therapist$/);
    await expect(t.getByRole('heading', { name: 'Welcome back, Tess' })).toBeVisible();

    await signOutViaMenu(c, client.name);
    await signIn(c, client.email, client.password);
    await expect(c).toHaveURL(/\/client$/);
    await expect(c.getByRole('button', { name: 'Need help now?' })).toBeVisible();

    // The old demo password must not open the new accounts.
    await signOutViaMenu(c, client.name);
    await signIn(c, client.email, DEMO_PASSWORD);
    await expect(c.getByRole('alert')).toBeVisible();
    await expect(c).toHaveURL(/\/login$/);
  });

  // 7. A used invitation link shows the friendly page.
  await test.step('a used invitation link explains itself', async () => {
    const { page: u } = await freshPage(browser, info, offenders);
    await u.goto(therapistLink);
    await expect(
      u.getByRole('heading', { name: 'This link has expired or was already used' }),
    ).toBeVisible();
    await expect(u.getByRole('link', { name: 'Sign in here' })).toBeVisible();
    await visit(u, info, '16-invite-used');
    await u.goto(clientLink);
    await expect(
      u.getByRole('heading', { name: 'This link has expired or was already used' }),
    ).toBeVisible();
  });

  // The new therapist now appears as an active member and is offered as a primary therapist.
  await test.step('the admin sees the new therapist as a team member', async () => {
    await navigate(a, ADMIN_NAV, 'People');
    const row = a.getByTestId('person').filter({ hasText: therapist.email });
    await expect(row).toContainText(therapist.name);
    await expect(row).toContainText(/active/i);
    await visit(a, info, '17-admin-people-after');

    await navigate(a, ADMIN_NAV, 'Clients');
    await a.getByRole('button', { name: 'Add client' }).click();
    const form = await openedDialog(a, 'Add client');
    await form.getByRole('combobox', { name: 'Primary therapist' }).click();
    await expect(a.getByRole('option', { name: therapist.name })).toBeVisible();
    await a.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toBeHidden();
  });

  expect(offenders, 'third-party requests').toEqual([]);
  await Promise.all([admin.context.close(), tPage.context.close(), cPage.context.close()]);
});

test('a client who tries the admin area is sent to their own', async ({ browser }, info) => {
  const offenders: string[] = [];
  const { context, page } = await freshPage(browser, info, offenders);
  await signIn(page, 'sam@example.com');
  await expect(page).toHaveURL(/\/client$/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/client$/);
  await expect(
    page.getByRole('heading', { name: "Hi, Sam. We're glad you're here." }),
  ).toBeVisible();
  await visit(page, info, '20-client-redirected-from-admin');
  await page.goto('/therapist/clients');
  await expect(page).toHaveURL(/\/client$/);
  expect(offenders, 'third-party requests').toEqual([]);
  await context.close();
});
