import { DateTime } from 'luxon';

/**
 * The calendar day that holds `now` in `zone`: its date and the instants it starts and ends.
 * Midnight to midnight on the zone's own clock, so a DST day is 23 or 25 hours long and a late
 * evening is still "today" (a UTC date would move it to tomorrow).
 */
export function calendarDay(now: Date, zone: string): { date: string; from: Date; to: Date } {
  const start = DateTime.fromJSDate(now, { zone }).startOf('day');
  const next = start.plus({ days: 1 }).startOf('day');
  return { date: start.toISODate()!, from: start.toJSDate(), to: next.toJSDate() };
}
