import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AvailabilityRule, SCHEDULING_LIMITS } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';

/** SQL for the longest a session can last (appointments_length_check holds every row to it). */
export const LONGEST_SESSION = `interval '${SCHEDULING_LIMITS.durationMax} minutes'`;

export interface RuleRow {
  time_zone: string;
  weekday: number;
  start_time: string;
  end_time: string;
  valid_from: string | null;
  valid_until: string | null;
}

export interface TimeOffRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string | null;
}

/** Therapists' weekly hours (availability_rules) and time off (time_off). */
@Injectable()
export class AvailabilityRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  rules(therapistId: string, m: EntityManager = this.ds.manager): Promise<RuleRow[]> {
    return m.query<RuleRow[]>(
      `SELECT time_zone, weekday, start_time::text AS start_time, end_time::text AS end_time,
              valid_from::text AS valid_from, valid_until::text AS valid_until
         FROM availability_rules WHERE therapist_id = $1 ORDER BY weekday, start_time`,
      [therapistId],
    );
  }

  /** Replaces the therapist's weekly hours. */
  async replaceRules(
    m: EntityManager,
    practiceId: string,
    therapistId: string,
    timeZone: string,
    rules: AvailabilityRule[],
  ): Promise<void> {
    await m.query('DELETE FROM availability_rules WHERE therapist_id = $1', [therapistId]);
    for (const r of rules)
      await m.query(
        `INSERT INTO availability_rules (practice_id, therapist_id, time_zone, weekday, start_time, end_time, valid_from, valid_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          practiceId,
          therapistId,
          timeZone,
          r.weekday,
          r.start,
          r.end,
          r.validFrom ?? null,
          r.validUntil ?? null,
        ],
      );
  }

  /** Time off that has not ended more than a day ago, in order. */
  upcomingTimeOff(therapistId: string): Promise<TimeOffRow[]> {
    return this.ds.query<TimeOffRow[]>(
      `SELECT id, starts_at, ends_at, reason FROM time_off WHERE therapist_id = $1 AND ends_at > now() - interval '1 day'
        ORDER BY starts_at`,
      [therapistId],
    );
  }

  async addTimeOff(
    m: EntityManager,
    t: { practiceId: string; therapistId: string; start: Date; end: Date; reason: string | null },
  ): Promise<TimeOffRow> {
    const [row] = await m.query<[TimeOffRow]>(
      `INSERT INTO time_off (practice_id, therapist_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, starts_at, ends_at, reason`,
      [t.practiceId, t.therapistId, t.start, t.end, t.reason],
    );
    return row;
  }

  /** Removes one time off of the therapist; false when there was none. */
  async removeTimeOff(practiceId: string, therapistId: string, id: string): Promise<boolean> {
    const [, n] = await this.ds.query<[unknown, number]>(
      'DELETE FROM time_off WHERE id = $1 AND therapist_id = $2 AND practice_id = $3',
      [id, therapistId, practiceId],
    );
    return !!n;
  }

  /** The first time off that overlaps [start, end), if any. */
  async timeOffDuring(
    m: EntityManager,
    therapistId: string,
    start: Date,
    end: Date,
  ): Promise<{ starts_at: Date; ends_at: Date } | null> {
    const [off] = await m.query<{ starts_at: Date; ends_at: Date }[]>(
      `SELECT starts_at, ends_at FROM time_off WHERE therapist_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1`,
      [therapistId, start, end],
    );
    return off ?? null;
  }

  /**
   * Time off and live sessions of the therapist in [from, to), in one query. A session that
   * overlaps the window started at most the longest session before it (a checked constraint),
   * so the appointments index reads only that stretch, not every past session.
   */
  busy(therapistId: string, from: Date, to: Date): Promise<{ starts_at: Date; ends_at: Date }[]> {
    return this.ds.query<{ starts_at: Date; ends_at: Date }[]>(
      `SELECT starts_at, ends_at FROM time_off WHERE therapist_id = $1 AND starts_at < $3 AND ends_at > $2
       UNION ALL
       SELECT starts_at, ends_at FROM appointments WHERE therapist_id = $1 AND status <> 'cancelled'
          AND starts_at < $3 AND starts_at > $2::timestamptz - ${LONGEST_SESSION} AND ends_at > $2`,
      [therapistId, from, to],
    );
  }
}
