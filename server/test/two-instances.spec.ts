import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppointmentTypeView, MeResponse } from '@attune/shared';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrateAndGrant } from '../src/database/migrate.js';
import type { MailEnvelope, MailTransport } from '../src/notifications/mail-transport.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { OutboxRepository } from '../src/notifications/outbox.repository.js';
import { PeriodicJobs } from '../src/notifications/periodic-jobs.service.js';
import { DAY_AHEAD_REMINDERS } from '../src/scheduling/appointments.service.js';
import { asOwner, bootApp, db, PASSWORD, testUrls, uniqueEmail } from './harness.js';

// Several app instances on one Postgres, as behind a load balancer: two Nest apps in this
// process, each with its own pool, listening on its own port, and nothing shared between them
// but the database (and SESSION_SECRET, as in production).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A mail transport that counts what it is handed, by outbox row, and takes a moment per send. */
class CountingTransport implements MailTransport {
  readonly sendTimeoutMs = 1_000;
  readonly delivered = new Map<string, number>();
  constructor(readonly name: string) {}
  async send(mail: MailEnvelope): Promise<void> {
    await sleep(1);
    const id = /^<([0-9a-f-]{36})@/.exec(mail.messageId)![1]!;
    this.delivered.set(id, (this.delivered.get(id) ?? 0) + 1);
  }
}

/**
 * A browser behind a round-robin load balancer: one cookie jar, each request to the next
 * instance (or the one named), echoing the XSRF cookie in the header as Angular does.
 */
class Browser {
  private readonly cookies = new Map<string, string>();
  private next = 0;
  constructor(private readonly bases: string[]) {}

  async req(method: string, path: string, body?: unknown, via?: number, headers = {}) {
    const base = this.bases[via ?? this.next++ % this.bases.length]!;
    const res = await fetch(base + path, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-xsrf-token': this.cookies.get('XSRF-TOKEN') ?? '',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      const [k, v] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (v === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  }
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
  get(path: string, via?: number) {
    return this.req('GET', path, undefined, via);
  }
  post(path: string, body: unknown = {}, via?: number, headers = {}) {
    return this.req('POST', path, body, via, headers);
  }
  put(path: string, body: unknown, via?: number) {
    return this.req('PUT', path, body, via);
  }
}

describe('two app instances on one Postgres', () => {
  let a: NestFastifyApplication;
  let b: NestFastifyApplication;
  let bases: string[];
  const ta = new CountingTransport('test-a');
  const tb = new CountingTransport('test-b');

  beforeAll(async () => {
    [a, b] = await Promise.all([
      bootApp({}, { mailTransport: ta }),
      bootApp({}, { mailTransport: tb }),
    ]);
    await Promise.all([a.listen(0, '127.0.0.1'), b.listen(0, '127.0.0.1')]);
    bases = [await a.getUrl(), await b.getUrl()];
    expect(bases[0]).not.toBe(bases[1]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  /** A practice whose admin is also a therapist, signed in through the load balancer. */
  async function practice(): Promise<{ admin: Browser; me: MeResponse }> {
    const admin = new Browser(bases);
    await admin.get('/api/health');
    const email = uniqueEmail('admin');
    const created = await admin.post('/api/practices', {
      practiceName: `Scaled ${randomUUID().slice(0, 6)}`,
      timeZone: 'UTC',
      adminEmail: email,
      adminDisplayName: 'Sky Scale',
      adminPassword: PASSWORD,
      adminIsTherapist: true,
    });
    expect(created.status).toBe(202);
    const signedIn = await admin.post('/api/auth/login', { email, password: PASSWORD });
    expect(signedIn.status).toBe(200);
    return { admin, me: signedIn.body as MeResponse };
  }

  it('a session made on one instance works on the other, and signing out on one ends it on both', async () => {
    const browser = new Browser(bases);
    await browser.get('/api/health', 0);
    const email = uniqueEmail('admin');
    expect(
      (
        await browser.post(
          '/api/practices',
          {
            practiceName: 'Two Doors',
            timeZone: 'UTC',
            adminEmail: email,
            adminDisplayName: 'Dee Door',
            adminPassword: PASSWORD,
          },
          0,
        )
      ).status,
    ).toBe(202);
    const login = await browser.post('/api/auth/login', { email, password: PASSWORD }, 0);
    expect(login.status).toBe(200);
    // Read on B with A's cookie; write on B with the XSRF token A issued (one SESSION_SECRET).
    const me = await browser.get('/api/auth/me', 1);
    expect(me.status).toBe(200);
    expect((me.body as MeResponse).user.email).toBe(email);
    const client = await browser.post(
      '/api/clients',
      { firstName: 'Robin', lastName: 'Both', email: uniqueEmail('client') },
      1,
    );
    expect(client.status).toBe(201);
    expect(
      (await browser.get(`/api/clients/${(client.body as { id: string }).id}`, 0)).status,
    ).toBe(200);
    const cookie = browser.cookie('attune_session');
    expect(cookie).toBeTruthy();
    expect((await browser.post('/api/auth/logout', {}, 1)).status).toBeLessThan(300);
    // The old cookie, replayed on A, is refused at once: no instance remembered it.
    const replay = await fetch(`${bases[0]}/api/auth/me`, {
      headers: { cookie: `attune_session=${cookie}` },
    });
    expect(replay.status).toBe(401);
  });

  it('a revoked session cookie is refused by every instance', async () => {
    const { admin } = await practice();
    const session = await db(a).query<{ id: string }[]>(
      `SELECT s.id FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.revoked_at IS NULL ORDER BY s.created_at DESC LIMIT 1`,
    );
    expect((await admin.get('/api/auth/me', 0)).status).toBe(200);
    expect((await admin.get('/api/auth/me', 1)).status).toBe(200);
    await db(a).query(`UPDATE auth_sessions SET revoked_at = now() WHERE id = $1`, [
      session[0]!.id,
    ]);
    expect((await admin.get('/api/auth/me', 0)).status).toBe(401);
    expect((await admin.get('/api/auth/me', 1)).status).toBe(401);
  });

  it('sign-in throttling counts attempts across both instances against one limit', async () => {
    const { me } = await practice();
    const email = me.user.email;
    const stranger = new Browser(bases);
    await stranger.get('/api/health');
    // 20 parallel wrong passwords, alternating between the instances: per-process counting
    // would let 5 through on each (10); Postgres lets exactly 5 through in all.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stranger.post('/api/auth/login', { email, password: `wrong-${i}` }, i % 2),
      ),
    );
    const tally = answers.reduce<Record<number, number>>(
      (t, r) => ({ ...t, [r.status]: (t[r.status] ?? 0) + 1 }),
      {},
    );
    console.log(`wrong passwords split over two instances: ${JSON.stringify(tally)}`);
    expect(tally).toEqual({ 401: 5, 429: 15 });
    // Even the right password waits now, on either instance.
    expect((await stranger.post('/api/auth/login', { email, password: PASSWORD }, 1)).status).toBe(
      429,
    );
  });

  it('an Idempotency-Key retried on the other instance gets the same booking', async () => {
    const { admin, me } = await practice();
    const therapistId = me.memberId!;
    await admin.put(`/api/therapists/${therapistId}/availability`, {
      timeZone: 'UTC',
      rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
    });
    const types = (await admin.get('/api/appointment-types')).body as AppointmentTypeView[];
    const client = (await admin.post('/api/clients', { firstName: 'Ida', lastName: 'Empotent' }))
      .body as { id: string };
    const startsAt = new Date(Date.now() + 40 * 86_400_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const body = {
      therapistId,
      clientId: client.id,
      typeId: types.find((t) => t.kind === 'ongoing')!.id,
      startsAt: startsAt.toISOString(),
    };
    const key = randomUUID();
    const [x, y] = await Promise.all([
      admin.post('/api/appointments', body, 0, { 'idempotency-key': key }),
      admin.post('/api/appointments', body, 1, { 'idempotency-key': key }),
    ]);
    expect([x.status, y.status]).toEqual([201, 201]);
    expect((x.body as { id: string }).id).toBe((y.body as { id: string }).id);
    const [row] = await db(b).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM appointments WHERE client_id = $1`,
      [client.id],
    );
    expect(row?.n).toBe(1);
  });

  /** Queues `count` messages of a kind of their own, due long ago (so they are claimed first). */
  async function queue(kind: string, count: number): Promise<string[]> {
    const mails = Array.from({ length: count }, (_, i) => ({
      practiceId: null,
      kind,
      to: `bulk-${i}@example.org`,
      subject: `Bulk ${i}`,
      text: 'Hello',
      runAfter: new Date('2000-01-01T00:00:00Z'),
    }));
    expect(await a.get(NotificationsService).enqueueMany(mails)).toBe(count);
    const rows = await db(a).query<{ id: string }[]>(
      `SELECT id FROM outbox_messages WHERE kind = $1`,
      [kind],
    );
    return rows.map((r) => r.id);
  }

  const deliveries = (ids: string[]) =>
    ids.map((id) => (ta.delivered.get(id) ?? 0) + (tb.delivered.get(id) ?? 0));
  const sentBy = (t: CountingTransport, ids: string[]) =>
    ids.filter((id) => t.delivered.has(id)).length;
  /** Runs a sender until it finds nothing due. */
  async function drain(app: NestFastifyApplication): Promise<void> {
    const sender = app.get(NotificationsService);
    while ((await sender.runOnce(10)) > 0);
  }

  it('200 queued messages, both senders running at once: each is sent exactly once', async () => {
    const ids = await queue(`test.bulk.${randomUUID()}`, 200);
    await Promise.all([drain(a), drain(b)]);
    const counts = deliveries(ids);
    console.log(
      `200 messages, two senders: instance A sent ${sentBy(ta, ids)}, B sent ${sentBy(tb, ids)}`,
    );
    expect(counts.filter((c) => c !== 1)).toEqual([]);
    expect(sentBy(ta, ids) + sentBy(tb, ids)).toBe(200);
    // Both really took part.
    expect(sentBy(ta, ids)).toBeGreaterThan(0);
    expect(sentBy(tb, ids)).toBeGreaterThan(0);
    const rows = await db(a).query<{ status: string; attempts: number; transport: string }[]>(
      `SELECT status, attempts, transport FROM outbox_messages WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(new Set(rows.map((r) => `${r.status}/${r.attempts}`))).toEqual(new Set(['sent/1']));
    expect(rows.filter((r) => r.transport === 'test-a')).toHaveLength(sentBy(ta, ids));
  });

  it('a sender killed mid-batch leaves its rows to the others once its lease runs out', async () => {
    const ids = await queue(`test.killed.${randomUUID()}`, 20);
    const LEASE_MS = 3000;
    // A third instance claims the batch and dies before sending or marking anything.
    const doomed = await bootApp();
    const token = randomUUID();
    const claimed = await doomed.get(OutboxRepository).claim(20, LEASE_MS, token);
    const leaseEnds = Date.now() + LEASE_MS;
    await doomed.close();
    expect(claimed.map((r) => r.id).sort()).toEqual([...ids].sort());

    // While the lease holds, the living senders pass those rows over.
    await Promise.all([drain(a), drain(b)]);
    expect(Date.now()).toBeLessThan(leaseEnds);
    expect(deliveries(ids)).toEqual(ids.map(() => 0));

    // After it, they send each one once; the dead sender's lease no longer counts.
    await sleep(leaseEnds - Date.now() + 100);
    await Promise.all([drain(a), drain(b)]);
    expect(deliveries(ids)).toEqual(ids.map(() => 1));
    const rows = await db(a).query<{ status: string; attempts: number; lease_token: string }[]>(
      `SELECT status, attempts, lease_token FROM outbox_messages WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows.map((r) => [r.status, r.attempts, r.lease_token])).toEqual(
      ids.map(() => ['sent', 2, null]),
    );
    // Had it only stalled, its late "sent" would change nothing.
    expect(await a.get(OutboxRepository).sent(ids[0]!, token, 'late')).toBe(false);
  });

  it('the senders on their timers (OUTBOX_INTERVAL_MS) also send each message once', async () => {
    const t1 = new CountingTransport('timer-1');
    const t2 = new CountingTransport('timer-2');
    const [s1, s2] = await Promise.all([
      bootApp({ outboxIntervalMs: 20 }, { mailTransport: t1 }),
      bootApp({ outboxIntervalMs: 20 }, { mailTransport: t2 }),
    ]);
    try {
      const ids = await queue(`test.timers.${randomUUID()}`, 60);
      const deadline = Date.now() + 20_000;
      const done = () => ids.every((id) => t1.delivered.has(id) || t2.delivered.has(id));
      while (!done() && Date.now() < deadline) await sleep(50);
      await sleep(200); // a duplicate would show up now
      expect(ids.map((id) => (t1.delivered.get(id) ?? 0) + (t2.delivered.get(id) ?? 0))).toEqual(
        ids.map(() => 1),
      );
    } finally {
      await Promise.all([s1.close(), s2.close()]);
    }
  });

  it("a day's reminders are queued once when both instances run the job at the same moment", async () => {
    const { admin, me } = await practice();
    const therapistId = me.memberId!;
    await admin.put(`/api/therapists/${therapistId}/availability`, {
      timeZone: 'UTC',
      rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
    });
    const types = (await admin.get('/api/appointment-types')).body as AppointmentTypeView[];
    const typeId = types.find((t) => t.kind === 'ongoing')!.id;
    // Tomorrow's sessions as seen from `at`, a day far ahead no other test books.
    const first = new Date(Date.now() + (200 + Math.floor(Math.random() * 300)) * 86_400_000);
    first.setUTCHours(3, 0, 0, 0);
    const appointmentIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const client = (
        await admin.post('/api/clients', {
          firstName: `Rem${i}`,
          lastName: 'Inder',
          email: uniqueEmail('remind'),
        })
      ).body as { id: string };
      const booked = await admin.post('/api/appointments', {
        therapistId,
        clientId: client.id,
        typeId,
        startsAt: new Date(first.getTime() + i * 3_600_000).toISOString(),
      });
      expect(booked.status).toBe(201);
      appointmentIds.push((booked.body as { id: string }).id);
    }
    const at = new Date(first.getTime() - 21 * 3_600_000);

    const [byA, byB] = await Promise.all([
      a.get(PeriodicJobs).runDue(at),
      b.get(PeriodicJobs).runDue(at),
    ]);
    const ran = [...byA, ...byB].filter((o) => o.job === DAY_AHEAD_REMINDERS);
    const names = (os: { job: string }[]) => os.map((o) => o.job).join(', ') || 'nothing';
    console.log(`jobs run at one moment: A ran ${names(byA)}; B ran ${names(byB)}`);
    expect(ran).toHaveLength(1);
    expect(ran[0]!.items).toBe(5);
    const reminders = () =>
      db(a).query<{ appointment_id: string; n: number; run_after: Date }[]>(
        `SELECT payload->>'appointmentId' AS appointment_id, count(*)::int AS n, min(run_after) AS run_after
           FROM outbox_messages WHERE kind = 'appointment.reminder'
            AND payload->>'appointmentId' = ANY($1::text[])
          GROUP BY 1 ORDER BY 3`,
        [appointmentIds],
      );
    const queued = await reminders();
    expect(queued.map((r) => [r.appointment_id, r.n])).toEqual(appointmentIds.map((id) => [id, 1]));
    expect(queued[0]!.run_after.toISOString()).toBe(
      new Date(first.getTime() - 24 * 3_600_000).toISOString(),
    );
    const periodStart = new Date(at);
    periodStart.setUTCMinutes(0, 0, 0);
    const runs = await db(a).query<{ period_start: Date; items: number }[]>(
      `SELECT period_start, items FROM job_runs WHERE job = $1 AND period_start = $2`,
      [DAY_AHEAD_REMINDERS, periodStart],
    );
    expect(runs.map((r) => [r.period_start.toISOString(), r.items])).toEqual([
      [periodStart.toISOString(), 5],
    ]);

    // The same hour again, on either: nothing runs. The next hour runs, and finds nothing new.
    const again = await Promise.all([
      a.get(PeriodicJobs).runDue(at),
      b.get(PeriodicJobs).runDue(at),
    ]);
    expect(again.flat().filter((o) => o.job === DAY_AHEAD_REMINDERS)).toEqual([]);
    const nextHour = new Date(at.getTime() + 3_600_000);
    const later = (
      await Promise.all([
        a.get(PeriodicJobs).runDue(nextHour),
        b.get(PeriodicJobs).runDue(nextHour),
      ])
    )
      .flat()
      .filter((o) => o.job === DAY_AHEAD_REMINDERS);
    expect(later.map((o) => o.items)).toEqual([0]);
    expect((await reminders()).map((r) => r.n)).toEqual([1, 1, 1, 1, 1]);
  });

  it('a job registered through the outbox runs once per period of its own length', async () => {
    // As a feature that queues mail on a schedule registers it (weekly reminders): the same name
    // on every instance, a 15-minute period counted from the epoch, its own transactions.
    const calls: string[] = [];
    const name = `test.sweep-${randomUUID().slice(0, 8)}`;
    a.get(NotificationsService).periodically(name, 15 * 60_000, (now) => {
      calls.push(`A ${now.toISOString()}`);
      return Promise.resolve(3);
    });
    b.get(NotificationsService).periodically(name, 15 * 60_000, (now) => {
      calls.push(`B ${now.toISOString()}`);
      return Promise.resolve(3);
    });
    const base = Date.UTC(2031, 4, 6, 10, 0, 0);
    const runAt = async (ms: number) =>
      (await Promise.all([a, b].map((x) => x.get(PeriodicJobs).runDue(new Date(ms)))))
        .flat()
        .filter((o) => o.job === name);
    // 10:07 and 10:14 fall in one period; 10:15 starts the next.
    const first = await runAt(base + 7 * 60_000);
    expect(first.map((o) => [o.periodStart.toISOString(), o.items])).toEqual([
      ['2031-05-06T10:00:00.000Z', 3],
    ]);
    expect(await runAt(base + 14 * 60_000)).toEqual([]);
    const next = await runAt(base + 15 * 60_000);
    expect(next.map((o) => o.periodStart.toISOString())).toEqual(['2031-05-06T10:15:00.000Z']);
    expect(calls.map((c) => c.slice(2))).toEqual([
      '2031-05-06T10:07:00.000Z',
      '2031-05-06T10:15:00.000Z',
    ]);
  });
});

describe('migrations when several instances start together', () => {
  it('two concurrent migrate runs on a fresh database apply each migration once', async () => {
    const { url, ownerUrl } = testUrls();
    const name = `attune_fresh_${randomUUID().slice(0, 8)}`;
    await asOwner((c) => c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
    const on = (u: string) => {
      const x = new URL(u);
      x.pathname = `/${name}`;
      return x.toString();
    };
    try {
      const fresh = { url: on(url), ownerUrl: on(ownerUrl) };
      const logs: string[][] = [[], []];
      await Promise.all(logs.map((log) => migrateAndGrant(fresh, (m) => log.push(m))));
      const applied = logs.map((l) => l.filter((m) => m.startsWith('Applied migration')).length);
      console.log(`two concurrent migrate runs applied ${applied.join(' and ')} migrations`);
      // One did all the work; the other waited for the lock and found nothing to do.
      expect([...applied].sort((p, q) => p - q)[0]).toBe(0);
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      try {
        const rows = await c.query<{ name: string; n: number }>(
          'SELECT name, count(*)::int AS n FROM migrations GROUP BY name',
        );
        expect(rows.rows.length).toBe(Math.max(...applied));
        expect(rows.rows.every((r) => r.n === 1)).toBe(true);
        // And the app's role got its grants (it can read a table the migrations made).
        expect((await c.query('SELECT count(*) FROM job_runs')).rowCount).toBe(1);
      } finally {
        await c.end();
      }
    } finally {
      await asOwner((c) => c.query(`DROP DATABASE ${pg.escapeIdentifier(name)} WITH (FORCE)`));
    }
  });
});
