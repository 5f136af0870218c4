import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppointmentKind, AppointmentStatus } from '@attune/shared';
import { DataSource } from 'typeorm';
import type { Scope } from '../common/access/access.policy.js';
import type { RuleRow, TimeOffRow } from './availability.repository.js';
import type { AppointmentViewRow } from './appointments.repository.js';

export interface CalendarTherapistRow {
  id: string;
  display_name: string;
  active: boolean;
}

export interface CalendarRuleRow extends RuleRow {
  therapist_id: string;
}

export interface CalendarTimeOffRow extends TimeOffRow {
  therapist_id: string;
}

/** A session as the calendar reads it: what an appointment view needs, and the type's kind. */
export interface CalendarSessionRow extends AppointmentViewRow {
  type_kind: AppointmentKind;
}

export interface UtilisationSessionRow {
  therapist_id: string;
  starts_at: Date;
  ends_at: Date;
  status: AppointmentStatus;
  late_cancel: boolean;
}

/**
 * The calendar grid's and the utilisation report's reads: many therapists at once, so each view
 * costs a fixed number of queries whatever the number of therapists, sessions or weeks.
 */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The practice's therapists by name (one, when `therapistId` is given). */
  therapists(practiceId: string, therapistId: string | null): Promise<CalendarTherapistRow[]> {
    return this.ds.query<CalendarTherapistRow[]>(
      `SELECT m.id, u.display_name, u.disabled_at IS NULL AS active
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.practice_id = $1 AND 'therapist' = ANY(m.roles) AND ($2::uuid IS NULL OR m.id = $2)
        ORDER BY lower(u.display_name), m.id`,
      [practiceId, therapistId],
    );
  }

  /** Weekly hours of several therapists. */
  rules(practiceId: string, therapistIds: string[]): Promise<CalendarRuleRow[]> {
    return this.ds.query<CalendarRuleRow[]>(
      `SELECT therapist_id, time_zone, weekday, start_time::text AS start_time, end_time::text AS end_time,
              valid_from::text AS valid_from, valid_until::text AS valid_until
         FROM availability_rules WHERE practice_id = $1 AND therapist_id = ANY($2::uuid[])
        ORDER BY therapist_id, weekday, start_time`,
      [practiceId, therapistIds],
    );
  }

  /** Time off of several therapists overlapping [from, to), in order. */
  timeOff(
    practiceId: string,
    therapistIds: string[],
    from: Date,
    to: Date,
  ): Promise<CalendarTimeOffRow[]> {
    return this.ds.query<CalendarTimeOffRow[]>(
      `SELECT id, therapist_id, starts_at, ends_at, reason FROM time_off
        WHERE practice_id = $1 AND therapist_id = ANY($2::uuid[]) AND starts_at < $4 AND ends_at > $3
        ORDER BY starts_at, id`,
      [practiceId, therapistIds, from, to],
    );
  }

  /** The scope's sessions overlapping [from, to) for these therapists, in time order. */
  sessions(
    s: Scope,
    therapistIds: string[],
    from: Date,
    to: Date,
    includeCancelled: boolean,
  ): Promise<CalendarSessionRow[]> {
    return this.ds.query<CalendarSessionRow[]>(
      `SELECT a.id, a.therapist_id, tu.display_name AS therapist_name, a.client_id,
              c.first_name AS client_first, c.last_name AS client_last, c.preferred_name AS client_preferred,
              a.type_id, t.name AS type_name, t.kind AS type_kind, t.duration_minutes, a.starts_at, a.ends_at,
              a.status, a.cancel_reason, a.cancelled_at, a.late_cancel, a.override_reason, a.version,
              (c.user_id IS NOT NULL AND a.booked_by_user_id = c.user_id) AS booked_by_client,
              a.change_request_kind, a.change_request_note, a.change_requested_at
         FROM appointments a
         JOIN memberships tm ON tm.id = a.therapist_id JOIN users tu ON tu.id = tm.user_id
         JOIN clients c ON c.id = a.client_id
         JOIN appointment_types t ON t.id = a.type_id
        WHERE a.practice_id = $1 AND a.therapist_id = ANY($2::uuid[]) AND a.starts_at < $4 AND a.ends_at > $3
          AND ($5 OR a.status <> 'cancelled')
          AND ($6::uuid IS NULL OR a.therapist_id = $6) AND ($7::uuid IS NULL OR a.client_id = $7)
        ORDER BY a.starts_at, a.id LIMIT 5000`,
      [s.practiceId, therapistIds, from, to, includeCancelled, s.therapistId, s.clientId],
    );
  }

  /**
   * Sessions overlapping [from, to) that count for utilisation: every one except those
   * cancelled with enough notice (they left the calendar in time).
   */
  utilisationSessions(practiceId: string, from: Date, to: Date): Promise<UtilisationSessionRow[]> {
    return this.ds.query<UtilisationSessionRow[]>(
      `SELECT therapist_id, starts_at, ends_at, status, late_cancel FROM appointments
        WHERE practice_id = $1 AND starts_at < $3 AND ends_at > $2
          AND (status <> 'cancelled' OR late_cancel)`,
      [practiceId, from, to],
    );
  }
}
