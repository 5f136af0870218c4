import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppointmentView, formatSessionTime, type InvitationCreated } from '@attune/shared';
import { AppointmentsService } from '../src/scheduling/appointments.service.js';
import { bootApp, db, newClientUser, newPractice, twoPractices, uniqueEmail } from './harness.js';

interface Mail {
  to_email: string;
  subject: string;
  body_text: string;
}

describe('wording: session mail names its date, time and zone; invitations say where the email goes', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let typeId: string;

  async function mails(kind: string, to: string): Promise<Mail[]> {
    return db(app).query<Mail[]>(
      `SELECT to_email, subject, body_text FROM outbox_messages WHERE kind = $1 AND to_email = $2
        ORDER BY created_at`,
      [kind, to.toLowerCase()],
    );
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    typeId = ((await w.a.caller.get('/api/appointment-types')).body as { id: string }[])[0]!.id;
  });
  afterAll(() => app.close());

  it('booking, reminder and cancellation mail read the date by the app rule, in the practice zone, named', async () => {
    const c = await newClientUser(app, w.t1.caller, { preferredName: 'Jo' });
    // 3:30 PM in Chicago (the test practice's zone) on a day five weeks ahead.
    const day = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 10);
    const startsAt = new Date(`${day}T20:30:00Z`);
    const booked = await w.a.caller.post('/api/appointments', {
      therapistId: w.t1.me.memberId,
      clientId: c.clientId,
      typeId,
      startsAt: startsAt.toISOString(),
      override: true,
      overrideReason: 'Wording test',
    });
    expect(booked.status).toBe(201);
    const practice = w.a.me.practice;
    const at = formatSessionTime(startsAt, 'America/Chicago');
    expect(at).toMatch(/^\w+day, \w+ \d{1,2}, \d{4} at \d{1,2}:30 PM C[DS]T$/);

    const [confirmation] = await mails('appointment.booked', c.email);
    expect(confirmation!.subject).toBe(`Session booked: ${at} (${practice.name})`);
    expect(confirmation!.body_text).toContain(`Hello Jo,`);
    expect(confirmation!.body_text).toContain(`is booked for ${at}.`);
    expect(confirmation!.body_text).toContain(
      "Times are in the practice's time zone, America/Chicago.",
    );
    const [toTherapist] = await mails('appointment.booked', w.t1.email);
    expect(toTherapist!.subject).toMatch(new RegExp(`^Session booked: [A-Z]\\. [A-Z]\\., ${at}$`));
    // The hourly sweep queues the reminder a day ahead.
    await app
      .get(AppointmentsService)
      .queueDayAheadReminders(db(app).manager, new Date(startsAt.getTime() - 25.5 * 3_600_000));
    const [reminder] = await mails('appointment.reminder', c.email);
    expect(reminder!.subject).toBe(`Reminder: your session with Tess One, ${at}`);

    const cancelled = await w.a.caller.post(
      `/api/appointments/${(booked.body as AppointmentView).id}/cancel`,
      { reason: 'Therapist unwell' },
    );
    expect(cancelled.status).toBe(200);
    const [cancellation] = await mails('appointment.cancelled', c.email);
    expect(cancellation!.subject).toBe(`Session cancelled: ${at} (${practice.name})`);
    expect(cancellation!.body_text).toContain(`on ${at} has been cancelled.`);
    // It says how to book again.
    expect(cancellation!.body_text).toMatch(
      new RegExp(`To book a new time, please contact ${practice.name}`),
    );
    expect(cancellation!.body_text).toMatch(/\/client\/sessions/);
  });

  it('an invitation says the email is kept in the Mail page when no mail server is set up', async () => {
    const res = await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email: uniqueEmail('staff'),
      displayName: 'Nia New',
      roles: ['therapist'],
    });
    expect(res.status).toBe(201);
    expect((res.body as InvitationCreated).delivery).toBe('mailbox');
  });

  it('and that it is emailed when SMTP_URL is set', async () => {
    // The sender is off in tests (OUTBOX_INTERVAL_MS 0): nothing is actually sent.
    const withMail = await bootApp({ smtpUrl: 'smtp://mail.invalid:2525' });
    try {
      const admin = await newPractice(withMail);
      const res = await admin.caller.post('/api/invitations', {
        kind: 'member',
        email: uniqueEmail('staff'),
        displayName: 'Nia New',
        roles: ['therapist'],
      });
      expect(res.status).toBe(201);
      expect((res.body as InvitationCreated).delivery).toBe('email');
    } finally {
      await withMail.close();
    }
  });
});
