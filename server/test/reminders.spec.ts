import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  GENTLE_REMINDER_KIND,
  type InstrumentSummary,
  PERFECTIONISM_PATTERNS_CHECK,
} from '@attune/shared';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { RemindersService } from '../src/reminders/reminders.service.js';
import {
  anonymous,
  bootApp,
  type Caller,
  db,
  newClientUser,
  newMember,
  newPractice,
} from './harness.js';

const DAY = 86_400_000;
// newPractice's zone is America/Chicago (CDT in June): Tuesday 9 June 2026, 11:00.
const TUESDAY_11 = new Date('2026-06-09T16:00:00Z');

interface Row {
  id: string;
  to_email: string;
  subject: string;
  body_text: string;
  dedupe_key: string;
  status: string;
  payload: Record<string, string>;
}

describe('gentle reminders', () => {
  let app: NestFastifyApplication;
  let reminders: RemindersService;
  let therapist: Caller;
  let ppcId: string;

  const rowsFor = (clientId: string) =>
    db(app).query<Row[]>(
      `SELECT id, to_email, subject, body_text, dedupe_key, status, payload FROM outbox_messages
        WHERE kind = $1 AND payload->>'clientId' = $2 ORDER BY run_after`,
      [GENTLE_REMINDER_KIND, clientId],
    );

  /** A client with a login and, unless told otherwise, a screener waiting. */
  async function client(open = true) {
    const c = await newClientUser(app, therapist);
    if (open) {
      const res = await therapist.post(`/api/clients/${c.clientId}/screenings`, {
        instrumentId: ppcId,
      });
      expect(res.status).toBe(201);
    }
    return c;
  }

  beforeAll(async () => {
    app = await bootApp();
    reminders = app.get(RemindersService);
    const p = await newPractice(app);
    therapist = (await newMember(app, p.caller, ['therapist'], 'Rowan Reed')).caller;
    const list = (await therapist.get('/api/instruments')).body as InstrumentSummary[];
    ppcId = list.find((i) => i.key === PERFECTIONISM_PATTERNS_CHECK.key)!.id;
  });
  afterAll(() => app.close());

  it('queues one gentle note, worded without pressure, with a way to turn it off', async () => {
    const c = await client();
    await reminders.queueDue(TUESDAY_11);
    const rows = await rowsFor(c.clientId);
    expect(rows).toHaveLength(1);
    const [mail] = rows;
    expect(mail!.to_email).toBe(c.email.toLowerCase());
    expect(mail!.dedupe_key).toBe(`${GENTLE_REMINDER_KIND}:${c.clientId}:2026-W24`);
    expect(mail!.subject).toMatch(/^A note from Practice /);
    expect(mail!.body_text).toContain('a short check-in');
    expect(mail!.body_text).not.toContain('reading');
    expect(mail!.body_text).toContain('/client/account#reminders');
    expect(mail!.body_text).toContain('no rush');
    // No pressure: no "overdue", no deadlines, no counts; no titles in an email.
    expect(mail!.body_text).not.toMatch(/overdue|late|deadline|due|\b[2-9]\b|Perfectionism/i);
  });

  it('sends at most one a week: twice in a run, later that week, then again the next week', async () => {
    const c = await client();
    await reminders.queueDue(TUESDAY_11);
    await reminders.queueDue(TUESDAY_11);
    await reminders.queueDue(new Date(TUESDAY_11.getTime() + 2 * DAY)); // Thursday
    expect(await rowsFor(c.clientId)).toHaveLength(1);
    // Monday of the next ISO week is a new week, but not seven days later: still nothing.
    await reminders.queueDue(new Date(TUESDAY_11.getTime() + 6 * DAY));
    expect(await rowsFor(c.clientId)).toHaveLength(1);
    await reminders.queueDue(new Date(TUESDAY_11.getTime() + 7 * DAY));
    const rows = await rowsFor(c.clientId);
    expect(rows.map((r) => r.dedupe_key.split(':').pop())).toEqual(['2026-W24', '2026-W25']);
  });

  it('queues one when the job runs on several instances at once', async () => {
    const c = await client();
    const second = await bootApp();
    try {
      await Promise.all([
        reminders.queueDue(TUESDAY_11),
        second.get(RemindersService).queueDue(TUESDAY_11),
        reminders.queueDue(TUESDAY_11),
        second.get(RemindersService).queueDue(TUESDAY_11),
      ]);
    } finally {
      await second.close();
    }
    expect(await rowsFor(c.clientId)).toHaveLength(1);
  });

  it('queues none when nothing is open, or outside weekday daytime on their clock', async () => {
    const idle = await client(false);
    const done = await client(false);
    // A reading already finished does not count.
    const modules = (await therapist.get('/api/modules')).body as { id: string }[];
    await therapist.post(`/api/clients/${done.clientId}/assignments`, {
      moduleIds: [modules[0]!.id],
    });
    const [a] = (await done.caller.get('/api/assignments')).body as { id: string }[];
    expect((await done.caller.patch(`/api/assignments/${a!.id}`, { completed: true })).status).toBe(
      200,
    );
    const waiting = await client();
    await reminders.queueDue(new Date('2026-06-13T16:00:00Z')); // Saturday 11:00
    await reminders.queueDue(new Date('2026-06-10T02:00:00Z')); // Tuesday 21:00
    await reminders.queueDue(new Date('2026-06-09T14:00:00Z')); // Tuesday 09:00
    expect(await rowsFor(waiting.clientId)).toHaveLength(0);
    await reminders.queueDue(TUESDAY_11);
    expect(await rowsFor(idle.clientId)).toHaveLength(0);
    expect(await rowsFor(done.clientId)).toHaveLength(0);
    expect(await rowsFor(waiting.clientId)).toHaveLength(1);
  });

  it('names reading when a reading is what waits', async () => {
    const c = await client(false);
    const modules = (await therapist.get('/api/modules')).body as { id: string }[];
    await therapist.post(`/api/clients/${c.clientId}/assignments`, {
      moduleIds: [modules[1]!.id],
    });
    await reminders.queueDue(TUESDAY_11);
    const [mail] = await rowsFor(c.clientId);
    expect(mail!.body_text).toContain('some reading with you');
  });

  it('stops when the client turns it off, even for a note already queued', async () => {
    const c = await client();
    expect((await c.caller.get('/api/reminders/preference')).body).toEqual({
      gentleReminders: true,
    });
    await reminders.queueDue(TUESDAY_11);
    const [queued] = await rowsFor(c.clientId);
    expect(queued!.status).toBe('pending');

    const off = await c.caller.put('/api/reminders/preference', { gentleReminders: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ gentleReminders: false });
    expect((await c.caller.get('/api/reminders/preference')).body).toEqual({
      gentleReminders: false,
    });
    // The sender checks again before it goes out.
    await app.get(NotificationsService).runOnce(500);
    expect((await rowsFor(c.clientId))[0]!.status).toBe('skipped');
    // And next week nothing is queued.
    await reminders.queueDue(new Date(TUESDAY_11.getTime() + 7 * DAY));
    expect(await rowsFor(c.clientId)).toHaveLength(1);

    const [audit] = await db(app).query<{ meta: { gentleReminders: boolean } }[]>(
      `SELECT meta FROM audit_events WHERE action = 'client.reminders.update' AND client_id = $1`,
      [c.clientId],
    );
    expect(audit!.meta).toEqual({ gentleReminders: false });

    // Back on: the note goes out again (the week after the skipped one).
    expect(
      (await c.caller.put('/api/reminders/preference', { gentleReminders: true })).status,
    ).toBe(200);
    await reminders.queueDue(new Date(TUESDAY_11.getTime() + 14 * DAY));
    expect(await rowsFor(c.clientId)).toHaveLength(2);
  });

  it('sends a note that is still wanted', async () => {
    const c = await client();
    await reminders.queueDue(TUESDAY_11);
    await app.get(NotificationsService).runOnce(500);
    expect((await rowsFor(c.clientId))[0]!.status).toBe('sent');
  });

  it('the preference is the client’s own: staff, nobody and bad input are refused', async () => {
    const c = await client(false);
    expect((await therapist.get('/api/reminders/preference')).status).toBe(403);
    expect(
      (await therapist.put('/api/reminders/preference', { gentleReminders: false })).status,
    ).toBe(403);
    const nobody = await anonymous(app);
    expect((await nobody.get('/api/reminders/preference')).status).toBe(401);
    const bad = await c.caller.put('/api/reminders/preference', { gentleReminders: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('gentleReminders');
    const missing = await c.caller.put('/api/reminders/preference', {});
    expect(missing.status).toBe(400);
    const extra = await c.caller.put('/api/reminders/preference', {
      gentleReminders: true,
      clientId: c.clientId,
    });
    expect(extra.status).toBe(400);
    // Turning it off does not change the record staff edit against.
    const before = (await therapist.get(`/api/clients/${c.clientId}`)).body.version as number;
    await c.caller.put('/api/reminders/preference', { gentleReminders: false });
    expect((await therapist.get(`/api/clients/${c.clientId}`)).body.version).toBe(before);
  });
});
