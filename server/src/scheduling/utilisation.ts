import type { AppointmentStatus, AvailabilityRule, UtilisationRow } from '@attune/shared';
import { DateTime } from 'luxon';
import { mergeSpans, type Span, workingSpans } from './availability.js';

export interface UtilisationInput {
  /** The practice's zone: weeks run Monday 00:00 to Monday 00:00 on its clock. */
  zone: string;
  /** The Mondays ("YYYY-MM-DD") of the weeks to report, in order. */
  weeks: string[];
  therapists: { id: string; timeZone: string; rules: AvailabilityRule[] }[];
  timeOff: (Span & { therapistId: string })[];
  /** Sessions that count (live ones and late cancellations), in UTC milliseconds. */
  sessions: (Span & { therapistId: string; status: AppointmentStatus; lateCancel: boolean })[];
}

const total = (spans: Span[]) => spans.reduce((sum, s) => sum + (s.end - s.start), 0);

/** The parts of merged `a` that lie inside merged `b`. */
export function intersectSpans(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const x of mergeSpans(a))
    for (const y of mergeSpans(b)) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  return mergeSpans(out);
}

/** The parts of merged `a` that lie outside merged `b`. */
export function subtractSpans(a: Span[], b: Span[]): Span[] {
  const cuts = mergeSpans(b);
  const out: Span[] = [];
  for (const x of mergeSpans(a)) {
    let start = x.start;
    for (const c of cuts) {
      if (c.end <= start || c.start >= x.end) continue;
      if (c.start > start) out.push({ start, end: c.start });
      start = Math.max(start, c.end);
    }
    if (start < x.end) out.push({ start, end: x.end });
  }
  return out;
}

const minutes = (ms: number) => Math.round(ms / 60_000);

/** The instants a week starting on `monday` covers in `zone` (167 or 169 hours across DST). */
export function weekSpan(monday: string, zone: string): Span {
  const start = DateTime.fromISO(monday, { zone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ weeks: 1 }).toMillis() };
}

/**
 * Per therapist and week: sessions counted by the week they start in, and free time as working
 * hours minus time off minus sessions that still stand. Time is measured inside working hours
 * only, so a session booked outside them (with a reason) takes nothing from the free hours.
 */
export function utilisation(input: UtilisationInput): UtilisationRow[] {
  const rows: UtilisationRow[] = [];
  for (const t of input.therapists) {
    const off = input.timeOff.filter((o) => o.therapistId === t.id);
    const sessions = input.sessions.filter((s) => s.therapistId === t.id);
    const live = sessions.filter((s) => s.status !== 'cancelled');
    for (const monday of input.weeks) {
      const week = weekSpan(monday, input.zone);
      const working = mergeSpans(
        workingSpans(t.rules, t.timeZone, new Date(week.start), new Date(week.end)),
      );
      const available = subtractSpans(working, off);
      const free = subtractSpans(available, live);
      const starting = sessions.filter((s) => s.start >= week.start && s.start < week.end);
      rows.push({
        therapistId: t.id,
        weekStart: monday,
        booked: starting.length,
        attended: starting.filter((s) => s.status === 'completed').length,
        noShow: starting.filter((s) => s.status === 'no_show').length,
        lateCancelled: starting.filter((s) => s.status === 'cancelled' && s.lateCancel).length,
        workingMinutes: minutes(total(working)),
        timeOffMinutes: minutes(total(intersectSpans(working, off))),
        bookedMinutes: minutes(total(available) - total(free)),
        freeMinutes: minutes(total(free)),
      });
    }
  }
  return rows;
}
