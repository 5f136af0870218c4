// The screening journey: a therapist assigns the Perfectionism Patterns Check, the client answers
// part of it on a phone, takes a break, comes back on a fresh browser and reaches the review with
// the safety question blank: the runner asks once more. The client declines it (a CHECK-IN alert
// the therapist acknowledges), then changes the answer to a critical one with "right now: yes"
// (988 first) and sends it in; the therapist sees the escalated IMMEDIATE alert first,
// acknowledges it, and reads the result with its flags, acknowledgements, profile and trend.
// Each project uses its own demo client (desktop: Sam, phone: Jordan), so both runs start clean
// on one server.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { apiSession, expectAccessible, okJson as json, signIn, snap, visit } from './support';

// Published instruments are read from the handbook beside the repository, never copied into it.
const HANDBOOK_FHIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'fixtures',
  'fhir',
);
const THERAPIST = 'theo@example.com';
const CLIENTS = {
  desktop: { email: 'sam@example.com', name: 'Sam Lee' },
  phone: { email: 'jordan@example.com', name: 'Jordan Park' },
} as const;
const TITLE = 'Perfectionism Patterns Check';
const PHONE = { width: 360, height: 740 };

function clientFor(info: TestInfo) {
  return info.project.name === 'phone' ? CLIENTS.phone : CLIENTS.desktop;
}

/** A fresh browser context (what axe needs); `phone` forces a 360x740 touch screen. */
async function openContext(
  browser: Browser,
  info: TestInfo,
  offenders: string[],
  phone = false,
): Promise<{ context: BrowserContext; page: Page }> {
  const use = info.project.use;
  const baseURL = use.baseURL!;
  const mobile = phone || !!use.isMobile;
  const context = await browser.newContext({
    baseURL,
    viewport: phone ? PHONE : use.viewport,
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: use.deviceScaleFactor ?? (phone ? 2 : 1),
    // No smooth scrolling: screenshots show where the page settles.
    reducedMotion: 'reduce',
  });
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL) && !url.startsWith('data:') && !url.startsWith('blob:'))
      offenders.push(url);
  });
  return { context, page: await context.newPage() };
}

const apiAs = (baseURL: string, email: string) => apiSession(baseURL, email);

/**
 * An earlier administration, sent in through the API, so the result page has a trend to draw.
 * Every sign "often", the safety question "never" (so it raises no alert).
 */
async function sendEarlierAdministration(baseURL: string, clientEmail: string): Promise<void> {
  const theo = await apiAs(baseURL, THERAPIST);
  const client = await apiAs(baseURL, clientEmail);
  const clientId = client.me.clientId!;
  const instruments = await json<{ id: string; key: string }[]>(theo.ctx.get('/api/instruments'));
  const builtin = instruments.find((i) => i.key === 'perfectionism-patterns-check')!;
  const assigned = await json<{ id: string }>(
    theo.ctx.post(`/api/clients/${clientId}/screenings`, {
      data: { instrumentId: builtin.id },
      headers: theo.headers,
    }),
  );
  const detail = await json<{
    draftVersion: number;
    definition: { sections: { key: string; items: { linkId: string; type: string }[] }[] };
  }>(client.ctx.get(`/api/screenings/${assigned.id}`));
  const answers: Record<string, { value: string }> = {};
  for (const section of detail.definition.sections) {
    for (const item of section.items) {
      // Shown only after an answer above "Never": left out.
      if (item.type !== 'choice' || item.linkId === 'safety-right-now') continue;
      answers[item.linkId] = {
        value: section.key === 'safety' ? 'never' : section.key === 'origins' ? 'no' : 'often',
      };
    }
  }
  await json(
    client.ctx.post(`/api/screenings/${assigned.id}/submit`, {
      data: { version: detail.draftVersion, answers },
      headers: { ...client.headers, 'Idempotency-Key': randomUUID() },
    }),
  );
  await Promise.all([theo.ctx.dispose(), client.ctx.dispose()]);
}

/** Picks `option` in every question on the current part. */
async function answerPart(page: Page, option: string): Promise<void> {
  const groups = page.getByRole('radiogroup');
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await groups.nth(i).getByRole('radio', { name: option, exact: true }).check();
  }
  await expect(page.locator('.save-status')).toHaveText('Saved');
}

async function expectPart(page: Page, part: number, title: string): Promise<void> {
  await expect(page.getByText(`Part ${part} of 12`, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

/**
 * A screenshot of the whole page: the signed-in shell scrolls inside its content pane, so a
 * full-page shot would stop at the fold. The viewport grows to the content for the shot.
 */
async function snapWhole(page: Page, info: TestInfo, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page
    .locator('mat-sidenav-content')
    .evaluate((el) => el.scrollHeight + (el.getBoundingClientRect().top || 0));
  await page.setViewportSize({
    width: size.width,
    height: Math.max(size.height, Math.ceil(height)),
  });
  await page.waitForTimeout(300); // charts redraw at the new size
  await snap(page, info, name);
  await page.setViewportSize(size);
}

/** Where a screenshot of one region goes (beside the page screenshots). */
function regionShot(info: TestInfo, name: string): string {
  const port = process.env.E2E_PORT ?? '3100';
  const base = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
  const dir = port === '3100' ? base : join(base, `port-${port}`);
  return join(dir, 'screenshots', info.project.name, `${name}.png`);
}

/** Waits until a Material dialog has finished opening (axe must not see it mid-animation). */
async function dialogNamed(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  const container = page.locator('.mat-mdc-dialog-container').last();
  await expect(container).toHaveClass(/mdc-dialog--open/);
  await expect(container).not.toHaveClass(/mdc-dialog--opening/);
  return dialog;
}

// The domain parts in order, with the answer given to each (parts 3-9 after the break).
const DOMAIN_PARTS = [
  'All or nothing',
  'Worry about mistakes',
  'Going over flaws',
  'Putting things off',
  'Taking in kind words',
  'Being hard on yourself',
  'Putting others first',
  'Stress in your body',
  'Closeness with others',
];
const OPTIONS = ['Sometimes', 'Often', 'Rarely', 'Sometimes', 'Almost always', 'Often'];

test('screening journey: assign, answer with a break, safety help, alert, result', async ({
  browser,
}, info) => {
  test.setTimeout(180_000);
  const baseURL = info.project.use.baseURL!;
  const client = clientFor(info);
  const offenders: string[] = [];
  const shot = (name: string) => `screening-${name}`;

  await test.step('an earlier administration exists (for the trend)', async () => {
    await sendEarlierAdministration(baseURL, client.email);
  });

  // 1. The therapist assigns the screener from the client's page.
  await test.step('therapist assigns the Perfectionism Patterns Check', async () => {
    const { context, page: t } = await openContext(browser, info, offenders);
    await signIn(t, THERAPIST);
    await expect(t).toHaveURL(/\/therapist$/);
    await t.goto('/therapist/clients');
    await t.getByRole('link', { name: client.name }).click();
    await expect(t.getByRole('heading', { level: 1, name: client.name })).toBeVisible();
    const section = t.getByRole('region', { name: 'Screeners' });
    const rows = section.getByTestId('client-screening');
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();

    await section.getByRole('button', { name: 'Assign screener' }).click();
    const dialog = await dialogNamed(t, 'Assign screener');
    const choice = dialog.getByRole('radio', { name: new RegExp(TITLE) });
    await choice.check();
    await expect(
      dialog.getByText('Not validated, not a diagnosis', { exact: true }).first(),
    ).toBeVisible();
    await expect(dialog.getByText(/GNU AGPL/).first()).toBeVisible();
    await dialog
      .getByLabel('Note to the client (optional)')
      .fill('Take your time, and skip anything you like.');
    await visit(t, info, shot('01-assign-dialog'));
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(section.getByRole('status')).toHaveText(
      `${TITLE} was assigned to ${client.name}.`,
    );
    await expect(rows).toHaveCount(before + 1);
    await expect(rows.first()).toContainText('Not started');
    await visit(t, info, shot('02-client-page'));
    await context.close();
  });

  // 2. The client starts on a phone, answers two parts and takes a break.
  await test.step('client answers the first parts and takes a break', async () => {
    const { context, page: c } = await openContext(browser, info, offenders, true);
    await signIn(c, client.email);
    await expect(c).toHaveURL(/\/client$/);
    const toDo = c.getByRole('region', { name: "Whenever you're ready" });
    await expect(toDo.getByRole('link', { name: `Open ${TITLE}` })).toBeVisible();
    await visit(c, info, shot('03-client-home'));

    await c.getByRole('button', { name: 'Open navigation' }).click();
    await c
      .getByRole('navigation', { name: 'Client navigation' })
      .getByRole('link', { name: 'Screeners' })
      .click();
    await expect(c).toHaveURL(/\/client\/screeners$/);
    const card = c.getByTestId('screener-to-do').first();
    await expect(card).toContainText('Take your time, and skip anything you like.');
    await expect(c.getByText(/overdue/i)).toHaveCount(0);
    await visit(c, info, shot('04-client-screeners'));

    await card.getByRole('link', { name: 'Start' }).click();
    await expect(c.getByRole('heading', { level: 2, name: 'Before you start' })).toBeVisible();
    await visit(c, info, shot('05-runner-intro'));
    await c.getByRole('button', { name: 'Start' }).click();

    await expectPart(c, 1, DOMAIN_PARTS[0]!);
    await expect(c.getByRole('progressbar', { name: 'Part 1 of 12' })).toBeVisible();
    await answerPart(c, OPTIONS[0]!);
    await c.getByText('Why we ask').click();
    await expect(c.getByText(/There is a lot of room in between/)).toBeVisible();
    await visit(c, info, shot('06-runner-part-1'));
    await c.getByRole('button', { name: 'Next' }).click();

    await expectPart(c, 2, DOMAIN_PARTS[1]!);
    await answerPart(c, OPTIONS[1]!);
    await c.getByRole('button', { name: 'Take a break' }).click();
    await expect(c).toHaveURL(/\/client\/screeners$/);
    await expect(c.getByText('Saved. You can pick up where you left off.')).toBeVisible();
    await expect(c.getByTestId('screener-to-do').first()).toContainText("You've started this one");
    await visit(c, info, shot('07-after-break'));
    await context.close();
  });

  // 3. A fresh browser: the answers are still there and the runner resumes at part 3. The
  // safety question is left blank, and the runner asks about it once more before sending.
  const { context: clientContext, page: c } = await openContext(browser, info, offenders, true);
  await test.step('client resumes and reaches the review with the safety question blank', async () => {
    await signIn(c, client.email);
    await expect(c).toHaveURL(/\/client$/);
    await c.goto('/client/screeners');
    await c.getByTestId('screener-to-do').first().getByRole('link', { name: 'Continue' }).click();
    await expectPart(c, 3, DOMAIN_PARTS[2]!);

    await c.getByRole('button', { name: 'Back' }).click();
    await expectPart(c, 2, DOMAIN_PARTS[1]!);
    const groups = c.getByRole('radiogroup');
    for (let i = 0; i < (await groups.count()); i++) {
      await expect(
        groups.nth(i).getByRole('radio', { name: OPTIONS[1]!, exact: true }),
      ).toBeChecked();
    }
    await c.getByRole('button', { name: 'Next' }).click();

    for (let part = 3; part <= DOMAIN_PARTS.length; part++) {
      await expectPart(c, part, DOMAIN_PARTS[part - 1]!);
      await answerPart(c, OPTIONS[part % OPTIONS.length]!);
      await c.getByRole('button', { name: 'Next' }).click();
    }
    await expectPart(c, 10, 'Leaning on others');
    await answerPart(c, 'Rarely');
    await c.getByRole('button', { name: 'Next' }).click();

    // A sensitive part starts with a content notice; skipping it is fine.
    await expect(
      c.getByRole('heading', { level: 2, name: 'Before this part: Growing up' }),
    ).toBeVisible();
    await c.getByRole('button', { name: 'Skip this part' }).click();

    // The safety notice says what is asked, that declining brings a check-in, that answers are
    // not watched around the clock and how to get help now; this part cannot be skipped.
    await expect(
      c.getByRole('heading', { level: 2, name: 'Before this part: Your safety' }),
    ).toBeVisible();
    await expect(c.getByText(/Your therapist will check in with you/)).toBeVisible();
    await expect(c.getByText(/No one watches these answers day and night/)).toBeVisible();
    await expect(c.getByRole('button', { name: 'Skip this part' })).toHaveCount(0);
    await visit(c, info, shot('08-safety-notice'));
    await c.getByRole('button', { name: 'Continue' }).click();
    await expectPart(c, 12, 'Your safety');
    await expect(c.getByRole('radiogroup', { name: /right now/ })).toHaveCount(0);
    await c.getByRole('button', { name: 'Review answers' }).click();
    await expect(c.getByRole('heading', { level: 2, name: 'Review your answers' })).toBeVisible();
    await expect(c.getByRole('listitem').filter({ hasText: 'Your safety' })).toContainText(
      '0 of 1 answered',
    );

    await c.getByRole('button', { name: 'Send to my therapist' }).click();
    const prompt = c.getByTestId('safety-blank-prompt');
    await expect(prompt).toContainText(
      'You left the question about your safety blank. You can answer it now, or send without it.',
    );
    await expect(prompt.getByRole('button', { name: 'Send without it' })).toBeVisible();
    await visit(c, info, shot('09-safety-blank-prompt'));

    // The client goes back and chooses not to answer: a check-in, and a word that it is okay.
    await prompt.getByRole('button', { name: 'Answer it now' }).click();
    await expectPart(c, 12, 'Your safety');
    await c
      .getByRole('radiogroup', { name: /better off dead/ })
      .getByRole('radio', { name: 'Prefer not to answer', exact: true })
      .check();
    await expect(c.getByTestId('decline-note')).toContainText(
      'Your therapist will check in with you',
    );
    await expect(c.locator('.save-status')).toHaveText('Saved');
  });

  // 4. The therapist sees the CHECK-IN alert (raised as the answer was saved) and acknowledges it.
  await test.step('therapist sees and acknowledges the check-in alert', async () => {
    const { context, page: t } = await openContext(browser, info, offenders);
    await signIn(t, THERAPIST);
    await expect(t).toHaveURL(/\/therapist$/);
    await expect(t.locator('main h2').first()).toHaveText('Safety alerts');
    const panel = t.getByRole('region', { name: 'Safety alerts' });
    const alert = panel.getByTestId('safety-alert').filter({ hasText: client.name });
    await expect(alert).toHaveCount(1);
    await expect(alert.getByTestId('alert-level')).toHaveText('Check-in');
    await expect(alert).toContainText('Prefer not to answer');
    await visit(t, info, shot('10-therapist-dashboard-check-in'));
    await alert.getByRole('button', { name: `Acknowledge alert for ${client.name}` }).click();
    const dialog = await dialogNamed(t, 'Acknowledge safety alert');
    await dialog
      .getByLabel('What did you do?')
      .fill('Sent a message to check in and offered an earlier session.');
    await dialog.getByRole('button', { name: 'Save acknowledgement' }).click();
    await expect(dialog).toBeHidden();
    await expect(alert).toHaveCount(0);
    await context.close();
  });

  // 5. A worse answer after the acknowledgement: crisis help at once, 988 first for "right now".
  await test.step('client changes the answer: crisis help at once, 988 first, and sends it', async () => {
    const crisis = c.getByRole('alert').filter({ has: c.getByTestId('lifeline-first') });
    await c
      .getByRole('radiogroup', { name: /better off dead/ })
      .getByRole('radio', { name: 'Sometimes', exact: true })
      .check();
    await expect(
      c.getByRole('alert').filter({
        has: c.getByRole('heading', { name: "You don't have to carry this alone" }),
      }),
    ).toBeVisible();
    const now = c.getByRole('radiogroup', { name: /right now/ });
    await expect(now).toBeVisible();
    await now.getByRole('radio', { name: 'Yes', exact: true }).check();
    // At once, before any save round trip.
    await expect(crisis).toBeVisible();
    await expect(crisis.getByRole('heading', { name: 'Please reach out now' })).toBeVisible();
    await expect(crisis.getByRole('link', { name: 'Call 988' })).toHaveAttribute('href', 'tel:988');
    await expect(crisis.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
    await expect(crisis.getByRole('link', { name: 'Chat with 988' })).toHaveAttribute(
      'href',
      /988lifeline\.org/,
    );
    await expect(crisis).toContainText('If you are in danger, call 911');
    await expect(crisis.getByTestId('practice-crisis-text')).toContainText(
      'Harbor Light after-hours line',
    );
    await expect(crisis).toContainText('Your therapist will be told');
    await expect(c.locator('.save-status')).toHaveText('Saved');
    await snap(c, info, shot('11-safety-right-now'));
    await expectAccessible(c, shot('11-safety-right-now'));
    await snapWhole(c, info, shot('11-safety-right-now-whole'));

    // Nothing is locked: review and send.
    await c.getByRole('button', { name: 'Review answers' }).click();
    await expect(c.getByRole('heading', { level: 2, name: 'Review your answers' })).toBeVisible();
    await expect(c.getByRole('listitem').filter({ hasText: 'Growing up' })).toContainText(
      '0 of 1 answered',
    );
    await expect(c.getByRole('listitem').filter({ hasText: 'All or nothing' })).toContainText(
      '3 of 3 answered',
    );
    await visit(c, info, shot('12-review'));
    await c.getByRole('button', { name: 'Send to my therapist' }).click();
    await expect(c.getByRole('heading', { level: 2, name: 'Thank you' })).toBeVisible();
    await expect(c.getByText('Your therapist will go through this with you.')).toBeVisible();
    // Said once, and nothing left to pause.
    await expect(c.getByText(/thank you/i)).toHaveCount(1);
    await expect(c.getByRole('button', { name: 'Take a break' })).toHaveCount(0);
    await expect(c.getByText(/\d+\.\d/)).toHaveCount(0); // no scores for clients
    await visit(c, info, shot('13-thank-you'));

    await c.getByRole('link', { name: 'Back to my screeners' }).click();
    await expect(
      c.getByRole('region', { name: 'Sent in' }).getByTestId('screener-sent'),
    ).toHaveCount(2);
    await clientContext.close();
  });

  // 6. The therapist sees the escalated alert first, acknowledges it, and reads the result.
  await test.step('therapist sees the escalation, acknowledges it and reads the result', async () => {
    const { context, page: t } = await openContext(browser, info, offenders);
    await signIn(t, THERAPIST);
    await expect(t).toHaveURL(/\/therapist$/);
    await expect(t.locator('main h2').first()).toHaveText('Safety alerts');
    const panel = t.getByRole('region', { name: 'Safety alerts' });
    const alert = panel.getByTestId('safety-alert').filter({ hasText: client.name });
    await expect(alert).toHaveCount(1);
    await expect(alert.getByTestId('alert-level')).toHaveText('Immediate');
    await expect(alert).toContainText('right now');
    await expect(alert.getByTestId('alert-escalated')).toContainText(
      'A worse answer came after the check-in alert you acknowledged',
    );
    await expect(panel.getByTestId('safety-alert').first()).toContainText('Immediate');
    await expect(t.getByRole('region', { name: 'Recently submitted' })).toContainText(client.name);
    await expect(t.getByRole('region', { name: 'Recently submitted' })).toContainText(
      'Not validated, not a diagnosis',
    );
    await visit(t, info, shot('14-therapist-dashboard-escalated'));
    await snapWhole(t, info, shot('14-therapist-dashboard-escalated-whole'));

    await alert.getByRole('button', { name: `Acknowledge alert for ${client.name}` }).click();
    const dialog = await dialogNamed(t, 'Acknowledge safety alert');
    await dialog.getByRole('button', { name: 'Save acknowledgement' }).click();
    await expect(dialog.getByText('A note is required.')).toBeVisible();
    await dialog
      .getByLabel('What did you do?')
      .fill('Called them the same day; went over the safety plan together.');
    await visit(t, info, shot('15-acknowledge-dialog'));
    await dialog.getByRole('button', { name: 'Save acknowledgement' }).click();
    await expect(dialog).toBeHidden();
    await expect(alert).toHaveCount(0);
    await expect(panel.getByRole('status')).toHaveText(`Alert for ${client.name} acknowledged.`);

    await t
      .getByRole('region', { name: 'Recently submitted' })
      .getByRole('link', { name: `View result for ${client.name}` })
      .first()
      .click();
    await expect(t).toHaveURL(/\/therapist\/screenings\/[\w-]+\/result$/);
    await expect(t.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(t.getByText('Not validated, not a diagnosis', { exact: true })).toBeVisible();
    const flags = t.getByRole('region', { name: 'Safety flags' });
    await expect(flags.getByTestId('result-flag')).toContainText('Immediate');
    const history = flags.getByTestId('alert-history-item');
    await expect(history).toHaveCount(2);
    await expect(flags.getByTestId('alert-acknowledgement').first()).toContainText(
      'Acknowledged by Theo',
    );
    await expect(flags).toContainText('went over the safety plan together');
    await expect(flags).toContainText('offered an earlier session');
    await expect(flags).toContainText('Every alert has been acknowledged.');
    await flags.screenshot({ path: regionShot(info, shot('16-result-flags')) });

    const profile = t.getByRole('region', { name: 'Sign profile', exact: true });
    await expect(profile.getByRole('img', { name: /Sign profile chart/ })).toBeVisible();
    const profileRows = profile.getByRole('table').getByRole('row');
    await expect(profileRows).toHaveCount(10); // header + nine signs
    await expect(profile.getByRole('row', { name: /Fear of mistakes/ })).toContainText('3.0');
    await expect(profile).toContainText('Not validated, not a diagnosis');
    await expect(t.getByRole('region', { name: 'Context, not scored in total' })).toContainText(
      'Attachment lens',
    );
    await expect(t.getByTestId('total-score')).not.toHaveText('—');

    const trend = t.getByRole('region', { name: 'Trend over time' });
    await expect(trend.getByRole('img', { name: /Trend of total/ })).toBeVisible();
    await expect(trend.getByRole('table').getByRole('row')).toHaveCount(3);
    await expect(trend).toContainText('raw change only (no norm data)');
    await trend.getByRole('combobox', { name: 'Also show' }).click();
    await t.getByRole('option', { name: 'Fear of mistakes' }).click();
    await expect(trend.getByRole('columnheader', { name: 'Fear of mistakes' })).toBeVisible();

    // The answers are one click away from the scores.
    await t.getByRole('button', { name: 'See each answer' }).click();
    await expect(t.getByRole('heading', { level: 2, name: 'Answers' })).toBeFocused();
    const answers = t.getByRole('region', { name: 'Answers' });
    await expect(answers).toContainText('No answer');
    await expect(answers).toContainText('Not shown (did not apply)');

    const download = t.getByRole('link', { name: 'Download FHIR QuestionnaireResponse (JSON)' });
    const href = (await download.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/screenings\/[\w-]+\/fhir$/);
    const fhir = await t.request.get(href);
    const qr = (await fhir.json()) as { resourceType: string; questionnaire: string };
    expect(qr.resourceType).toBe('QuestionnaireResponse');
    expect(qr.questionnaire).toBe('urn:attune:instrument:perfectionism-patterns-check|2');
    await visit(t, info, shot('16-result'));
    await snapWhole(t, info, shot('16-result-whole'));

    // The client's page lists the alerts with who acknowledged them, when and the note.
    await t.getByRole('link', { name: `Back to ${client.name}` }).click();
    const clientAlerts = t.getByRole('region', { name: 'Safety alerts' });
    await expect(clientAlerts.getByTestId('alert-history-item')).toHaveCount(2);
    await expect(clientAlerts).toContainText('went over the safety plan together');
    await visit(t, info, shot('17-client-page-alerts'));
    await context.close();
  });

  expect(offenders, 'third-party requests').toEqual([]);
});

test('an admin imports a FHIR Questionnaire and sees item errors named', async ({
  browser,
}, info) => {
  const offenders: string[] = [];
  const run = `${info.project.name}-${Date.now()}`;
  const { context, page: a } = await openContext(browser, info, offenders);
  await signIn(a, 'admin@example.com');
  await expect(a).toHaveURL(/\/admin$/);
  await expect(a.getByRole('region', { name: 'Safety alerts' })).toBeVisible();
  await expect(a.locator('main h2').first()).toHaveText('Safety alerts');

  const opener = a.getByRole('button', { name: 'Open navigation' });
  if (await opener.isVisible()) await opener.click();
  await a
    .getByRole('navigation', { name: 'Admin navigation' })
    .getByRole('link', { name: 'Screeners' })
    .click();
  await expect(a).toHaveURL(/\/admin\/screeners$/);
  await expect(a.getByTestId('instrument').filter({ hasText: TITLE })).toContainText(
    'Not validated, not a diagnosis',
  );

  const json = a.getByLabel('Questionnaire JSON');
  await json.fill(
    JSON.stringify({
      resourceType: 'Questionnaire',
      name: `broken-${run}`,
      title: 'Broken check',
      item: [{ linkId: 'upload-photo', text: 'Add a photo', type: 'attachment' }],
    }),
  );
  await a.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(a.getByRole('alert')).toContainText('upload-photo');
  await visit(a, info, 'screening-20-import-error');

  const weight = (n: number) => [
    { url: 'http://hl7.org/fhir/StructureDefinition/itemWeight', valueDecimal: n },
  ];
  const options = ['Not at all', 'A little', 'A lot'].map((display, i) => ({
    valueCoding: { code: `o${i}`, display },
    extension: weight(i),
  }));
  const title = `Rest and Recovery Check ${run}`;
  await json.fill(
    JSON.stringify({
      resourceType: 'Questionnaire',
      name: `rest-check-${run}`,
      title,
      status: 'draft',
      copyright: 'Written for the Attune browser tests.',
      item: [
        {
          linkId: 'rest-1',
          text: 'How much did you rest this week?',
          type: 'choice',
          answerOption: options,
        },
        {
          linkId: 'rest-2',
          text: 'How much did you enjoy a pause?',
          type: 'choice',
          answerOption: options,
        },
      ],
    }),
  );
  await a.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(
    a.getByRole('status').filter({ hasText: 'was added to the catalogue' }),
  ).toContainText(title);
  const imported = a.getByTestId('instrument').filter({ hasText: title });
  await expect(imported).toContainText('Imported (FHIR)');
  await expect(imported).toContainText('Written for the Attune browser tests.');
  await visit(a, info, 'screening-21-admin-screeners');

  // A published PHQ-9, pasted exactly as it is: it imports, and item 9 (LOINC 44260-8) is
  // critical above "Not at all" by default; the admin narrows it for the practice.
  await json.fill(readFileSync(join(HANDBOOK_FHIR, 'phq9-lhcforms-44249-1.R4.json'), 'utf8'));
  await a.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(
    a.getByRole('status').filter({ hasText: 'was added to the catalogue' }),
  ).toContainText('PHQ-9 quick depression assessment panel');
  await a
    .getByRole('button', { name: 'Critical items of PHQ-9 quick depression assessment panel' })
    .first()
    .click();
  const dialog = await dialogNamed(a, 'Critical items: PHQ-9 quick depression assessment panel');
  const entry = dialog.getByTestId('critical-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry.getByRole('checkbox', { name: 'Not at all' })).not.toBeChecked();
  for (const label of ['Several days', 'More than half the days', 'Nearly every day'])
    await expect(entry.getByRole('checkbox', { name: label })).toBeChecked();
  await expect(entry.getByRole('radio', { name: 'Urgent' })).toBeChecked();
  await visit(a, info, 'screening-22-critical-items');
  await entry.getByRole('checkbox', { name: 'Several days' }).uncheck();
  await dialog.getByRole('button', { name: 'Save critical items' }).click();
  await expect(dialog).toBeHidden();
  await expect(a.getByRole('status').filter({ hasText: 'Critical items saved' })).toContainText(
    '1 question',
  );
  expect(offenders, 'third-party requests').toEqual([]);
  await context.close();
});
