// Data rights and closing a record. A client opens "Your account", downloads their record, and
// the ZIP holds README.txt, record.json (with their answers and their private reflection) and a
// FHIR Bundle. An admin downloads a copy from the client's page, deactivates the client (the
// dialog lists the upcoming session it cancels), the client can no longer sign in and their
// therapist sees "Inactive"; the admin reactivates them and they can sign in again. The practice
// settings show the retention period.
//
// Each project makes its own client through the API, so desktop and phone share one server.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { type Entry, fromBuffer, type ZipFile } from 'yauzl';
import {
  apiSession,
  DEMO_PASSWORD,
  freshPage,
  navigate,
  okJson as json,
  openedDialog,
  signIn,
  visit,
} from './support';

const ADMIN = 'admin@example.com';
const THERAPIST = 'theo@example.com';

interface Person {
  id: string;
  first: string;
  last: string;
  email: string;
}

/** Theo adds a client and invites them; the client accepts with the demo password. */
async function newClient(baseURL: string, info: TestInfo, label: string): Promise<Person> {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const person = {
    first: 'Dana',
    last: `${label} ${tag}`,
    email: `dana.${label}.${tag}@example.com`.toLowerCase(),
  };
  const theo = await apiSession(baseURL, THERAPIST);
  const client = await json<{ id: string }>(
    theo.ctx.post('/api/clients', {
      data: { firstName: person.first, lastName: person.last, email: person.email },
      headers: theo.headers,
    }),
  );
  const invitation = await json<{ link: string }>(
    theo.ctx.post('/api/invitations', {
      data: { kind: 'client', clientId: client.id },
      headers: theo.headers,
    }),
  );
  const anon = await apiSession(baseURL);
  await json(
    anon.ctx.post(`/api/invitations/${invitation.link.split('/invite/')[1]!}/accept`, {
      data: { password: DEMO_PASSWORD },
      headers: anon.headers,
    }),
  );
  await Promise.all([theo.ctx.dispose(), anon.ctx.dispose()]);
  return { id: client.id, ...person };
}

/** The client answers the built-in check (fear of mistakes "almost always") and writes a private reflection. */
async function giveAnswers(baseURL: string, person: Person, reflection: string): Promise<void> {
  const theo = await apiSession(baseURL, THERAPIST);
  const client = await apiSession(baseURL, person.email);
  const instruments = await json<{ id: string; key: string }[]>(theo.ctx.get('/api/instruments'));
  const ppc = instruments.find((i) => i.key === 'perfectionism-patterns-check')!;
  const assigned = await json<{ id: string }>(
    theo.ctx.post(`/api/clients/${person.id}/screenings`, {
      data: { instrumentId: ppc.id },
      headers: theo.headers,
    }),
  );
  const detail = await json<{
    definition: { sections: { key: string; items: { linkId: string; type: string }[] }[] };
  }>(client.ctx.get(`/api/screenings/${assigned.id}`));
  const answers: Record<string, { value: string }> = {};
  for (const section of detail.definition.sections)
    for (const item of section.items)
      if (item.type === 'choice' && item.linkId !== 'safety-right-now')
        answers[item.linkId] = {
          value:
            section.key === 'fear-of-mistakes'
              ? 'almost-always'
              : section.key === 'safety'
                ? 'never'
                : section.key === 'origins'
                  ? 'no'
                  : 'rarely',
        };
  await json(
    client.ctx.post(`/api/screenings/${assigned.id}/submit`, {
      data: { version: 0, answers },
      headers: { ...client.headers, 'Idempotency-Key': randomUUID() },
    }),
  );
  const modules = await json<{ id: string }[]>(theo.ctx.get('/api/modules'));
  const [reading] = await json<{ id: string; module: { id: string } }[]>(
    theo.ctx.post(`/api/clients/${person.id}/assignments`, {
      data: { moduleIds: [modules[0]!.id] },
      headers: theo.headers,
    }),
  );
  const module = await json<{ content: { reflectionPrompts: { id: string }[] } }>(
    client.ctx.get(`/api/modules/${reading!.module.id}`),
  );
  await json(
    client.ctx.post(`/api/assignments/${reading!.id}/reflections`, {
      data: { promptId: module.content.reflectionPrompts[0]!.id, body: reflection },
      headers: client.headers,
    }),
  );
  await Promise.all([theo.ctx.dispose(), client.ctx.dispose()]);
}

function unzip(data: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    fromBuffer(data, { lazyEntries: true }, (err, zip?: ZipFile) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const files: Record<string, string> = {};
      zip.on('entry', (entry: Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          buffer(stream).then((b) => {
            files[entry.fileName] = b.toString('utf8');
            zip.readEntry();
          }, reject);
        }),
      );
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Clicks a download link and opens the ZIP the browser saved. */
async function downloadZip(page: Page, link: string): Promise<Record<string, string>> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^attune-record-\d{4}-\d{2}-\d{2}\.zip$/);
  const path = await download.path();
  return unzip(readFileSync(path));
}

async function canSignIn(baseURL: string, email: string): Promise<number> {
  const anon = await apiSession(baseURL);
  const res = await anon.ctx.post('/api/auth/login', {
    data: { email, password: DEMO_PASSWORD },
    headers: anon.headers,
  });
  await anon.ctx.dispose();
  return res.status();
}

test('a client downloads their record from their account page', async ({
  browser,
  baseURL,
}, info) => {
  const person = await newClient(baseURL!, info, 'Export');
  const reflection = `Noticing the inner critic, ${info.project.name}.`;
  await giveAnswers(baseURL!, person, reflection);
  const offenders: string[] = [];
  const { context, page } = await freshPage(browser, info, offenders);

  await signIn(page, person.email);
  await expect(page).toHaveURL(/\/client$/);
  await navigate(page, 'Client navigation', 'Your account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'A copy of your record' })).toBeVisible();
  await visit(page, info, 'records-client-account');

  const files = await downloadZip(page, 'Download my record');
  expect(Object.keys(files).sort()).toEqual(['README.txt', 'fhir-bundle.json', 'record.json']);
  const record = JSON.parse(files['record.json']!) as {
    audience: string;
    client: { id: string };
    screeners: { status: string; answers: { question: string; answer: string }[] }[];
    reading: { reflections: { text: string; shared: boolean }[] }[];
  };
  expect(record.audience).toBe('client');
  expect(record.client.id).toBe(person.id);
  const answers = record.screeners[0]!.answers;
  expect(answers).toContainEqual({
    linkId: 'fear-of-mistakes-1',
    question: 'Just thinking about making a mistake made me tense.',
    answer: 'Almost always',
  });
  expect(record.reading[0]!.reflections).toContainEqual(
    expect.objectContaining({ text: reflection, shared: false }),
  );
  const bundle = JSON.parse(files['fhir-bundle.json']!) as {
    resourceType: string;
    type: string;
    entry: { resource: { resourceType: string } }[];
  };
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  expect(new Set(bundle.entry.map((e) => e.resource.resourceType))).toEqual(
    new Set(['Patient', 'Questionnaire', 'QuestionnaireResponse', 'DocumentReference']),
  );
  expect(offenders).toEqual([]);
  await context.close();
});

test('an admin downloads a copy, deactivates and reactivates a client', async ({
  browser,
  baseURL,
}, info) => {
  // Two signed-in people, a download and two dialogs: slow on a busy machine.
  test.setTimeout(240_000);
  const person = await newClient(baseURL!, info, 'Closing');
  const name = `${person.first} ${person.last}`;
  // One upcoming session, which closing the record cancels.
  const admin = await apiSession(baseURL!, ADMIN);
  const client = await json<{ primaryTherapist: { id: string } }>(
    admin.ctx.get(`/api/clients/${person.id}`),
  );
  const [type] = await json<{ id: string }[]>(admin.ctx.get('/api/appointment-types'));
  const startsAt = new Date(
    Date.now() + (40 + (info.project.name === 'phone' ? 1 : 0)) * 86_400_000,
  );
  startsAt.setUTCHours(15, 0, 0, 0);
  await json(
    admin.ctx.post('/api/appointments', {
      data: {
        therapistId: client.primaryTherapist.id,
        clientId: person.id,
        typeId: type!.id,
        startsAt: startsAt.toISOString(),
        override: true,
        overrideReason: 'Journey set-up',
      },
      headers: admin.headers,
    }),
  );
  await admin.ctx.dispose();

  const offenders: string[] = [];
  const { context, page } = await freshPage(browser, info, offenders);
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  await navigate(page, 'Admin navigation', 'Clients');
  await page.getByLabel('Search clients').fill(person.last);
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name: 'Record' })).toBeVisible();
  await visit(page, info, 'records-admin-client');

  const copy = await downloadZip(page, 'Download a copy');
  expect(JSON.parse(copy['record.json']!)).toMatchObject({
    audience: 'practice',
    client: { id: person.id },
  });

  await page.getByRole('button', { name: 'Deactivate client' }).click();
  const dialog = await openedDialog(page, `Deactivate ${name}?`);
  await expect(dialog.getByTestId('close-sessions').getByRole('listitem')).toHaveCount(1);
  await visit(page, info, 'records-deactivate-dialog');
  await dialog.getByRole('button', { name: 'Cancel 1 session and deactivate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is deactivated' })).toBeVisible();
  await expect(page.getByTestId('inactive-chip')).toBeVisible();
  await expect(page.getByTestId('record-closed')).toContainText('Closed on');
  await visit(page, info, 'records-admin-closed');
  expect(await canSignIn(baseURL!, person.email)).toBe(401);

  // The therapist sees "Inactive" in their list.
  const theo = await freshPage(browser, info, offenders);
  await signIn(theo.page, THERAPIST);
  await expect(theo.page).toHaveURL(/\/therapist$/);
  await navigate(theo.page, 'Therapist navigation', 'Clients');
  await theo.page.getByLabel('Search clients').fill(person.last);
  const row = theo.page.getByRole('row').filter({ hasText: person.last });
  await expect(row.getByTestId('inactive-chip')).toHaveText('Inactive');
  await visit(theo.page, info, 'records-therapist-list');
  await theo.context.close();

  await page.getByRole('button', { name: 'Reactivate client' }).click();
  const confirm = await openedDialog(page, `Reactivate ${name}?`);
  await confirm.getByRole('button', { name: 'Reactivate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is active again' })).toBeVisible();
  await expect(page.getByTestId('inactive-chip')).toHaveCount(0);
  expect(await canSignIn(baseURL!, person.email)).toBe(200);

  await navigate(page, 'Admin navigation', 'Practice');
  const retention = page.getByLabel('Keep closed records for (years)');
  await expect(retention).toHaveValue('7');
  await retention.scrollIntoViewIfNeeded();
  await expect(
    page.getByRole('heading', { name: 'Closed records past your retention period' }),
  ).toBeVisible();
  await visit(page, info, 'records-practice-settings');
  expect(offenders).toEqual([]);
  await context.close();
});
