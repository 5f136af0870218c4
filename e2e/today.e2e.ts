// The therapist's day and the client's next step. A therapist opens Today (safety alerts first,
// then today's sessions in time order), opens the brief of the session happening now, reads
// what changed since the last session and acknowledges the client's alert right there; the
// client page then starts with that safety history. The client's home shows the next session
// with "Add to calendar", the reading waiting for them and the screener to finish, and nothing
// that grades them; their account page turns the weekly reminder email off.
// Each project uses its own therapist and a fresh client (desktop: Theo, phone: Maya), so the
// two runs share one server without clashing.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import {
  apiSession,
  DEMO_PASSWORD,
  freshPage,
  navigate,
  okJson as json,
  openedDialog,
  signIn,
  snap,
  visit,
} from './support';

const THERAPISTS = {
  desktop: { email: 'theo@example.com', name: 'Theo Rivera' },
  phone: { email: 'maya@example.com', name: 'Maya Chen' },
} as const;
const TITLE = 'Perfectionism Patterns Check';

type Session = Awaited<ReturnType<typeof apiSession>>;

interface Story {
  clientId: string;
  name: string;
  email: string;
  reflection: string;
  moduleTitle: string;
}

/** Every question of the built-in screener, answered. */
async function answersFor(
  client: Session,
  screeningId: string,
  domains: string,
  safety: string,
): Promise<{ version: number; answers: Record<string, { value: string }> }> {
  const detail = await json<{
    draftVersion: number;
    definition: { sections: { key: string; items: { linkId: string; type: string }[] }[] };
  }>(client.ctx.get(`/api/screenings/${screeningId}`));
  const answers: Record<string, { value: string }> = {};
  for (const section of detail.definition.sections)
    for (const item of section.items) {
      if (item.type !== 'choice') continue;
      if (item.linkId === 'safety-right-now') {
        if (safety !== 'never') answers[item.linkId] = { value: 'no' };
        continue;
      }
      answers[item.linkId] = {
        value: section.key === 'safety' ? safety : section.key === 'origins' ? 'no' : domains,
      };
    }
  return { version: detail.draftVersion, answers };
}

/**
 * A fresh client of the therapist, with two screeners sent in (the second with a critical
 * answer: an URGENT alert), one more started, two readings (one begun, with a shared reflection)
 * and a session booked to start two minutes ago, by the admin.
 */
async function setUp(baseURL: string, info: TestInfo): Promise<Story> {
  const therapist = THERAPISTS[info.project.name as keyof typeof THERAPISTS];
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const first = 'Robin';
  const last = `Today ${tag}`;
  const email = `robin.${tag}@example.com`;
  const t = await apiSession(baseURL, therapist.email);
  const me = await json<{ memberId: string }>(t.ctx.get('/api/auth/me'));
  const created = await json<{ id: string }>(
    t.ctx.post('/api/clients', {
      data: { firstName: first, lastName: last, email },
      headers: t.headers,
    }),
  );
  const invitation = await json<{ link: string }>(
    t.ctx.post('/api/invitations', {
      data: { kind: 'client', clientId: created.id },
      headers: t.headers,
    }),
  );
  const anon = await apiSession(baseURL);
  await json(
    anon.ctx.post(`/api/invitations/${invitation.link.split('/invite/')[1]!}/accept`, {
      data: { password: DEMO_PASSWORD },
      headers: anon.headers,
    }),
  );
  const c = await apiSession(baseURL, email);

  const instruments = await json<{ id: string; key: string }[]>(t.ctx.get('/api/instruments'));
  const ppc = instruments.find((i) => i.key === 'perfectionism-patterns-check')!;
  const assign = () =>
    json<{ id: string }>(
      t.ctx.post(`/api/clients/${created.id}/screenings`, {
        data: { instrumentId: ppc.id },
        headers: t.headers,
      }),
    );
  for (const [domains, safety] of [
    ['rarely', 'never'],
    ['often', 'sometimes'],
  ] as const) {
    const s = await assign();
    await json(
      c.ctx.post(`/api/screenings/${s.id}/submit`, {
        data: await answersFor(c, s.id, domains, safety),
        headers: { ...c.headers, 'Idempotency-Key': randomUUID() },
      }),
    );
  }
  // A third one started and saved part way: "the screener to finish".
  const open = await assign();
  const part = await answersFor(c, open.id, 'sometimes', 'never');
  await json(
    c.ctx.put(`/api/screenings/${open.id}/draft`, {
      data: {
        version: part.version,
        answers: Object.fromEntries(Object.entries(part.answers).slice(0, 3)),
      },
      headers: c.headers,
    }),
  );

  // Two readings; the first begun, with a reflection shared with the therapist.
  const modules = await json<{ id: string; title: string }[]>(t.ctx.get('/api/modules'));
  await json(
    t.ctx.post(`/api/clients/${created.id}/assignments`, {
      data: { moduleIds: modules.slice(2, 4).map((m) => m.id) },
      headers: t.headers,
    }),
  );
  const readings = await json<{ id: string; module: { id: string; title: string } }[]>(
    c.ctx.get('/api/assignments'),
  );
  const reading = readings[0]!;
  await json(
    c.ctx.patch(`/api/assignments/${reading.id}`, {
      data: { readSection: 0 },
      headers: c.headers,
    }),
  );
  const content = await json<{ content: { reflectionPrompts: { id: string }[] } }>(
    c.ctx.get(`/api/modules/${reading.module.id}`),
  );
  const reflection = `I caught my inner critic twice this week (${tag}).`;
  await json(
    c.ctx.post(`/api/assignments/${reading.id}/reflections`, {
      data: { promptId: content.content.reflectionPrompts[0]!.id, body: reflection, shared: true },
      headers: c.headers,
    }),
  );

  // The admin books a session that started two minutes ago (outside hours when it is late).
  const admin = await apiSession(baseURL, 'admin@example.com');
  const types = await json<{ id: string; kind: string; isDefault: boolean }[]>(
    admin.ctx.get('/api/appointment-types'),
  );
  const type = types.find((x) => x.kind === 'ongoing' && x.isDefault) ?? types[0]!;
  const start = new Date(Date.now() - 2 * 60_000);
  start.setUTCSeconds(0, 0);
  await json(
    admin.ctx.post('/api/appointments', {
      data: {
        therapistId: me.memberId,
        clientId: created.id,
        typeId: type.id,
        startsAt: start.toISOString(),
        override: true,
        overrideReason: 'Browser test: a session happening now.',
      },
      headers: { ...admin.headers, 'Idempotency-Key': randomUUID() },
    }),
  );
  await Promise.all([t.ctx.dispose(), anon.ctx.dispose(), c.ctx.dispose(), admin.ctx.dispose()]);
  return {
    clientId: created.id,
    name: `${first} ${last}`,
    email,
    reflection,
    moduleTitle: reading.module.title,
  };
}

/** The signed-in shell scrolls inside its content pane: grow the viewport for a whole shot. */
async function snapWhole(page: Page, info: TestInfo, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page
    .locator('mat-sidenav-content')
    .evaluate((el) => el.scrollHeight + (el.getBoundingClientRect().top || 0));
  await page.setViewportSize({
    width: size.width,
    height: Math.max(size.height, Math.ceil(height)),
  });
  await snap(page, info, name);
  await page.setViewportSize(size);
}

test('a therapist opens Today, a session, its brief, and acknowledges an alert there; the client sees their next step', async ({
  browser,
}, info) => {
  // Two roles, seven pages and a set-up through the API: slow on a busy machine.
  test.setTimeout(240_000);
  const offenders: string[] = [];
  const baseURL = info.project.use.baseURL!;
  const therapist = THERAPISTS[info.project.name as keyof typeof THERAPISTS];
  const story = await setUp(baseURL, info);
  const shot = (n: string) => `today-${n}`;

  await test.step('Today: safety alerts first, then the session happening now', async () => {
    const { context, page: t } = await freshPage(browser, info, offenders);
    await signIn(t, therapist.email);
    await expect(t).toHaveURL(/\/therapist$/);
    await expect(t.locator('main h2').first()).toHaveText('Safety alerts');
    await expect(
      t.getByRole('region', { name: 'Safety alerts' }).getByTestId('safety-alert').filter({
        hasText: story.name,
      }),
    ).toHaveCount(1);
    const today = t.getByRole('region', { name: "Today's sessions" });
    const row = today.getByTestId('today-session').filter({ hasText: story.name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Now');
    await expect(row.getByTestId('today-alert')).toHaveText(/Open urgent alert/);
    await expect(t.getByRole('region', { name: 'Newly shared reflections' })).toContainText(
      story.name,
    );
    await visit(t, info, shot('01-therapist-today'));
    await snapWhole(t, info, shot('01-therapist-today-whole'));

    // 2. The brief, on one screen from one request.
    const briefs: string[] = [];
    t.on('request', (r) => {
      if (r.url().includes('/brief')) briefs.push(r.url());
    });
    await row.getByRole('link', { name: new RegExp(`^Open brief for ${story.name}`) }).click();
    await expect(
      t.getByRole('heading', { level: 1, name: `Before the session: ${story.name}` }),
    ).toBeVisible();
    await expect(t.getByTestId('brief-next-session')).not.toHaveText('None booked');
    const safety = t.getByRole('region', { name: 'Safety alerts' });
    await expect(safety.getByTestId('alert-history-item')).toHaveCount(1);
    await expect(safety).toContainText('Open: not acknowledged yet.');
    const score = t.getByRole('region', { name: 'Scores' }).getByTestId('brief-score');
    await expect(score).toContainText(TITLE);
    await expect(score).toContainText('Not validated, not a diagnosis');
    await expect(score.getByTestId('brief-change')).toContainText('raw change only');
    await expect(t.getByRole('region', { name: 'Shared reflections' })).toContainText(
      story.reflection,
    );
    const reading = t.getByRole('region', { name: 'Reading' }).getByTestId('brief-reading');
    await expect(reading.first()).toContainText(story.moduleTitle);
    await expect(reading.first()).toContainText(/1 of \d+ parts read/);
    await expect(t.getByRole('region', { name: 'Still open' })).toContainText(
      `${TITLE} · screener, started`,
    );
    expect(briefs).toHaveLength(1);
    await visit(t, info, shot('02-brief'));
    await snapWhole(t, info, shot('02-brief-whole'));

    // 3. Acknowledge the alert in the brief.
    await safety
      .getByRole('button', { name: `Acknowledge urgent alert for ${story.name}` })
      .click();
    const dialog = await openedDialog(t, 'Acknowledge safety alert');
    await dialog.getByLabel('What did you do?').fill('Checked in at the start of the session.');
    await visit(t, info, shot('03-brief-acknowledge'));
    await dialog.getByRole('button', { name: 'Save acknowledgement' }).click();
    await expect(dialog).toBeHidden();
    await expect(t.getByRole('status').filter({ hasText: 'Alert acknowledged.' })).toBeVisible();
    await expect(safety.getByTestId('alert-acknowledgement')).toContainText(
      `Acknowledged by ${therapist.name}`,
    );
    await expect(safety).toContainText('Checked in at the start of the session.');
    await expect(safety.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);
    await expect(t.getByRole('heading', { level: 2, name: 'Safety alerts' })).toBeFocused();
    await visit(t, info, shot('04-brief-acknowledged'));

    // 4. The client page starts with the safety history, upcoming sessions and the trend.
    await t.getByRole('link', { name: 'Full client page' }).click();
    await expect(t.getByRole('heading', { level: 1, name: story.name })).toBeVisible();
    await expect(t.locator('main h2').first()).toHaveText('Safety alerts');
    await expect(t.locator('main h2').nth(1)).toHaveText('Upcoming sessions');
    await expect(t.locator('main h2').nth(2)).toHaveText('Trend');
    const history = t.getByRole('region', { name: 'Safety alerts' });
    await expect(history.getByTestId('alert-history-item')).toHaveCount(1);
    await expect(history).toContainText('Checked in at the start of the session.');
    await expect(t.getByRole('region', { name: 'Trend' })).toContainText('sent in 2 times');
    await expect(t.getByRole('region', { name: 'Trend' }).locator('canvas')).toBeVisible();
    await visit(t, info, shot('05-client-page'));
    await snapWhole(t, info, shot('05-client-page-whole'));

    // Back on Today, the session no longer carries the alert.
    await navigate(t, 'Therapist navigation', 'Today');
    await expect(
      t
        .getByRole('region', { name: "Today's sessions" })
        .getByTestId('today-session')
        .filter({ hasText: story.name })
        .getByTestId('today-alert'),
    ).toHaveCount(0);
    await context.close();
  });

  await test.step('the client home shows the next session, new reading and the screener to finish', async () => {
    const { context, page: c } = await freshPage(browser, info, offenders);
    await signIn(c, story.email);
    await expect(c).toHaveURL(/\/client$/);
    const next = c.getByRole('region', { name: 'Your next session' });
    await expect(next.getByTestId('home-next-session')).toHaveText(/^Today, /);
    await expect(next).toContainText(`with ${therapist.name}`);
    const ics = next.getByRole('link', { name: 'Add to calendar' });
    expect(await ics.getAttribute('href')).toMatch(/^\/api\/appointments\/[\w-]+\/ics$/);
    const file = await c.request.get((await ics.getAttribute('href'))!);
    expect(file.ok()).toBe(true);
    expect(await file.text()).toContain('BEGIN:VEVENT');
    const reading = c.getByRole('region', { name: 'Reading for you' });
    await expect(reading.getByTestId('home-reading')).toHaveCount(2);
    await expect(reading).toContainText(story.moduleTitle);
    await expect(
      reading.getByRole('link', { name: `Keep reading ${story.moduleTitle}` }),
    ).toBeVisible();
    await expect(
      c.getByRole('region', { name: "Whenever you're ready" }).getByRole('link', {
        name: `Continue ${TITLE}`,
      }),
    ).toBeVisible();
    await expect(c.getByText(/overdue|streak/i)).toHaveCount(0);
    await visit(c, info, shot('06-client-home'));
    await snapWhole(c, info, shot('06-client-home-whole'));

    // The weekly reminder email can be turned off from Your account.
    await navigate(c, 'Client navigation', 'Your account');
    await expect(c.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    const toggle = c.getByRole('switch', { name: 'Send me a gentle reminder' });
    await expect(toggle).toBeChecked();
    await toggle.click();
    await expect(
      c.getByRole('status').filter({ hasText: 'We will not send reminder emails.' }),
    ).toBeVisible();
    await expect(toggle).not.toBeChecked();
    await visit(c, info, shot('07-client-account'));
    await c.reload();
    await expect(c.getByRole('switch', { name: 'Send me a gentle reminder' })).not.toBeChecked();
    await context.close();
  });

  expect(offenders, 'third-party requests').toEqual([]);
});
