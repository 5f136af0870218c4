import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type {
  AppointmentView,
  ClientSummary,
  InstrumentSummary,
  PracticeSummary,
  ScreeningSummary,
} from '@attune/shared';
import { randomUUID } from 'node:crypto';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { AppointmentsService } from '../src/scheduling/appointments.service.js';
import {
  anonymous,
  bootApp,
  db,
  newClient,
  newClientUser,
  PASSWORD,
  twoPractices,
} from './harness.js';
import { binary, unzipText } from './zip-reader.js';

describe('closing a record: deactivate and reactivate a client, keep everything', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  let typeId: string;
  let ppcId: string;
  let hour = 0;

  async function book(clientId: string) {
    const startsAt = new Date(Date.now() + (20 * 24 + hour++ * 2) * 3_600_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const res = await w.a.caller.post('/api/appointments', {
      therapistId: w.t1.me.memberId,
      clientId,
      typeId,
      startsAt: startsAt.toISOString(),
      override: true,
      overrideReason: 'Test data',
    });
    expect(res.status).toBe(201);
    return res.body as AppointmentView;
  }

  const deactivate = (clientId: string, cancelSessionIds: string[] = [], by = w.a.caller) =>
    by.post(`/api/clients/${clientId}/deactivate`, { cancelSessionIds });

  async function actions(clientId: string) {
    const rows = await db(app).query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE client_id = $1 ORDER BY created_at, id`,
      [clientId],
    );
    return rows.map((r) => r.action);
  }

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
    typeId = ((await w.a.caller.get('/api/appointment-types')).body as { id: string }[])[0]!.id;
    ppcId = ((await w.t1.caller.get('/api/instruments')).body as InstrumentSummary[])[0]!.id;
  });
  afterAll(() => app.close());

  it('an admin closes a record: sign-in refused, every live session ends at once, audited', async () => {
    const c = await newClientUser(app, w.t1.caller);
    const phone = await anonymous(app);
    await phone.login(c.email);
    expect((await c.caller.get('/api/auth/me')).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(200);

    const res = await deactivate(c.clientId);
    expect(res.status).toBe(200);
    const closed = res.body as ClientSummary;
    expect(closed).toMatchObject({ status: 'inactive', account: 'disabled' });
    expect(Date.parse(closed.closedAt!)).toBeGreaterThan(Date.now() - 60_000);

    expect((await c.caller.get('/api/auth/me')).status).toBe(401);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    const again = await anonymous(app);
    const refused = await again.post('/api/auth/login', { email: c.email, password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('bad_credentials');
    expect(await actions(c.clientId)).toContain('client.deactivate');
    const [failure] = await db(app).query<{ meta: { reason: string } }[]>(
      `SELECT meta FROM audit_events WHERE action = 'auth.login.failure' AND actor_user_id = $1`,
      [c.me.user.id],
    );
    expect(failure!.meta.reason).toBe('disabled');
    // Closing a closed record changes nothing and records nothing more.
    expect((await deactivate(c.clientId)).status).toBe(200);
    expect((await actions(c.clientId)).filter((a) => a === 'client.deactivate')).toHaveLength(1);
  });

  it('the therapist sees "inactive" in the list and on the page; new work is refused', async () => {
    const c = await newClient(w.t1.caller, { lastName: `Closed${randomUUID().slice(0, 4)}` });
    await deactivate(c.id);
    const list = (await w.t1.caller.get(`/api/clients?q=${c.lastName}`)).body
      .items as ClientSummary[];
    expect(list.map((x) => [x.id, x.status])).toEqual([[c.id, 'inactive']]);
    expect((await w.t1.caller.get(`/api/clients/${c.id}`)).body.status).toBe('inactive');
    const assign = await w.t1.caller.post(`/api/clients/${c.id}/screenings`, {
      instrumentId: ppcId,
    });
    expect(assign.status).toBe(409);
    expect(assign.body.code).toBe('client_inactive');
    const booking = await w.a.caller.post('/api/appointments', {
      therapistId: w.t1.me.memberId,
      clientId: c.id,
      typeId,
      startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
      override: true,
      overrideReason: 'x',
    });
    expect(booking.status).toBe(400);
    expect(booking.body.fields).toHaveProperty('clientId');
  });

  it('upcoming sessions are cancelled only as named: a different list is 409 with the current one', async () => {
    const c = await newClientUser(app, w.t1.caller);
    const s1 = await book(c.clientId);
    const s2 = await book(c.clientId);
    const none = await deactivate(c.clientId, []);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('client_has_upcoming_sessions');
    expect((none.body.current as AppointmentView[]).map((a) => a.id)).toEqual([s1.id, s2.id]);
    const partial = await deactivate(c.clientId, [s1.id]);
    expect(partial.status).toBe(409);
    expect((await w.a.caller.get(`/api/clients/${c.clientId}`)).body.status).toBe('active');

    const ok = await deactivate(c.clientId, [s2.id, s1.id]);
    expect(ok.status).toBe(200);
    for (const s of [s1, s2]) {
      const after = (await w.a.caller.get(`/api/appointments/${s.id}`)).body as AppointmentView;
      expect(after).toMatchObject({ status: 'cancelled', lateCancel: false });
      expect(after.cancelReason).toMatch(/closed this record/);
    }
    const mail = await db(app).query<{ to_email: string; body_text: string }[]>(
      `SELECT to_email, body_text FROM outbox_messages WHERE kind = 'appointment.cancelled' AND to_email = $1`,
      [c.email],
    );
    expect(mail).toHaveLength(2);
    expect(mail[0]!.body_text).toMatch(/To book a new time, please contact/);
    expect((await actions(c.clientId)).filter((a) => a === 'appointment.cancel')).toHaveLength(2);
    // No reminder goes out for them: the day-ahead sweep reads booked sessions only.
    const sweep = app.get(AppointmentsService);
    for (const s of [s1, s2])
      await sweep.queueDayAheadReminders(
        db(app).manager,
        new Date(new Date(s.startsAt).getTime() - 25.5 * 3_600_000),
      );
    while ((await app.get(NotificationsService).runOnce(50)) > 0);
    const reminders = await db(app).query<{ status: string }[]>(
      `SELECT status FROM outbox_messages WHERE kind = 'appointment.reminder' AND payload->>'appointmentId' = ANY($1)`,
      [[s1.id, s2.id]],
    );
    expect(reminders).toEqual([]);
  });

  it('reactivating reopens sign-in (the old sessions stay ended); nothing clinical was lost', async () => {
    const c = await newClientUser(app, w.t1.caller);
    const s = await w.t1.caller.post(`/api/clients/${c.clientId}/screenings`, {
      instrumentId: ppcId,
    });
    const sid = (s.body as ScreeningSummary).id;
    const draft = { 'all-or-nothing-1': { value: 'often' } };
    expect(
      (await c.caller.put(`/api/screenings/${sid}/draft`, { version: 0, answers: draft })).status,
    ).toBe(200);
    await deactivate(c.clientId);
    // The practice can still hand the client their record while it is closed.
    const exported = await w.a.caller
      .get(`/api/clients/${c.clientId}/export`)
      .buffer(true)
      .parse(binary);
    expect(exported.status).toBe(200);
    const record = JSON.parse((await unzipText(exported.body as Buffer))['record.json']!);
    expect(record.client.status).toBe('inactive');
    expect(record.client.closedAt).not.toBeNull();

    const res = await w.a.caller.post(`/api/clients/${c.clientId}/reactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', account: 'active', closedAt: null });
    expect((await c.caller.get('/api/auth/me')).status).toBe(401);
    const back = await anonymous(app);
    await back.login(c.email);
    const detail = await back.get(`/api/screenings/${sid}`);
    expect(detail.status).toBe(200);
    expect(detail.body.answers).toEqual(draft);
    expect((await actions(c.clientId)).filter((a) => a.startsWith('client.'))).toEqual(
      expect.arrayContaining(['client.deactivate', 'client.reactivate']),
    );
    // Reopening an open record changes nothing.
    expect((await w.a.caller.post(`/api/clients/${c.clientId}/reactivate`)).status).toBe(200);
    expect((await actions(c.clientId)).filter((a) => a === 'client.reactivate')).toHaveLength(1);
  });

  it('admins only (403), another practice 404, no session 401, a bad list 400 naming the field', async () => {
    const c = await newClient(w.t1.caller);
    const byTherapist = await deactivate(c.id, [], w.t1.caller);
    expect(byTherapist.status).toBe(403);
    expect((await deactivate(w.clientA.clientId, [], w.clientA.caller)).status).toBe(403);
    expect((await w.t1.caller.post(`/api/clients/${c.id}/reactivate`)).status).toBe(403);
    expect((await deactivate(c.id, [], w.b.caller)).status).toBe(404);
    expect((await w.b.caller.post(`/api/clients/${c.id}/reactivate`)).status).toBe(404);
    expect((await deactivate(randomUUID())).status).toBe(404);
    const anon = await anonymous(app);
    expect((await deactivate(c.id, [], anon)).status).toBe(401);
    const missing = await w.a.caller.post(`/api/clients/${c.id}/deactivate`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toHaveProperty('cancelSessionIds');
    const notIds = await deactivate(c.id, ['tomorrow']);
    expect(notIds.status).toBe(400);
    expect(Object.keys(notIds.body.fields)[0]).toMatch(/cancelSessionIds/);
    expect((await w.a.caller.get(`/api/clients/${c.id}`)).body.status).toBe('active');
  });

  it('the practice states its retention period; admins list closed records past it', async () => {
    const practice = (await w.a.caller.get('/api/practice')).body as PracticeSummary;
    expect(practice.retentionYears).toBe(7);
    const bad = await w.a.caller.patch('/api/practice', { retentionYears: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('retentionYears');
    expect((await w.t1.caller.patch('/api/practice', { retentionYears: 10 })).status).toBe(403);
    const set = await w.a.caller.patch('/api/practice', { retentionYears: 10 });
    expect(set.body.retentionYears).toBe(10);

    const old = await newClient(w.t1.caller, { lastName: 'Longago' });
    const recent = await newClient(w.t1.caller, { lastName: 'Lately' });
    await deactivate(old.id);
    await deactivate(recent.id);
    await db(app).query(
      `UPDATE clients SET closed_at = now() - interval '11 years' WHERE id = $1`,
      [old.id],
    );
    const past = (await w.a.caller.get('/api/clients?pastRetention=true&limit=200')).body
      .items as ClientSummary[];
    expect(past.map((x) => x.id)).toEqual([old.id]);
    expect((await w.b.caller.get('/api/clients?pastRetention=true')).body.items).toEqual([]);
    expect((await w.a.caller.get('/api/clients?pastRetention=maybe')).status).toBe(400);
    // Nothing is deleted, whatever the period says.
    expect((await w.a.caller.get(`/api/clients/${old.id}`)).status).toBe(200);
    await w.a.caller.patch('/api/practice', { retentionYears: 7 });
  });
});
