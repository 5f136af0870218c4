import { PERFECTIONISM_PATTERNS_CHECK, score } from '@attune/shared';
import type pg from 'pg';
import { hashToken, newToken } from '../auth/tokens.js';

/**
 * A practice of realistic size for the benches and the query-plan test, written straight in SQL
 * (seconds, not minutes): one therapist (also the admin) whose caseload is every client, four
 * more therapists whose calendars fill the working week, screenings spread over two years (a
 * few hundred in the last fortnight), open and acknowledged alerts, readings, two years of past
 * sessions and eight weeks ahead, weekly hours, and a signed-in session. A neighbour practice of
 * the same size makes "this practice's rows" a real filter for the planner. Needs the built-in
 * instruments and modules (the app adds them when it starts).
 */
export interface SizeOptions {
  clients: number;
  screenings: number;
  /** Another practice with the same amount of data (default true). */
  neighbour?: boolean;
  zone?: string;
}

export interface SeededPractice {
  practiceId: string;
  /** The therapist (and admin) whose caseload is every client. */
  therapistId: string;
  therapistUserId: string;
  /** The cookie value of a live session of that therapist. */
  sessionToken: string;
  clientIds: string[];
  typeId: string;
  zone: string;
}

const ALL_THERAPISTS = 5;

export async function seedAtSize(db: pg.ClientBase, opts: SizeOptions): Promise<SeededPractice> {
  const main = await seedPractice(db, opts, 'bench');
  if (opts.neighbour ?? true) await seedPractice(db, opts, 'neighbour');
  // Fresh statistics, so the planner sees the sizes the benches measure at.
  await db.query('ANALYZE');
  return main;
}

async function one<T>(db: pg.ClientBase, sql: string, values: unknown[] = []): Promise<T> {
  const { rows } = await db.query<T & pg.QueryResultRow>(sql, values);
  return rows[0] as T;
}

async function seedPractice(
  db: pg.ClientBase,
  opts: SizeOptions,
  label: string,
): Promise<SeededPractice> {
  const zone = opts.zone ?? 'America/New_York';
  const tag = `${label}-${newToken().slice(0, 8).toLowerCase()}`;
  const { id: practiceId } = await one<{ id: string }>(
    db,
    `INSERT INTO practices (name, time_zone) VALUES ($1, $2) RETURNING id`,
    [`Practice ${tag}`, zone],
  );
  // Five therapists; the first is also the admin and holds every client.
  const { rows: therapists } = await db.query<{ member_id: string; user_id: string }>(
    `WITH u AS (
       INSERT INTO users (email, password_hash, display_name)
       SELECT 'therapist' || g || '.' || $2 || '@example.org', 'not-a-hash', 'Therapist ' || g
         FROM generate_series(1, $3::int) g RETURNING id, display_name)
     INSERT INTO memberships (practice_id, user_id, roles)
     SELECT $1, u.id, CASE WHEN u.display_name = 'Therapist 1' THEN ARRAY['admin','therapist']
                           ELSE ARRAY['therapist'] END FROM u
     RETURNING id AS member_id, user_id`,
    [practiceId, tag, ALL_THERAPISTS],
  );
  const lead = await one<{ member_id: string; user_id: string }>(
    db,
    `SELECT m.id AS member_id, m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.practice_id = $1 AND u.display_name = 'Therapist 1'`,
    [practiceId],
  );
  const { rows: clients } = await db.query<{ id: string }>(
    `INSERT INTO clients (practice_id, first_name, last_name, email, primary_therapist_id, status, closed_at)
     SELECT $1, 'First' || g, 'Last' || lpad(g::text, 5, '0'), 'client' || g || '.' || $3 || '@example.org', $2,
            CASE WHEN g % 25 = 0 THEN 'inactive' ELSE 'active' END,
            CASE WHEN g % 25 = 0 THEN now() - interval '90 days' END
       FROM generate_series(1, $4::int) g ORDER BY g RETURNING id`,
    [practiceId, lead.member_id, tag, opts.clients],
  );
  const clientIds = clients.map((c) => c.id);

  // Screenings: mostly submitted, spread evenly over two years (newest first by index), plus a
  // tenth still to answer and a few withdrawn.
  const instrument = await one<{ id: string } | undefined>(
    db,
    `SELECT id FROM instruments WHERE practice_id IS NULL AND key = $1 ORDER BY version DESC LIMIT 1`,
    [PERFECTIONISM_PATTERNS_CHECK.key],
  );
  if (!instrument) throw new Error('seedAtSize: start the app once first (built-in instruments)');
  const result = score(PERFECTIONISM_PATTERNS_CHECK, {});
  await db.query(
    `INSERT INTO screenings (practice_id, client_id, instrument_id, assigned_by_user_id, status, answers,
                             result, engine_version, submitted_at, submitted_by_user_id, created_at, updated_at)
     SELECT $1, c.ids[1 + g % array_length(c.ids, 1)], $2, $3, 'submitted', '{}', $4::jsonb, $5,
            now() - (g * interval '730 days' / $6::int), $3,
            now() - (g * interval '730 days' / $6::int) - interval '2 days',
            now() - (g * interval '730 days' / $6::int)
       FROM generate_series(1, $6::int) g, (SELECT $7::uuid[] AS ids) c`,
    [
      practiceId,
      instrument.id,
      lead.user_id,
      JSON.stringify(result),
      result.engineVersion,
      opts.screenings,
      clientIds,
    ],
  );
  await db.query(
    `INSERT INTO screenings (practice_id, client_id, instrument_id, assigned_by_user_id, status, created_at)
     SELECT $1, c.ids[1 + g % array_length(c.ids, 1)], $2, $3,
            (ARRAY['assigned','in_progress','cancelled'])[1 + g % 3], now() - g * interval '1 hour'
       FROM generate_series(1, $4::int) g, (SELECT $5::uuid[] AS ids) c`,
    [practiceId, instrument.id, lead.user_id, Math.ceil(opts.screenings / 10), clientIds],
  );
  // Alerts on one submitted screening in fifty; the older ones acknowledged.
  await db.query(
    `INSERT INTO alerts (practice_id, client_id, screening_id, link_id, level, answer_rank, reason, message,
                         raised_from, created_at, acknowledged_at, acknowledged_by_user_id, acknowledgement_note)
     SELECT s.practice_id, s.client_id, s.id, 'safety', (ARRAY['immediate','urgent','check-in'])[1 + s.n % 3],
            1, 'answered', 'A safety answer needs a look.', 'submission', s.submitted_at,
            CASE WHEN s.n > 150 THEN s.submitted_at + interval '1 hour' END,
            CASE WHEN s.n > 150 THEN $2::uuid END,
            CASE WHEN s.n > 150 THEN 'Called the client.' END
       FROM (SELECT id, practice_id, client_id, submitted_at,
                    row_number() OVER (ORDER BY submitted_at DESC) AS n
               FROM screenings WHERE practice_id = $1 AND status = 'submitted') s
      WHERE s.n % 50 = 1`,
    [practiceId, lead.user_id],
  );
  // Five readings per client.
  await db.query(
    `INSERT INTO module_assignments (practice_id, client_id, module_id, assigned_by_user_id, position, status)
     SELECT $1, c.id, m.id, $2, m.n, CASE WHEN m.n = 1 THEN 'completed' ELSE 'assigned' END
       FROM unnest($3::uuid[]) c(id),
            (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM modules WHERE practice_id IS NULL
              ORDER BY slug LIMIT 5) m`,
    [practiceId, lead.user_id, clientIds],
  );

  const { id: typeId } = await one<{ id: string }>(
    db,
    `INSERT INTO appointment_types (practice_id, name, duration_minutes, kind, is_default)
     VALUES ($1, 'Session', 50, 'ongoing', true) RETURNING id`,
    [practiceId],
  );
  // Weekly hours (Monday to Friday, 9 to 5) and an hourly calendar of 50-minute sessions for
  // every therapist, two years back and eight weeks ahead (a third of the hours ahead still
  // free); one in twenty cancelled.
  await db.query(
    `INSERT INTO availability_rules (practice_id, therapist_id, time_zone, weekday, start_time, end_time)
     SELECT $1, t.id, $2, d, '09:00', '17:00' FROM unnest($3::uuid[]) t(id), generate_series(1, 5) d`,
    [practiceId, zone, therapists.map((t) => t.member_id)],
  );
  await db.query(
    `INSERT INTO appointments (practice_id, therapist_id, client_id, type_id, starts_at, ends_at, status,
                               booked_by_user_id, created_at)
     SELECT $1, t.id, c.ids[1 + (s.n * $6::int + t.i) % array_length(c.ids, 1)], $2, s.at, s.at + interval '50 minutes',
            CASE WHEN s.n % 20 = 0 THEN 'cancelled' WHEN s.at < now() THEN 'completed' ELSE 'booked' END,
            $4, s.at - interval '7 days'
       FROM (SELECT ((d::date + make_time(h, 0, 0)) AT TIME ZONE $5) AS at,
                    row_number() OVER (ORDER BY d, h) AS n
               FROM generate_series(current_date - 730, current_date + 56, interval '1 day') d,
                    generate_series(9, 16) h
              WHERE extract(isodow FROM d) < 6 AND (d < current_date OR h % 3 <> 0)) s,
            unnest($3::uuid[]) WITH ORDINALITY t(id, i),
            (SELECT $7::uuid[] AS ids) c`,
    [
      practiceId,
      typeId,
      therapists.map((t) => t.member_id),
      lead.user_id,
      zone,
      ALL_THERAPISTS,
      clientIds,
    ],
  );
  await db.query(
    `INSERT INTO time_off (practice_id, therapist_id, starts_at, ends_at, reason)
     SELECT $1, $2, now() + g * interval '30 days', now() + g * interval '30 days' + interval '1 day', 'Away'
       FROM generate_series(-24, 2) g`,
    [practiceId, lead.member_id],
  );

  // The lead's live session, among many expired and revoked ones of everybody.
  const sessionToken = newToken();
  await db.query(
    `INSERT INTO auth_sessions (user_id, token_hash, last_seen_at, expires_at)
     VALUES ($1, $2, now(), now() + interval '12 hours')`,
    [lead.user_id, hashToken(sessionToken)],
  );
  await db.query(
    `INSERT INTO auth_sessions (user_id, token_hash, created_at, last_seen_at, expires_at, revoked_at)
     SELECT t.user_id, sha256(convert_to(g || t.user_id::text, 'UTF8')), now() - g * interval '1 day',
            now() - g * interval '1 day', now() - g * interval '1 day' + interval '12 hours',
            CASE WHEN g % 2 = 0 THEN now() - g * interval '1 day' END
       FROM generate_series(1, 400) g, unnest($1::uuid[]) t(user_id)`,
    [therapists.map((t) => t.user_id)],
  );
  return {
    practiceId,
    therapistId: lead.member_id,
    therapistUserId: lead.user_id,
    sessionToken,
    clientIds,
    typeId,
    zone,
  };
}
