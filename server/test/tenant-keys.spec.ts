import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bootApp, db, twoPractices } from './harness.js';

// Postgres itself keeps a row's practice and its client's (or therapist's) practice the same,
// whatever the code above it does: checked as the app's own role.
describe('composite tenant keys', () => {
  let app: NestFastifyApplication;
  let w: Awaited<ReturnType<typeof twoPractices>>;
  beforeAll(async () => {
    app = await bootApp();
    w = await twoPractices(app);
  });
  afterAll(() => app.close());

  it('every client-owned table and therapist reference has its composite key', async () => {
    const rows = await db(app).query<{ conname: string; def: string }[]>(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'f' AND conname LIKE '%\\_fk' ORDER BY conname`,
    );
    expect(rows.map((r) => r.conname)).toEqual([
      'alerts_client_fk',
      'appointments_client_fk',
      'appointments_therapist_fk',
      'availability_rules_therapist_fk',
      'calendar_feeds_therapist_fk',
      'invitations_client_fk',
      'module_assignments_client_fk',
      'reflections_client_fk',
      'screenings_client_fk',
      'time_off_therapist_fk',
    ]);
    for (const r of rows)
      expect(r.def).toMatch(
        /^FOREIGN KEY \((client|therapist)_id, practice_id\) REFERENCES (clients|memberships)\(id, practice_id\)/,
      );
  });

  it('refuses, as the app role, a screening whose practice is not its client’s', async () => {
    const [instrument] = await db(app).query<[{ id: string }]>(
      `SELECT id FROM instruments WHERE practice_id IS NULL LIMIT 1`,
    );
    const insert = (practiceId: string) =>
      db(app).query(
        `INSERT INTO screenings (practice_id, client_id, instrument_id, assigned_by_user_id)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [practiceId, w.clientA.clientId, instrument.id, w.a.me.user.id],
      );
    await expect(insert(w.b.me.practice.id)).rejects.toThrow(/screenings_client_fk/);
    // The same row in the client's own practice is fine (a positive control).
    await expect(insert(w.a.me.practice.id)).resolves.toHaveLength(1);
  });

  it('refuses time off for a therapist of another practice', async () => {
    await expect(
      db(app).query(
        `INSERT INTO time_off (practice_id, therapist_id, starts_at, ends_at)
         VALUES ($1, $2, now(), now() + interval '1 hour')`,
        [w.b.me.practice.id, w.t1.me.memberId],
      ),
    ).rejects.toThrow(/time_off_therapist_fk/);
  });

  it('refuses moving a client-owned row to another practice', async () => {
    const [row] = await db(app).query<[{ id: string }]>(
      `SELECT id FROM screenings WHERE client_id = $1 LIMIT 1`,
      [w.clientA.clientId],
    );
    await expect(
      db(app).query(`UPDATE screenings SET practice_id = $2 WHERE id = $1`, [
        row.id,
        w.b.me.practice.id,
      ]),
    ).rejects.toThrow(/screenings_client_fk/);
  });
});
