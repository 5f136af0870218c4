// The psychoeducation journey: a therapist sees reading suggested from a client's latest result
// (with the reason), picks two, adds a note and assigns them; the client reads part 1, leaves,
// comes back in a fresh browser at the part they left, writes one private and one shared
// reflection and marks the reading done; the therapist sees the progress and only the shared
// reflection, reorders and withdraws; another therapist cannot open the client. Then a therapist
// writes a module with hostile Markdown/HTML: nothing runs in the preview or the saved module.
//
// Each project works on a client it creates and invites through the API, so desktop and phone can
// run on one server, and the demo clients' screening history (asserted on by the screening
// journey) is left alone.
import { randomUUID } from 'node:crypto';
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { apiSession, DEMO_PASSWORD, okJson as json, signIn, visit } from './support';

const THERAPIST = 'theo@example.com';
const OTHER_THERAPIST = 'maya@example.com';

/** A fresh browser context (what axe needs), sized like the running project. */
async function openContext(
  browser: Browser,
  info: TestInfo,
  offenders: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const use = info.project.use;
  const baseURL = use.baseURL!;
  const context = await browser.newContext({
    baseURL,
    viewport: use.viewport,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    deviceScaleFactor: use.deviceScaleFactor,
  });
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL) && !url.startsWith('data:') && !url.startsWith('blob:'))
      offenders.push(url);
  });
  return { context, page: await context.newPage() };
}

interface Reader {
  id: string;
  name: string;
  email: string;
}

/** Theo adds a client and invites them; the client accepts and sets the demo password. */
async function createReader(baseURL: string, info: TestInfo): Promise<Reader> {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const first = 'Casey';
  const last = `Reader ${tag}`;
  const email = `casey.${tag}@example.com`;
  const theo = await apiSession(baseURL, THERAPIST);
  const client = await json<{ id: string }>(
    theo.ctx.post('/api/clients', {
      data: { firstName: first, lastName: last, email },
      headers: theo.headers,
    }),
  );
  const invitation = await json<{ link: string }>(
    theo.ctx.post('/api/invitations', {
      data: { kind: 'client', clientId: client.id },
      headers: theo.headers,
    }),
  );
  const token = invitation.link.split('/invite/')[1]!;
  const anon = await apiSession(baseURL);
  await json(
    anon.ctx.post(`/api/invitations/${token}/accept`, {
      data: { password: DEMO_PASSWORD },
      headers: anon.headers,
    }),
  );
  await Promise.all([theo.ctx.dispose(), anon.ctx.dispose()]);
  return { id: client.id, name: `${first} ${last}`, email };
}

/**
 * A submitted Perfectionism Patterns Check for the client: fear of mistakes "almost always",
 * self-criticism "often", everything else "rarely", the safety question "never".
 */
async function sendScreening(baseURL: string, reader: Reader): Promise<void> {
  const theo = await apiSession(baseURL, THERAPIST);
  const client = await apiSession(baseURL, reader.email);
  const instruments = await json<{ id: string; key: string }[]>(theo.ctx.get('/api/instruments'));
  const builtin = instruments.find((i) => i.key === 'perfectionism-patterns-check')!;
  const assigned = await json<{ id: string }>(
    theo.ctx.post(`/api/clients/${reader.id}/screenings`, {
      data: { instrumentId: builtin.id },
      headers: theo.headers,
    }),
  );
  const detail = await json<{
    draftVersion: number;
    definition: { sections: { key: string; items: { linkId: string; type: string }[] }[] };
  }>(client.ctx.get(`/api/screenings/${assigned.id}`));
  const value: Record<string, string> = {
    'fear-of-mistakes': 'almost-always',
    'self-criticism': 'often',
    safety: 'never',
    origins: 'no',
  };
  const answers: Record<string, { value: string }> = {};
  for (const section of detail.definition.sections) {
    for (const item of section.items) {
      // The "right now" follow-up is shown only after a safety answer above "never": left out.
      if (item.type === 'choice' && item.linkId !== 'safety-right-now')
        answers[item.linkId] = { value: value[section.key] ?? 'rarely' };
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

/** Waits until a Material dialog has finished opening (axe must not see it mid-animation). */
async function dialogNamed(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  const container = page.locator('.mat-mdc-dialog-container').last();
  await expect(container).toHaveClass(/mdc-dialog--open/);
  await expect(container).not.toHaveClass(/mdc-dialog--opening/);
  return dialog;
}

/** Follows a shell navigation link, opening the drawer first on narrow screens. */
async function navigate(page: Page, navName: string, link: string): Promise<void> {
  const opener = page.getByRole('button', { name: 'Open navigation' });
  if (await opener.isVisible()) await opener.click();
  await page.getByRole('navigation', { name: navName }).getByRole('link', { name: link }).click();
}

/** A date two weeks ahead as YYYY-MM-DD (local time), for the date input. */
function inTwoWeeks(): string {
  const d = new Date(Date.now() + 14 * 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function openClientPage(page: Page, reader: Reader): Promise<void> {
  await page.goto('/therapist/clients');
  await page.getByLabel('Search clients').fill(reader.email);
  // Wait for the filtered list to settle before following the link.
  const links = page.getByRole('table').getByRole('link');
  await expect(links).toHaveCount(1);
  await expect(links.first()).toHaveText(reader.name);
  await links.first().click();
  await expect(page.getByRole('heading', { level: 1, name: reader.name })).toBeVisible();
}

/** No script ran and nothing runnable is left in `scope`. */
async function expectNoXss(page: Page, scope: string): Promise<void> {
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  ).toBeUndefined();
  const root = page.locator(scope);
  await expect(root.locator('script, iframe, object, embed, svg, img')).toHaveCount(0);
  await expect(root.locator('[onerror], [onload], [onclick]')).toHaveCount(0);
  await expect(root.locator('a[href^="javascript" i]')).toHaveCount(0);
}

const PRIVATE_TEXT = 'Mistakes at work still make my chest go tight. Only for me for now.';
const SHARED_TEXT = 'I noticed I checked an email five times before sending it.';
const NOTE = 'These two fit what we talked about. Read whatever feels right.';

test('psychoeducation journey: suggest, assign, read and resume, reflect, review', async ({
  browser,
}, info) => {
  test.setTimeout(420_000);
  const baseURL = info.project.use.baseURL!;
  const offenders: string[] = [];
  const shot = (name: string) => `reading-${name}`;
  let reader!: Reader;
  let titles: [string, string] = ['', ''];
  let partCount = 0;

  await test.step('a client with a submitted result exists', async () => {
    reader = await createReader(baseURL, info);
    await sendScreening(baseURL, reader);
  });

  // 1. The therapist sees suggestions with their reasons, picks two, adds a note, assigns.
  await test.step('therapist assigns two suggested readings with a note', async () => {
    const { context, page: t } = await openContext(browser, info, offenders);
    await signIn(t, THERAPIST);
    await expect(t).toHaveURL(/\/therapist$/);
    await openClientPage(t, reader);
    const section = t.getByRole('region', { name: 'Reading' });
    const suggestions = section.getByTestId('recommendation');
    await expect(suggestions.first()).toBeVisible();
    await expect(section).toContainText('Ranked from Perfectionism Patterns Check');
    await expect(suggestions.first()).toContainText('Fear of mistakes scored 4.0 of 4');
    await expect(section.getByTestId('assignment')).toHaveCount(0);
    const assign = section.getByRole('button', { name: 'Assign selected' });
    await expect(assign).toBeDisabled();

    titles = [
      (await suggestions.nth(0).locator('.title').innerText()).trim(),
      (await suggestions.nth(1).locator('.title').innerText()).trim(),
    ];
    await section.getByRole('checkbox', { name: titles[0] }).check();
    await section.getByRole('checkbox', { name: titles[1] }).check();
    await section.getByLabel('Personal note (optional)').fill(NOTE);
    await section.getByLabel('Suggested date (optional)').fill(inTwoWeeks());
    await visit(t, info, shot('01-therapist-suggestions'));

    await assign.click();
    const dialog = await dialogNamed(t, 'Assign these 2 readings?');
    await expect(dialog).toContainText(titles[0]);
    await visit(t, info, shot('02-assign-confirm'));
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(section.getByRole('status').first()).toHaveText(
      `2 readings were assigned to ${reader.name}.`,
    );
    const assigned = section.getByTestId('assignment');
    await expect(assigned).toHaveCount(2);
    await expect(assigned.nth(0)).toContainText(titles[0]);
    await expect(assigned.nth(0)).toContainText('not opened yet');
    await expect(assigned.nth(0)).toContainText(NOTE);
    // Assigned ones leave the suggestions.
    await expect(section.getByRole('checkbox', { name: titles[0] })).toHaveCount(0);
    await assigned.nth(0).scrollIntoViewIfNeeded();
    await visit(t, info, shot('03-therapist-assigned'));
    await context.close();
  });

  // 2. The client opens one reading, reads part 1 and moves on to part 2, then leaves.
  await test.step('client opens a reading and reads the first part', async () => {
    const { context, page: c } = await openContext(browser, info, offenders);
    await signIn(c, reader.email);
    await expect(c).toHaveURL(/\/client$/);
    await navigate(c, 'Client navigation', 'Reading');
    await expect(c).toHaveURL(/\/client\/reading$/);
    const cards = c.getByTestId('reading-card');
    await expect(cards).toHaveCount(2);
    const card = cards.filter({ hasText: titles[0] });
    await expect(card).toContainText('Not started yet');
    await expect(card).toContainText(/About \d+ minutes?/);
    await expect(card).toContainText(NOTE);
    await expect(card).toContainText('Your therapist suggested looking at this by');
    await expect(c.getByText(/overdue|%|streak/i)).toHaveCount(0);
    await visit(c, info, shot('04-client-reading-list'));

    await card.getByRole('link', { name: `Start reading: ${titles[0]}` }).click();
    await expect(c.getByRole('heading', { level: 1, name: titles[0] })).toBeVisible();
    const label = c.locator('.part-label');
    await expect(label).toHaveText(/^Part 1 of \d+$/);
    partCount = Number((await label.innerText()).match(/of (\d+)/)![1]);
    await expect(c.locator('.therapist-note')).toContainText(NOTE);
    await expect(c.getByRole('heading', { name: 'If things feel like too much' })).toBeVisible();
    await expect(c.getByRole('link', { name: 'Call 988' })).toHaveAttribute('href', 'tel:988');
    await expect(c.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
    await expect(c.getByRole('button', { name: 'Need help now?' })).toBeVisible();
    await expect(c.getByRole('button', { name: 'Previous part' })).toHaveCount(0);
    await c.getByTestId('reading-view').scrollIntoViewIfNeeded();
    await visit(c, info, shot('05-reader-part-1'));

    const saved = c.waitForResponse(
      (r) =>
        r.request().method() === 'PATCH' &&
        /\/api\/assignments\//.test(r.url()) &&
        r.request().postData()?.includes('"readSection":1') === true,
    );
    await c.getByRole('button', { name: 'Next part' }).click();
    await expect(label).toHaveText(`Part 2 of ${partCount}`);
    expect((await saved).ok()).toBe(true);
    await expect(c.getByTestId('reading-progress')).toHaveText(
      `You've read 2 of ${partCount} parts`,
    );
    await context.close();
  });

  // 3. A fresh browser: the reading resumes at part 2. Reflect: one private, one shared.
  await test.step('client resumes where they left off and writes two reflections', async () => {
    const { context, page: c } = await openContext(browser, info, offenders);
    await signIn(c, reader.email);
    await expect(c).toHaveURL(/\/client$/);
    await c.goto('/client/reading');
    const card = c.getByTestId('reading-card').filter({ hasText: titles[0] });
    await expect(card).toContainText(`You've read 2 of ${partCount} parts`);
    await card.getByRole('link', { name: `Continue reading: ${titles[0]}` }).click();
    await expect(c.locator('.part-label')).toHaveText(`Part 2 of ${partCount}`);
    await c.getByRole('button', { name: 'Next part' }).scrollIntoViewIfNeeded();
    await visit(c, info, shot('06-reader-resumed'));

    await c.getByRole('button', { name: 'Previous part' }).click();
    await expect(c.locator('.part-label')).toHaveText(`Part 1 of ${partCount}`);
    for (let part = 2; part <= partCount; part++) {
      await c.getByRole('button', { name: 'Next part' }).click();
      await expect(c.locator('.part-label')).toHaveText(`Part ${part} of ${partCount}`);
    }
    await c
      .getByTestId('reading-view')
      .getByRole('button', { name: 'Practice and reflection' })
      .click();
    await expect(
      c.getByRole('heading', { level: 2, name: 'Practice and reflection' }),
    ).toBeVisible();

    const reflections = c.getByTestId('reflection');
    await expect(reflections).toHaveCount(2);
    const first = reflections.nth(0);
    const second = reflections.nth(1);
    await expect(first.getByRole('switch', { name: 'Share with my therapist' })).not.toBeChecked();
    await expect(first).toContainText('Private (only you can see this)');

    await first.getByRole('textbox').fill(PRIVATE_TEXT);
    await expect(first.getByRole('status')).toHaveText('Saved');
    await second.getByRole('textbox').fill(SHARED_TEXT);
    await expect(second.getByRole('status')).toHaveText('Saved');
    await second.getByRole('switch', { name: 'Share with my therapist' }).click();
    await expect(second.getByRole('switch', { name: 'Share with my therapist' })).toBeChecked();
    await expect(second).toContainText('Shared with your therapist');
    await expect(second.getByRole('status')).toHaveText('Saved');
    await visit(c, info, shot('07-reflections'));

    // The reading ends with one to three optional next steps, after the reflections.
    const nextSteps = c.getByTestId('practice-view').getByTestId('next-steps');
    await expect(
      nextSteps.getByRole('heading', { name: 'Next steps, if you want them' }),
    ).toBeVisible();
    await expect(nextSteps).toContainText('Pick one, or none.');
    const stepCount = await nextSteps.getByRole('listitem').count();
    expect(stepCount).toBeGreaterThanOrEqual(1);
    expect(stepCount).toBeLessThanOrEqual(3);
    await nextSteps.scrollIntoViewIfNeeded();
    await visit(c, info, shot('07b-next-steps'));

    // Away to a part and back: what was written is still there.
    await c.getByTestId('practice-view').getByRole('button', { name: 'Previous part' }).click();
    await expect(c.locator('.part-label')).toHaveText(`Part ${partCount} of ${partCount}`);
    await c
      .getByTestId('reading-view')
      .getByRole('button', { name: 'Practice and reflection' })
      .click();
    await expect(first.getByRole('textbox')).toHaveValue(PRIVATE_TEXT);
    await expect(second.getByRole('textbox')).toHaveValue(SHARED_TEXT);

    await c.getByRole('button', { name: "I'm done with this for now" }).click();
    await expect(c.getByText('Marked as done for now.')).toBeVisible();
    await c
      .getByRole('radiogroup', { name: /Was this helpful/ })
      .getByRole('radio', { name: 'Quite a bit' })
      .check();
    await expect(c.getByText('Thank you.')).toBeVisible();
    await visit(c, info, shot('08-done-and-helpful'));

    // Reload: the private text is still there (saved on the server, not only in the page).
    await c.reload();
    await c.getByRole('button', { name: 'Practice and reflection' }).last().click();
    await expect(c.getByTestId('reflection').nth(0).getByRole('textbox')).toHaveValue(PRIVATE_TEXT);
    await context.close();
  });

  // 4. The therapist sees progress, the rating and only the shared reflection; reorders, withdraws.
  await test.step('therapist sees progress and only the shared reflection', async () => {
    const { context, page: t } = await openContext(browser, info, offenders);
    await signIn(t, THERAPIST);
    await expect(t).toHaveURL(/\/therapist$/);
    await openClientPage(t, reader);
    const section = t.getByRole('region', { name: 'Reading' });
    const assigned = section.getByTestId('assignment');
    await expect(assigned).toHaveCount(2);
    const done = assigned.filter({ hasText: titles[0] });
    await expect(done).toContainText(`read ${partCount} of ${partCount} parts`);
    await expect(done).toContainText('Completed');
    await expect(done).toContainText('found it helpful: Quite a bit (4 of 5)');
    const shared = done.getByTestId('shared-reflection');
    await expect(shared).toHaveCount(1);
    await expect(shared).toContainText(SHARED_TEXT);
    await expect(shared).toContainText('Shared');
    await expect(t.getByText(PRIVATE_TEXT)).toHaveCount(0);
    await done.scrollIntoViewIfNeeded();
    await visit(t, info, shot('09-therapist-progress'));

    await section.getByRole('button', { name: `Move down: ${titles[0]}` }).click();
    await expect(section.getByRole('status').first()).toContainText('moved to place 2 of 2');
    await expect(assigned.nth(0)).toContainText(titles[1]);
    await expect(assigned.nth(1)).toContainText(titles[0]);
    await expect(section.getByRole('button', { name: `Move up: ${titles[0]}` })).toBeFocused();

    await section.getByRole('button', { name: `Withdraw ${titles[1]}` }).click();
    const dialog = await dialogNamed(t, 'Withdraw this reading?');
    await visit(t, info, shot('10-withdraw-confirm'));
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await expect(dialog).toBeHidden();
    await expect(assigned).toHaveCount(1);
    await expect(section.getByRole('status').first()).toHaveText(`“${titles[1]}” was withdrawn.`);
    // Withdrawn reading is on offer again.
    await expect(section.getByTestId('recommendation').filter({ hasText: titles[1] })).toHaveCount(
      1,
    );
    await context.close();
  });

  // 5. Another therapist in the practice cannot open this client (or Jordan): 404.
  await test.step("another therapist cannot open the client's page", async () => {
    const jordan = await apiSession(baseURL, 'jordan@example.com');
    const jordanId = jordan.me.clientId!;
    await jordan.ctx.dispose();
    const { context, page: m } = await openContext(browser, info, offenders);
    await signIn(m, OTHER_THERAPIST);
    await expect(m).toHaveURL(/\/therapist$/);
    for (const id of [reader.id, jordanId]) {
      await m.goto(`/therapist/clients/${id}`);
      await expect(m.getByText("We couldn't find this client.")).toBeVisible();
      await expect(m.getByRole('region', { name: 'Reading' })).toHaveCount(0);
    }
    await visit(m, info, shot('11-other-therapist-404'));
    await context.close();
  });

  expect(offenders, 'third-party requests').toEqual([]);
});

// Raw HTML and javascript: links the server refuses (shown in the preview only).
const HOSTILE_PREVIEW = [
  'A calm first paragraph with **bold** text.',
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '[click](javascript:window.__xss=1)',
  '<iframe src="https://example.org/"></iframe>',
].join('\n\n');
// Bypasses of a pattern-based rule (slash-separated tags, reference-style links): the server
// judges parsed Markdown, so these are refused too.
const HOSTILE_BYPASSES = [
  'A calm first paragraph with **bold** text.',
  '<img/src=x/onerror=window.__xss=1>',
  '<svg/onload=window.__xss=1>',
  '[sneaky][ref]',
  '<javascript:window.__xss=1>',
  '[ref]: JaVaScRiPt:window.__xss=1',
].join('\n\n');
const CLEAN_TEXT = 'A calm first paragraph with **bold** text.\n\nNothing sneaky here, only words.';

test('library: a therapist writes a module; hostile Markdown never runs', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const baseURL = info.project.use.baseURL!;
  const offenders: string[] = [];
  const shot = (name: string) => `library-${name}`;
  const title = `Small steps with mistakes ${info.project.name} ${Date.now().toString(36)}`;
  const { context, page: t } = await openContext(browser, info, offenders);
  await signIn(t, THERAPIST);
  await expect(t).toHaveURL(/\/therapist$/);

  await navigate(t, 'Therapist navigation', 'Library');
  await expect(t).toHaveURL(/\/therapist\/library$/);
  await expect(t.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  const modules = t.getByTestId('library-module');
  await expect(modules.first()).toBeVisible();
  expect(await modules.count()).toBeGreaterThanOrEqual(18);
  await expect(modules.first()).toContainText(/About \d+ minutes?/);
  await visit(t, info, shot('01-library'));

  // A built-in module reads in full; built-ins cannot be edited.
  await modules.filter({ hasText: 'When Mistakes Feel Dangerous' }).getByRole('link').click();
  await expect(
    t.getByRole('heading', { level: 1, name: 'When Mistakes Feel Dangerous' }),
  ).toBeVisible();
  await expect(t.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(t.getByText('Fear of mistakes').first()).toBeVisible();
  await expect(
    t.getByTestId('module-content').getByTestId('next-steps').getByRole('listitem'),
  ).not.toHaveCount(0);
  await visit(t, info, shot('02-builtin-module'));
  await t.getByRole('link', { name: 'Back to the library' }).click();

  await t.getByRole('link', { name: 'Write a module' }).click();
  await expect(t.getByRole('heading', { level: 1, name: 'Write a module' })).toBeVisible();
  await t.getByLabel('Title', { exact: true }).fill(title);
  await t.getByLabel('Summary').fill('How to live through small mistakes, one step at a time.');
  // Opened from the keyboard (the floating label sits over the empty select's middle).
  await t.getByRole('combobox', { name: 'Signs this module speaks to' }).press('Enter');
  await t.getByRole('option', { name: 'Fear of mistakes' }).click();
  await t.getByRole('option', { name: 'Self-criticism' }).click();
  await t.keyboard.press('Escape');
  await t.getByLabel('Part 1 heading').fill('Mistakes are survivable');
  await t.getByLabel('Part 1 text').fill(HOSTILE_PREVIEW);
  await t.getByRole('button', { name: 'Add a part' }).click();
  await expect(t.getByLabel('Part 2 heading')).toBeFocused();
  await t.getByLabel('Part 2 heading').fill('Trying it gently');
  await t.getByLabel('Part 2 text').fill('- Start small\n- Notice what happens\n- Be kind to you');
  await t.getByLabel('Exercise title').fill('One small mistake');
  await t.getByLabel('Exercise introduction').fill('This week, try one tiny imperfection.');
  await t.getByLabel('Step 1').fill('Send one message without re-reading it.');
  await t.getByLabel('Prompt 1').fill('What did you notice in your body?');
  await t.getByRole('button', { name: 'Add a next step' }).click();
  await expect(t.getByLabel('Next step 1', { exact: true })).toBeFocused();
  await t
    .getByLabel('Next step 1', { exact: true })
    .fill('Bring one small mistake to your next session.');

  // The live preview renders the Markdown through the same sanitiser: nothing runs.
  const preview = t.getByTestId('module-preview');
  await expect(preview).toContainText(title);
  await expect(preview.locator('strong').first()).toHaveText('bold');
  await expect(preview.locator('li').filter({ hasText: 'Notice what happens' })).toHaveCount(1);
  await expect(preview).toContainText('<script>window.__xss=1</script>');
  await expect(preview.getByTestId('next-steps')).toContainText(
    'Bring one small mistake to your next session.',
  );
  await expectNoXss(t, '[data-testid="module-preview"]');
  await visit(t, info, shot('03-editor-preview'));

  // The server refuses links and HTML; its message lands on the part's text field.
  await t.getByRole('button', { name: 'Save module' }).click();
  const body = t.getByLabel('Part 1 text');
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  await expect(t.getByText(/^Part 1 text contains (a link|HTML)/).first()).toBeVisible();
  await expect(body).toBeFocused();
  await expectNoXss(t, '[data-testid="module-preview"]');
  await visit(t, info, shot('04-editor-server-error'));

  await body.fill(HOSTILE_BYPASSES);
  await expect(body).toHaveAttribute('aria-invalid', 'false');
  await expectNoXss(t, '[data-testid="module-preview"]');
  await t.getByRole('button', { name: 'Save module' }).click();
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  await expect(t.getByText(/^Part 1 text contains (a link|HTML|an image)/).first()).toBeVisible();
  await expectNoXss(t, '[data-testid="module-preview"]');

  await body.fill(CLEAN_TEXT);
  await expect(body).toHaveAttribute('aria-invalid', 'false');
  await t.getByRole('button', { name: 'Save module' }).click();
  await expect(t).toHaveURL(/\/therapist\/library\/(?!new$)[\w-]+$/);
  await expect(t.getByText('Module saved. It is now in your library.')).toBeVisible();
  await expect(t.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const content = t.getByTestId('module-content');
  await expect(content.locator('strong').first()).toHaveText('bold');
  await expect(content.getByText('sneaky')).toBeVisible();
  await content.getByText('sneaky').click();
  await expectNoXss(t, '[data-testid="module-content"]');
  await expect(content.locator('a[href]')).toHaveCount(0);
  await expect(content.getByTestId('next-steps')).toContainText(
    'Bring one small mistake to your next session.',
  );
  await visit(t, info, shot('05-saved-module'));

  // Edited elsewhere meanwhile (409): the editor says so and loads the latest on request.
  await t.getByRole('link', { name: 'Edit' }).click();
  await expect(t.getByRole('heading', { level: 1, name: 'Edit module' })).toBeVisible();
  await expect(t.getByLabel('Title', { exact: true })).toHaveValue(title);
  const moduleId = t.url().split('/library/')[1]!.split('/')[0]!;
  const theo = await apiSession(baseURL, THERAPIST);
  const saved = await json<{ version: number; content: Record<string, unknown> }>(
    theo.ctx.get(`/api/modules/${moduleId}`),
  );
  const c = saved.content as {
    summary: string;
    signTags: string[];
    sections: unknown[];
    exercise: unknown;
    reflectionPrompts: unknown[];
    furtherReading: unknown[];
  };
  await json(
    theo.ctx.patch(`/api/modules/${moduleId}`, {
      data: {
        version: saved.version,
        title: `${title} (edited elsewhere)`,
        summary: c.summary,
        signTags: c.signTags,
        sections: c.sections,
        exercise: c.exercise,
        reflectionPrompts: c.reflectionPrompts,
        furtherReading: c.furtherReading,
      },
      headers: theo.headers,
    }),
  );
  await theo.ctx.dispose();
  await t.getByLabel('Exercise title').fill('One small mistake, on purpose');
  await t.getByRole('button', { name: 'Save module' }).click();
  const conflict = t
    .getByRole('alert')
    .filter({ hasText: 'This module was changed since you opened it' });
  await expect(conflict).toBeVisible();
  await visit(t, info, shot('06-editor-conflict'));
  await conflict.getByRole('button', { name: 'Load the latest version' }).click();
  await expect(t.getByLabel('Title', { exact: true })).toHaveValue(`${title} (edited elsewhere)`);
  await expect(t.getByLabel('Exercise title')).toHaveValue('One small mistake');
  await t.getByLabel('Exercise title').fill('One small mistake, on purpose');
  await t.getByRole('button', { name: 'Save module' }).click();
  await expect(t.getByText('Module saved.', { exact: true })).toBeVisible();
  await expect(t.getByText('One small mistake, on purpose')).toBeVisible();
  await expectNoXss(t, '[data-testid="module-content"]');
  await context.close();

  expect(offenders, 'third-party requests').toEqual([]);
});
