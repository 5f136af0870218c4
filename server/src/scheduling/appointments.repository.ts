import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppointmentView } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '../common/access/access.policy.js';
import type { RowSource } from '../database/read-snapshot.js';
import { LONGEST_SESSION } from './availability.repository.js';

export interface AppointmentRow {
  id: string;
  practice_id: string;
  therapist_id: string;
  therapist_name: string;
  therapist_email: string;
  client_id: string;
  client_first: string;
  client_last: string;
  client_preferred: string | null;
  client_email: string | null;
  type_id: string;
  type_name: string;
  duration_minutes: number;
  starts_at: Date;
  ends_at: Date;
  status: AppointmentView['status'];
  cancel_reason: string | null;
  cancelled_at: Date | null;
  late_cancel: boolean;
  override_reason: string | null;
  booked_by_client: boolean;
  change_request_kind: 'reschedule' | 'cancel' | null;
  change_request_note: string | null;
  change_requested_at: Date | null;
  version: number;
  practice_zone: string;
  practice_name: string;
  cancellation_window_hours: number;
}

const SELECT = `SELECT a.id, a.practice_id, a.therapist_id, tu.display_name AS therapist_name, tu.email AS therapist_email,
    a.client_id, c.first_name AS client_first, c.last_name AS client_last, c.preferred_name AS client_preferred,
    c.email AS client_email, a.type_id, t.name AS type_name, t.duration_minutes, a.starts_at, a.ends_at, a.status,
    a.cancel_reason, a.cancelled_at, a.late_cancel, a.override_reason, a.version,
    (c.user_id IS NOT NULL AND a.booked_by_user_id = c.user_id) AS booked_by_client,
    a.change_request_kind, a.change_request_note, a.change_requested_at,
    p.time_zone AS practice_zone, p.name AS practice_name, p.cancellation_window_hours
  FROM appointments a
  JOIN memberships tm ON tm.id = a.therapist_id JOIN users tu ON tu.id = tm.user_id
  JOIN clients c ON c.id = a.client_id
  JOIN appointment_types t ON t.id = a.type_id
  JOIN practices p ON p.id = a.practice_id`;

// Moving, cancelling or closing a session answers any change the client asked for.
const CLEAR_REQUEST =
  'change_request_kind = NULL, change_request_note = NULL, change_requested_at = NULL';

export const clientName = (
  r: Pick<AppointmentRow, 'client_first' | 'client_last' | 'client_preferred'>,
) => `${r.client_preferred || r.client_first} ${r.client_last}`;

/** What `toView` reads of a row (the calendar's rows carry these too). */
export type AppointmentViewRow = Omit<
  AppointmentRow,
  | 'practice_id'
  | 'therapist_email'
  | 'client_email'
  | 'practice_zone'
  | 'practice_name'
  | 'cancellation_window_hours'
>;

export function toView(r: AppointmentViewRow): AppointmentView {
  return {
    id: r.id,
    therapist: { id: r.therapist_id, displayName: r.therapist_name },
    client: { id: r.client_id, displayName: clientName(r) },
    type: { id: r.type_id, name: r.type_name, durationMinutes: r.duration_minutes },
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: r.status,
    cancelReason: r.cancel_reason,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    lateCancel: r.late_cancel,
    overrideReason: r.override_reason,
    bookedByClient: r.booked_by_client,
    changeRequest:
      r.change_request_kind && r.change_requested_at
        ? {
            kind: r.change_request_kind,
            note: r.change_request_note,
            requestedAt: r.change_requested_at.toISOString(),
          }
        : null,
    version: r.version,
  };
}

/** The appointments and calendar_feeds tables. */
@Injectable()
export class AppointmentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The scope's sessions overlapping [from, to), in order: one query (bounded below, see busy). */
  list(
    s: Scope,
    q: {
      from: Date;
      to: Date;
      includeCancelled: boolean;
      therapistId: string | null;
      clientId: string | null;
    },
  ): Promise<AppointmentRow[]> {
    return this.ds.query<AppointmentRow[]>(
      `${SELECT} WHERE a.practice_id = $1 AND a.starts_at < $3 AND a.ends_at > $2
          AND a.starts_at > $2::timestamptz - ${LONGEST_SESSION}
          AND ($4 OR a.status <> 'cancelled')
          AND ($5::uuid IS NULL OR a.therapist_id = $5) AND ($6::uuid IS NULL OR a.client_id = $6)
          AND ($7::uuid IS NULL OR a.therapist_id = $7) AND ($8::uuid IS NULL OR a.client_id = $8)
        ORDER BY a.starts_at, a.id LIMIT 2000`,
      [
        s.practiceId,
        q.from,
        q.to,
        q.includeCancelled,
        s.therapistId,
        s.clientId,
        q.therapistId,
        q.clientId,
      ],
    );
  }

  /**
   * A therapist's sessions that start in [from, to) and were not cancelled, in time order, each
   * saying whether its client is on that therapist's caseload: one query (a therapist's day).
   */
  startingBetween(
    therapistId: string,
    practiceId: string,
    from: Date,
    to: Date,
  ): Promise<(AppointmentRow & { on_caseload: boolean })[]> {
    return this.ds.query<(AppointmentRow & { on_caseload: boolean })[]>(
      `${SELECT.replace('SELECT ', 'SELECT (c.primary_therapist_id IS NOT DISTINCT FROM a.therapist_id) AS on_caseload, ')}
        WHERE a.therapist_id = $1 AND a.practice_id = $2 AND a.status <> 'cancelled'
          AND a.starts_at >= $3 AND a.starts_at < $4
        ORDER BY a.starts_at, a.id LIMIT 200`,
      [therapistId, practiceId, from, to],
    );
  }

  /**
   * A client's last session that has ended (booked or completed: not a no-show or cancelled) and
   * the one now running or next booked, with anyone in the practice: one query.
   */
  async lastAndNext(
    clientId: string,
    practiceId: string,
    now: Date,
  ): Promise<{ last: AppointmentRow | null; next: AppointmentRow | null }> {
    const rows = await this.ds.query<(AppointmentRow & { which: 'last' | 'next' })[]>(
      `(${SELECT.replace('SELECT ', "SELECT 'last' AS which, ")}
         WHERE a.client_id = $1 AND a.practice_id = $2 AND a.status IN ('booked', 'completed')
           AND a.ends_at <= $3
         ORDER BY a.starts_at DESC LIMIT 1)
       UNION ALL
       (${SELECT.replace('SELECT ', "SELECT 'next' AS which, ")}
         WHERE a.client_id = $1 AND a.practice_id = $2 AND a.status = 'booked' AND a.ends_at > $3
         ORDER BY a.starts_at LIMIT 1)`,
      [clientId, practiceId, now],
    );
    return {
      last: rows.find((r) => r.which === 'last') ?? null,
      next: rows.find((r) => r.which === 'next') ?? null,
    };
  }

  /** One session (access already checked), optionally holding its row. */
  async row(id: string, m: EntityManager = this.ds.manager, lock = false) {
    const [row] = await m.query<AppointmentRow[]>(
      `${SELECT} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** A client's booked sessions still to come, in order, held until the transaction ends. */
  upcomingForClient(m: EntityManager, clientId: string): Promise<AppointmentRow[]> {
    return m.query<AppointmentRow[]>(
      `${SELECT} WHERE a.client_id = $1 AND a.status = 'booked' AND a.starts_at > now()
        ORDER BY a.starts_at, a.id FOR UPDATE OF a`,
      [clientId],
    );
  }

  /** Every session of a client, in order, streamed (a client's export): one statement. */
  forExport(src: RowSource, clientId: string): AsyncIterable<AppointmentRow> {
    return src.rows<AppointmentRow>(`${SELECT} WHERE a.client_id = $1 ORDER BY a.starts_at, a.id`, [
      clientId,
    ]);
  }

  /** The live session of a therapist or client that overlaps [start, end), except one. */
  async overlapping(
    by: 'therapist' | 'client',
    personId: string,
    start: Date,
    end: Date,
    except: string | null,
  ): Promise<AppointmentRow | null> {
    const [other] = await this.ds.query<AppointmentRow[]>(
      `${SELECT} WHERE a.${by === 'client' ? 'client_id' : 'therapist_id'} = $1 AND a.status <> 'cancelled'
         AND a.starts_at < $3 AND a.ends_at > $2 AND a.starts_at > $2::timestamptz - ${LONGEST_SESSION}
         AND a.id <> coalesce($4::uuid, '00000000-0000-0000-0000-000000000000')
       ORDER BY a.starts_at LIMIT 1`,
      [personId, start, end, except],
    );
    return other ?? null;
  }

  /** A booking this user made before with this key: its id and body hash. */
  async byIdempotencyKey(
    m: EntityManager,
    userId: string,
    key: string,
    practiceId: string,
  ): Promise<{ id: string; request_hash: string } | null> {
    const [prior] = await m.query<{ id: string; request_hash: string }[]>(
      `SELECT id, request_hash FROM appointments
        WHERE booked_by_user_id = $1 AND idempotency_key = $2 AND practice_id = $3`,
      [userId, key, practiceId],
    );
    return prior ?? null;
  }

  /**
   * Queues bookings that touch the same therapist or client, so that they meet the exclusion
   * constraints one after another (concurrent inserts into an exclusion constraint can deadlock).
   * Always in sorted order, so two bookings never hold one lock each and wait for the other.
   */
  async lockPeople(m: EntityManager, people: string[]): Promise<void> {
    const keys = [...new Set(people)].sort();
    for (const k of keys)
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`appointments:${k}`]);
  }

  async insert(
    m: EntityManager,
    a: {
      practiceId: string;
      therapistId: string;
      clientId: string;
      typeId: string;
      start: Date;
      end: Date;
      bookedBy: string;
      overrideReason: string | null;
      idempotencyKey: string | null;
      requestHash: string | null;
    },
  ): Promise<string> {
    const [row] = await m.query<[{ id: string }]>(
      `INSERT INTO appointments (practice_id, therapist_id, client_id, type_id, starts_at, ends_at, booked_by_user_id,
                                 override_reason, idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        a.practiceId,
        a.therapistId,
        a.clientId,
        a.typeId,
        a.start,
        a.end,
        a.bookedBy,
        a.overrideReason,
        a.idempotencyKey,
        a.requestHash,
      ],
    );
    return row.id;
  }

  async setStatus(m: EntityManager, id: string, status: string): Promise<void> {
    await m.query(
      `UPDATE appointments SET status = $2, ${CLEAR_REQUEST}, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, status],
    );
  }

  async move(
    m: EntityManager,
    id: string,
    to: {
      therapistId: string;
      typeId: string;
      start: Date;
      end: Date;
      overrideReason: string | null;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE appointments SET therapist_id = $2, type_id = $3, starts_at = $4, ends_at = $5, override_reason = $6,
              ${CLEAR_REQUEST}, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, to.therapistId, to.typeId, to.start, to.end, to.overrideReason],
    );
  }

  async cancel(m: EntityManager, id: string, reason: string, late: boolean): Promise<void> {
    await m.query(
      `UPDATE appointments SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), late_cancel = $3,
              ${CLEAR_REQUEST}, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, reason, late],
    );
  }

  /** Records the client's request to move or cancel (replacing an earlier one). */
  async setChangeRequest(
    m: EntityManager,
    id: string,
    kind: 'reschedule' | 'cancel',
    note: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE appointments SET change_request_kind = $2, change_request_note = $3, change_requested_at = now(),
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, kind, note],
    );
  }

  /** Staff marked the client's request handled. */
  async clearChangeRequest(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE appointments SET ${CLEAR_REQUEST}, version = version + 1, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /**
   * Booked sessions whose day-ahead reminder falls due within two hours of `now` (or fell due up
   * to four hours ago), still more than 20 hours away, that were booked or last moved more than
   * a day before they start (a session booked for tomorrow has just had its confirmation), and
   * whose client has an email address.
   */
  reminderCandidates(m: EntityManager, now: Date): Promise<AppointmentRow[]> {
    return m.query<AppointmentRow[]>(
      `${SELECT} WHERE a.status = 'booked'
          AND a.starts_at > $1::timestamptz + interval '20 hours'
          AND a.starts_at <= $1::timestamptz + interval '26 hours'
          AND a.updated_at <= a.starts_at - interval '24 hours'
          AND c.email IS NOT NULL
        ORDER BY a.starts_at, a.id`,
      [now],
    );
  }

  /** Whether a session is still booked at the time a reminder was written for. */
  async stillBooked(m: EntityManager, id: string, startsAt: string): Promise<boolean> {
    const [appt] = await m.query<{ status: string; starts_at: Date }[]>(
      `SELECT status, starts_at FROM appointments WHERE id = $1`,
      [id],
    );
    return !!appt && appt.status === 'booked' && appt.starts_at.toISOString() === startsAt;
  }

  /** Replaces the therapist's feed (the old URL stops working); returns when it was made. */
  async replaceFeed(
    m: EntityManager,
    f: { practiceId: string; therapistId: string; tokenHash: Buffer; showClient: string },
  ): Promise<Date> {
    await this.revokeFeed(f.therapistId, m);
    const [r] = await m.query<[{ created_at: Date }]>(
      `INSERT INTO calendar_feeds (practice_id, therapist_id, token_hash, show_client) VALUES ($1, $2, $3, $4) RETURNING created_at`,
      [f.practiceId, f.therapistId, f.tokenHash, f.showClient],
    );
    return r.created_at;
  }

  async revokeFeed(therapistId: string, m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(
      'UPDATE calendar_feeds SET revoked_at = now() WHERE therapist_id = $1 AND revoked_at IS NULL',
      [therapistId],
    );
  }

  async feed(tokenHash: Buffer): Promise<{
    therapist_id: string;
    show_client: 'initials' | 'none';
    practice_id: string;
    practice_name: string;
  } | null> {
    const [feed] = await this.ds.query<
      {
        therapist_id: string;
        show_client: 'initials' | 'none';
        practice_id: string;
        practice_name: string;
      }[]
    >(
      `SELECT f.therapist_id, f.show_client, f.practice_id, p.name AS practice_name FROM calendar_feeds f
         JOIN practices p ON p.id = f.practice_id WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
      [tokenHash],
    );
    return feed ?? null;
  }

  /** A therapist's live sessions from 30 days ago to 180 days ahead (their calendar feed). */
  feedSessions(therapistId: string): Promise<AppointmentRow[]> {
    return this.ds.query<AppointmentRow[]>(
      `${SELECT} WHERE a.therapist_id = $1 AND a.status <> 'cancelled'
         AND a.starts_at > now() - interval '30 days' AND a.starts_at < now() + interval '180 days' ORDER BY a.starts_at`,
      [therapistId],
    );
  }
}
