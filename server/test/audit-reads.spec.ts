import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppointmentTypeView, AppointmentView, AuditAction } from '@attune/shared';
import { randomUUID } from 'node:crypto';
import { bootApp, db, twoPractices } from './harness.js';

interface Event {
  actor_user_id: string | null;
  client_id: string | null;
  entity_id: string | null;
  meta: Record<string, unknown>;
}

// Reads of client data that issue 10 found unaudited: each now leaves one row on the trail,
// naming the reader and (where there is one) the client; a refused read leaves none.
describe('reads of client data are on the audit trail', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;

  const events = (practiceId: string, action: AuditAction) =>
    db(app).query<Event[]>(
      `SELECT actor_user_id, client_id, entity_id, meta FROM audit_events
        WHERE practice_id = $1 AND action = $2 ORDER BY created_at`,
      [practiceId, action],
    );

  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
  });
  afterAll(() => app.close());

  it('GET /api/dashboard records dashboard.read for each role, with whose data it showed', async () => {
    const practice = w.a.me.practice.id;
    expect(await events(practice, 'dashboard.read')).toEqual([]);
    expect((await w.t1.caller.get('/api/dashboard')).body.role).toBe('therapist');
    expect((await w.a.caller.get('/api/dashboard')).body.role).toBe('admin');
    expect((await w.clientA.caller.get('/api/dashboard')).body.role).toBe('client');
    const rows = await events(practice, 'dashboard.read');
    expect(rows.map((r) => [r.actor_user_id, r.client_id, r.meta['view']])).toEqual([
      [w.t1.me.user.id, null, 'therapist'],
      [w.a.me.user.id, null, 'admin'],
      [w.clientA.me.user.id, w.clientA.clientId, 'client'],
    ]);
    expect(rows[2]!.meta['clientIds']).toEqual([w.clientA.clientId]);
  });

  it('GET /api/appointments/:id records appointment.read with its client; a foreign id records nothing', async () => {
    const types = (await w.a.caller.get('/api/appointment-types')).body as AppointmentTypeView[];
    const start = new Date(Date.now() + 10 * 86_400_000);
    start.setUTCHours(3, 0, 0, 0);
    const booked = await w.a.caller.post('/api/appointments', {
      therapistId: w.t1.me.memberId,
      clientId: w.clientA.clientId,
      typeId: types[0]!.id,
      startsAt: start.toISOString(),
      override: true,
      overrideReason: 'Audit test',
    });
    expect(booked.status).toBe(201);
    const appt = booked.body as AppointmentView;
    expect((await w.t1.caller.get(`/api/appointments/${appt.id}`)).status).toBe(200);
    expect((await w.clientA.caller.get(`/api/appointments/${appt.id}`)).status).toBe(200);
    const rows = await events(w.a.me.practice.id, 'appointment.read');
    expect(rows.map((r) => [r.actor_user_id, r.client_id, r.entity_id])).toEqual([
      [w.t1.me.user.id, w.clientA.clientId, appt.id],
      [w.clientA.me.user.id, w.clientA.clientId, appt.id],
    ]);
    // Another practice's admin, another therapist and a made-up id: 404 and no trace.
    expect((await w.b.caller.get(`/api/appointments/${appt.id}`)).status).toBe(404);
    expect((await w.t2.caller.get(`/api/appointments/${appt.id}`)).status).toBe(404);
    expect((await w.a.caller.get(`/api/appointments/${randomUUID()}`)).status).toBe(404);
    expect(await events(w.b.me.practice.id, 'appointment.read')).toEqual([]);
    expect(await events(w.a.me.practice.id, 'appointment.read')).toHaveLength(2);
  });

  it('GET /api/mailbox records mailbox.read with how many messages it showed', async () => {
    const res = await w.a.caller.get('/api/mailbox');
    expect(res.status).toBe(200);
    const rows = await events(w.a.me.practice.id, 'mailbox.read');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_user_id).toBe(w.a.me.user.id);
    expect(rows[0]!.meta['count']).toBe((res.body as unknown[]).length);
    expect((res.body as unknown[]).length).toBeGreaterThan(0);
    // A therapist may not read the mailbox: 403 and no trace.
    expect((await w.t1.caller.get('/api/mailbox')).status).toBe(403);
    expect(await events(w.a.me.practice.id, 'mailbox.read')).toHaveLength(1);
  });

  it('GET /api/invitations records invitation.list for admins and therapists', async () => {
    await w.a.caller.post('/api/invitations', {
      kind: 'member',
      email: `pending.${randomUUID().slice(0, 6)}@example.org`,
      displayName: 'Pat Pending',
      roles: ['therapist'],
    });
    const admin = await w.a.caller.get('/api/invitations');
    const therapist = await w.t1.caller.get('/api/invitations');
    expect(admin.status).toBe(200);
    expect(therapist.status).toBe(200);
    const rows = await events(w.a.me.practice.id, 'invitation.list');
    expect(rows.map((r) => [r.actor_user_id, r.meta['count']])).toEqual([
      [w.a.me.user.id, admin.body.items.length],
      [w.t1.me.user.id, therapist.body.items.length],
    ]);
    expect(admin.body.items.length).toBeGreaterThan(0);
    expect((await w.clientA.caller.get('/api/invitations')).status).toBe(403);
  });
});
