// Account security journeys (issue 12): a forgotten password reset through the emailed link,
// which in development lands in the admin's Mail page; and a practice that requires a second
// sign-in step, with TOTP codes computed here by the same library the server uses (otplib).
// Each journey makes its own practice, so turning the requirement on touches no other journey.
import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';
import {
  apiSession,
  DEMO_PASSWORD,
  freshPage,
  navigate,
  okJson,
  signIn,
  signOutViaMenu,
  visit,
} from './support';

/** A new practice (web sign-up, on in development) with a therapist who accepted their invitation. */
async function practiceWithTherapist(baseURL: string, stamp: string) {
  const admin = {
    email: `ada.${stamp}@example.com`,
    name: `Ada Keeper ${stamp}`,
    practice: `Quiet Cove ${stamp}`,
  };
  const therapist = {
    email: `theo.${stamp}@example.com`,
    name: `Theo Lane ${stamp}`,
    // The demo password, so that apiSession can sign in as the therapist too.
    password: DEMO_PASSWORD,
  };
  const anon = await apiSession(baseURL);
  await okJson(
    anon.ctx.post('/api/practices', {
      data: {
        practiceName: admin.practice,
        timeZone: 'America/Chicago',
        adminEmail: admin.email,
        adminDisplayName: admin.name,
        adminPassword: DEMO_PASSWORD,
      },
      headers: anon.headers,
    }),
  );
  const { ctx, headers } = await apiSession(baseURL, admin.email);
  const inv = await okJson<{ link: string }>(
    ctx.post('/api/invitations', {
      data: {
        kind: 'member',
        email: therapist.email,
        displayName: therapist.name,
        roles: ['therapist'],
      },
      headers,
    }),
  );
  const token = inv.link.split('/invite/')[1]!;
  await okJson(
    anon.ctx.post(`/api/invitations/${token}/accept`, {
      data: { password: therapist.password },
      headers: anon.headers,
    }),
  );
  return { admin, therapist };
}

/** The TOTP code an authenticator app with this setup key shows `offsetS` seconds from now. */
function code(secret: string, offsetS = 0): Promise<string> {
  return generate({
    secret: secret.replace(/\s/g, ''),
    epoch: Math.floor(Date.now() / 1000) + offsetS,
  });
}

/** Sets up the second step on the page that shows it; returns the setup key. */
async function setUpSecondStep(
  page: Page,
  info: import('@playwright/test').TestInfo,
  shot: string,
) {
  const key = await page.getByTestId('totp-secret').textContent();
  expect(key).toMatch(/^[A-Z2-7 ]{30,}$/);
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await visit(page, info, `${shot}-qr`);
  await page.getByLabel('6-digit code').fill('000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('alert')).toContainText("didn't work");
  await page.getByLabel('6-digit code').fill(await code(key!));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
  await visit(page, info, `${shot}-recovery-codes`);
  await page.getByRole('button', { name: "I've saved them" }).click();
  return key!;
}

test('forgot password: the link from the Mail page sets a new password and signs in', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const stamp = `${Date.now().toString(36).slice(-5)}${info.project.name[0]}`;
  const baseURL = info.project.use.baseURL!;
  const { admin, therapist } = await practiceWithTherapist(baseURL, stamp);
  const offenders: string[] = [];

  const t = (await freshPage(browser, info, offenders)).page;
  await test.step('the therapist asks for a reset link', async () => {
    await t.goto('/login');
    await t.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(t).toHaveURL(/\/forgot-password$/);
    await expect(t.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');
    await visit(t, info, 'a01-forgot-password');
    await t.getByLabel('Email').fill(therapist.email);
    await t.getByRole('button', { name: 'Send me a link' }).click();
    await expect(t.getByTestId('reset-requested')).toContainText(
      "If that email address belongs to an Attune account, we've sent it a link",
    );
    await visit(t, info, 'a02-reset-requested');
  });

  let link = '';
  await test.step("the admin's Mail page (the development mailbox) holds the link", async () => {
    const a = (await freshPage(browser, info, offenders)).page;
    await signIn(a, admin.email);
    await expect(a).toHaveURL(/\/admin$/);
    await navigate(a, 'Admin navigation', 'Mail');
    await expect(a.getByRole('heading', { level: 1 })).toContainText('Outgoing mail');
    const mail = a.getByRole('button', {
      name: new RegExp(`Choose a new password for Attune.*${therapist.email}`),
    });
    await mail.click();
    const body = a.locator('pre.body').filter({ hasText: '/reset-password/' });
    await expect(body).toBeVisible();
    await expect(body).toContainText('expires in 30 minutes');
    link = /https?:\/\/\S+\/reset-password\/\S+/.exec((await body.textContent())!)![0];
    await visit(a, info, 'a03-mailbox-reset-mail');
  });

  await test.step('the link opens the reset page; a new password signs the therapist in', async () => {
    await t.goto(link);
    await expect(t.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
    await expect(t.getByTestId('reset-email')).toHaveText(therapist.email);
    await visit(t, info, 'a04-reset-password');
    const fresh = 'a new tide every morning';
    await t.getByLabel('New password', { exact: true }).fill(fresh);
    await t.getByLabel('Confirm new password').fill(fresh);
    await t.getByRole('button', { name: 'Save new password' }).click();
    await expect(t).toHaveURL(/\/therapist$/);
    await expect(t.getByRole('heading', { level: 1 })).toBeVisible();
    await visit(t, info, 'a05-signed-in-after-reset');
    // The link worked once.
    await t.goto(link);
    await expect(t.getByRole('heading', { level: 1 })).toHaveText(
      'This link has expired or was already used',
    );
    await visit(t, info, 'a06-reset-link-used');
  });
  expect(offenders).toEqual([]);
});

test('required second step: the admin turns it on, a therapist sets it up and signs in with a code', async ({
  browser,
}, info) => {
  test.setTimeout(300_000);
  const stamp = `${Date.now().toString(36).slice(-5)}${info.project.name[0]}`;
  const baseURL = info.project.use.baseURL!;
  const { admin, therapist } = await practiceWithTherapist(baseURL, stamp);
  const offenders: string[] = [];
  const a = (await freshPage(browser, info, offenders)).page;

  await test.step('the admin sets up their own second step on their account page', async () => {
    await signIn(a, admin.email);
    await expect(a).toHaveURL(/\/admin$/);
    await a.getByRole('button', { name: admin.name }).click();
    await a.getByRole('menuitem', { name: 'Your account' }).click();
    await expect(a).toHaveURL(/\/admin\/account$/);
    await expect(a.getByRole('heading', { level: 1 })).toHaveText('Your account');
    await expect(a.getByTestId('mfa-state')).toContainText('Off.');
    await visit(a, info, 'm01-account');
    await a.getByRole('button', { name: 'Set it up' }).click();
    await setUpSecondStep(a, info, 'm02-admin');
    await expect(a.getByTestId('mfa-state')).toContainText('On');
    // Turning it on signed out the admin's other session (the API one that set the practice up).
    await expect(a.getByRole('list', { name: 'Signed in on' }).getByRole('listitem')).toHaveCount(
      1,
    );
    await expect(a.getByText('Recovery codes left:')).toContainText('10 of 10');
    await visit(a, info, 'm03-account-mfa-on');
  });

  await test.step('the admin requires it of the staff', async () => {
    await navigate(a, 'Admin navigation', 'Practice');
    const toggle = a.getByRole('switch', { name: 'Require a second sign-in step for staff' });
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await toggle.click();
    await expect(a.getByText('A second sign-in step is now required for staff.')).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await visit(a, info, 'm04-practice-requires-mfa');
  });

  const t = (await freshPage(browser, info, offenders)).page;
  let key = '';
  await test.step('the therapist signs in and must set it up before anything else', async () => {
    await signIn(t, therapist.email, therapist.password);
    await expect(t).toHaveURL(/\/second-step$/);
    await expect(t.getByRole('heading', { level: 1 })).toHaveText('Set up a second sign-in step');
    await expect(t.getByText(`${admin.practice} asks everyone on the team`)).toBeVisible();
    // Nothing else opens meanwhile.
    await t.goto('/therapist/clients');
    await expect(t).toHaveURL(/\/second-step$/);
    key = await setUpSecondStep(t, info, 'm05-therapist');
    await expect(t).toHaveURL(/\/therapist$/);
    await visit(t, info, 'm06-therapist-in');
  });

  await test.step('signs out, and back in with the password and a fresh code', async () => {
    await signOutViaMenu(t, therapist.name);
    await signIn(t, therapist.email, therapist.password);
    await expect(t.getByRole('heading', { level: 1 })).toHaveText('Enter your code');
    await visit(t, info, 'm07-code-step');
    // The next 30-second code: the one used at set-up does not work twice.
    await t.getByLabel('Code').fill(await code(key, 30));
    await t.getByRole('button', { name: 'Continue' }).click();
    await expect(t).toHaveURL(/\/therapist$/);
    await t.getByRole('button', { name: therapist.name }).click();
    await t.getByRole('menuitem', { name: 'Your account' }).click();
    await expect(t.getByTestId('mfa-state')).toContainText('On');
    await expect(t.getByText('This device')).toBeVisible();
    await expect(t.getByText('Your practice requires this step for the team')).toBeVisible();
    await visit(t, info, 'm08-therapist-account');
  });
  expect(offenders).toEqual([]);
});

test('a client signs out another device, changes their password and turns on the second step', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const stamp = `${Date.now().toString(36).slice(-5)}${info.project.name[0]}`;
  const baseURL = info.project.use.baseURL!;
  const { therapist } = await practiceWithTherapist(baseURL, stamp);
  // The therapist adds a client and invites them; the client accepts with the demo password.
  const client = { first: `Robin${stamp}`, email: `robin.${stamp}@example.com` };
  const theo = await apiSession(baseURL, therapist.email);
  const created = await okJson<{ id: string }>(
    theo.ctx.post('/api/clients', {
      data: { firstName: client.first, lastName: 'Shore', email: client.email },
      headers: theo.headers,
    }),
  );
  const inv = await okJson<{ link: string }>(
    theo.ctx.post('/api/invitations', {
      data: { kind: 'client', clientId: created.id },
      headers: theo.headers,
    }),
  );
  const anon = await apiSession(baseURL);
  await okJson(
    anon.ctx.post(`/api/invitations/${inv.link.split('/invite/')[1]!}/accept`, {
      data: { password: DEMO_PASSWORD },
      headers: anon.headers,
    }),
  );
  await Promise.all([theo.ctx.dispose(), anon.ctx.dispose()]);

  // Another device where the client is signed in (an API session stands in for it).
  const other = await apiSession(baseURL, client.email);
  const offenders: string[] = [];
  const c = (await freshPage(browser, info, offenders)).page;

  await test.step('Signed in on lists every device; the client signs the others out', async () => {
    await signIn(c, client.email);
    await expect(c).toHaveURL(/\/client$/);
    await c.getByRole('button', { name: client.first }).click();
    await c.getByRole('menuitem', { name: 'Your account' }).click();
    await expect(c).toHaveURL(/\/client\/account$/);
    await expect(c.getByRole('heading', { level: 1 })).toHaveText('Your account');
    // This browser, the API session above, and the one accepting the invitation signed in.
    const list = c.getByRole('list', { name: 'Signed in on' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await expect(list.getByText('This device')).toBeVisible();
    await visit(c, info, 'c01-client-account');
    await list
      .getByRole('button', { name: /^Sign out .*, last active/ })
      .first()
      .click();
    await expect(c.getByRole('status').filter({ hasText: 'Signed out of' })).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await c.getByRole('button', { name: 'Sign out all other devices' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByText('This device')).toBeVisible();
    expect((await other.ctx.get('/api/auth/me')).status()).toBe(401);
  });

  await test.step('changing the password needs the current one and signs out other devices', async () => {
    const again = await apiSession(baseURL, client.email);
    await c.reload();
    await expect(c.getByRole('list', { name: 'Signed in on' }).getByRole('listitem')).toHaveCount(
      2,
    );
    const fresh = 'the garden after rain';
    await c.getByLabel('Current password').fill('not my password at all');
    await c.getByLabel('New password', { exact: true }).fill(fresh);
    await c.getByLabel('Confirm new password').fill(fresh);
    await c.getByRole('button', { name: 'Change password' }).click();
    await expect(c.getByRole('alert')).toContainText(/current password/i);
    await visit(c, info, 'c02-change-password-wrong');
    await c.getByLabel('Current password').fill(DEMO_PASSWORD);
    await c.getByRole('button', { name: 'Change password' }).click();
    await expect(
      c.getByText('Your password is changed, and 1 other device was signed out.'),
    ).toBeVisible();
    await expect(c.getByRole('list', { name: 'Signed in on' }).getByRole('listitem')).toHaveCount(
      1,
    );
    expect((await again.ctx.get('/api/auth/me')).status()).toBe(401);
    // The emptied form is ready for another change, not showing "required" errors.
    await expect(c.getByLabel('Current password')).toHaveValue('');
    await expect(c.getByText('Current password is required.')).toBeHidden();
    await visit(c, info, 'c03-password-changed');
  });

  await test.step('the client turns on the second step for themselves', async () => {
    await expect(c.getByTestId('mfa-state')).toContainText('Off.');
    await c.getByRole('button', { name: 'Set it up' }).click();
    await setUpSecondStep(c, info, 'c04-client');
    await expect(c.getByTestId('mfa-state')).toContainText('On');
    // Nobody requires it of a client, so they may turn it off again.
    await expect(c.getByRole('button', { name: 'Turn off' })).toBeVisible();
    await visit(c, info, 'c05-client-mfa-on');
  });
  await other.ctx.dispose();
  expect(offenders).toEqual([]);
});
