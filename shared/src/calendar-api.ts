import type { AppointmentKind, AppointmentView } from './scheduling-api.js';

export const CALENDAR_LIMITS = {
  /** `GET /api/calendar`: a day or a week (a DST week is 169 hours), with room to spare. */
  rangeMaxDays: 14,
  /** `GET /api/utilisation`: how many weeks one request covers. */
  utilisationWeeksMax: 26,
} as const;

/** A half-open span of time [startsAt, endsAt), ISO 8601 instants. */
export interface CalendarSpan {
  startsAt: string;
  endsAt: string;
}

export interface CalendarTimeOff extends CalendarSpan {
  id: string;
  reason: string | null;
}

/** One therapist's column data for the range: hours, time off and free start times. */
export interface CalendarTherapist {
  id: string;
  displayName: string;
  /** The zone their weekly hours are written in (the spans below are instants). */
  timeZone: string;
  /** Working hours inside the range, as instants (merged where blocks touch). */
  workingHours: CalendarSpan[];
  timeOff: CalendarTimeOff[];
  /** Free start times for the chosen type, every 15 minutes, from now on (ISO, UTC). */
  freeSlots: string[];
}

/** A session as the calendar draws it: the appointment plus a short name and the type's kind. */
export interface CalendarSession extends AppointmentView {
  client: { id: string; displayName: string; /** "Sam L." */ shortName: string };
  type: { id: string; name: string; durationMinutes: number; kind: AppointmentKind };
}

/**
 * `GET /api/calendar?from=&to=&therapistId=&typeId=&includeCancelled=`: everything one view of
 * the practice calendar needs, in one request (sessions, hours, time off, free times).
 */
export interface CalendarView {
  /** The practice's zone: the grid is drawn in it. */
  timeZone: string;
  from: string;
  to: string;
  /** The server's clock when it answered (free times start after it). */
  now: string;
  /** The type free times are for (its length decides which starts fit). */
  type: { id: string; name: string; durationMinutes: number } | null;
  /** The therapists shown, by name: all of the practice's (admin) or the one asked for. */
  therapists: CalendarTherapist[];
  /** Sessions overlapping the range, in time order. */
  sessions: CalendarSession[];
}

/** One therapist's week in `GET /api/utilisation`. Counts are of sessions starting that week. */
export interface UtilisationRow {
  therapistId: string;
  /** The Monday that starts the week, in the practice's zone ("YYYY-MM-DD"). */
  weekStart: string;
  /** Every session of the week except those cancelled with enough notice. */
  booked: number;
  /** Marked completed. */
  attended: number;
  /** Marked as a no-show. */
  noShow: number;
  /** Cancelled inside the practice's cancellation window. */
  lateCancelled: number;
  /** Weekly hours that fall in the week, in minutes. */
  workingMinutes: number;
  /** Working time covered by time off. */
  timeOffMinutes: number;
  /** Working time (not on time off) covered by sessions that still stand. */
  bookedMinutes: number;
  /** Working hours minus time off minus booked sessions, in minutes. */
  freeMinutes: number;
}

export interface UtilisationView {
  timeZone: string;
  /** The Mondays of the weeks covered, in order. */
  weeks: string[];
  therapists: { id: string; displayName: string }[];
  /** One row per therapist and week (therapists by name, then weeks in order). */
  rows: UtilisationRow[];
}
