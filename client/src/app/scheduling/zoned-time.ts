// Calendar dates ("YYYY-MM-DD") and wall-clock times in a named IANA zone, through luxon (as the
// server does). Dates are plain strings read in UTC, so week math never drifts with the
// browser's own zone or DST; instants are read in the zone they are shown in.
import { DateTime, Interval } from 'luxon';
import { zoneAbbreviation } from '@attune/shared';

// Dates and times people read follow one rule, shared with the server's email (@attune/shared).
export {
  formatDateLong,
  formatDateTime,
  formatSessionTime,
  formatTime,
  zoneAbbreviation,
} from '@attune/shared';

const LOCALE = 'en-US';
export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const ISO_DATE = 'yyyy-MM-dd';
const TIME = { hour: 'numeric', minute: '2-digit' } as const;

/** Intl puts narrow no-break spaces before AM/PM; plain spaces keep names easy to read and match. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** Ranges read "9:00 – 9:50 AM" whatever dash Intl chose. */
const spacedDash = (text: string) => plain(text).replace(/\s*[–-]\s*/, ' – ');

/** An instant (ISO string or Date) read in `tz`. */
function inZone(value: string | Date, tz: string): DateTime {
  const opts = { zone: tz, locale: LOCALE };
  return typeof value === 'string'
    ? DateTime.fromISO(value, opts)
    : DateTime.fromJSDate(value, opts);
}

/** A calendar date as the UTC midnight that starts it (for date-only math and labels). */
function calendarDate(date: string): DateTime {
  return DateTime.fromFormat(date, ISO_DATE, { zone: 'utc', locale: LOCALE });
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** The wall-clock reading of an instant in `tz`. */
export function zonedParts(instant: Date, tz: string): ZonedParts {
  const { year, month, day, hour, minute, weekday } = inZone(instant, tz);
  return { year, month, day, hour, minute, weekday };
}

/** "YYYY-MM-DD" of an instant in `tz`. */
export function isoDateIn(instant: Date, tz: string): string {
  return inZone(instant, tz).toFormat(ISO_DATE);
}

/** "HH:mm" (24-hour) of an instant in `tz`. */
export function timeIn(instant: Date, tz: string): string {
  return inZone(instant, tz).toFormat('HH:mm');
}

/** Today's date in `tz`. */
export function todayIn(tz: string, now = new Date()): string {
  return isoDateIn(now, tz);
}

/** Minutes the zone's wall clock is ahead of UTC at that instant (New York in winter: -300). */
export function offsetMinutes(instant: Date, tz: string): number {
  return inZone(instant, tz).offset;
}

/**
 * The instant a wall-clock date and time mean in `tz`. A time that does not exist (the hour the
 * clocks skip in spring) moves forward, as the clock does; an ambiguous one takes the first.
 */
export function zonedToUtc(date: string, time: string, tz: string): Date {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: tz });
  // Luxon takes the later reading of an ambiguous time; a session means the first one.
  const [first] = local.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  return (first ?? local).toJSDate();
}

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && calendarDate(value).isValid;
}

export function addDays(date: string, days: number): string {
  return calendarDate(date).plus({ days }).toFormat(ISO_DATE);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return calendarDate(date).weekday;
}

/** The Monday that starts the week holding `date`. */
export function mondayOf(date: string): string {
  return calendarDate(date).startOf('week').toFormat(ISO_DATE);
}

/** Monday … Sunday of the week that starts on `monday`. */
export function weekDates(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The week as instants: Monday 00:00 up to the next Monday 00:00 in `tz` (167 h in spring). */
export function weekBounds(monday: string, tz: string): { from: Date; to: Date } {
  return { from: zonedToUtc(monday, '00:00', tz), to: zonedToUtc(addDays(monday, 7), '00:00', tz) };
}

/** A day's start and the next day's start in `tz`. */
export function dayBounds(date: string, tz: string): { from: Date; to: Date } {
  return { from: zonedToUtc(date, '00:00', tz), to: zonedToUtc(addDays(date, 1), '00:00', tz) };
}

/** "9:00 – 9:50 AM" (or "11:30 AM – 12:20 PM") in `tz`. */
export function formatTimeRange(start: string | Date, end: string | Date, tz: string): string {
  return spacedDash(
    Interval.fromDateTimes(inZone(start, tz), inZone(end, tz)).toLocaleString(TIME),
  );
}

/** A calendar date's weekday name: "Monday". */
export function dayName(date: string): string {
  return WEEKDAY_NAMES[weekdayOf(date) - 1] ?? '';
}

/** A calendar date as "Monday, March 9". */
export function dayHeading(date: string): string {
  return calendarDate(date).toLocaleString({ weekday: 'long', month: 'long', day: 'numeric' });
}

/** "Mar 2 – 8, 2026", "Mar 30 – Apr 5, 2026" or "Dec 28, 2026 – Jan 3, 2027". */
export function weekLabel(monday: string): string {
  const week = Interval.fromDateTimes(calendarDate(monday), calendarDate(addDays(monday, 6)));
  return spacedDash(week.toLocaleString({ month: 'short', day: 'numeric', year: 'numeric' }));
}

/**
 * Names the zone a week is shown in, and the day its clocks change if they do:
 * "America/New_York (EDT)" or "America/New_York (EST, then EDT from Sunday, March 8)".
 */
export function weekZoneLabel(monday: string, tz: string): string {
  const atNoon = (date: string) => zonedToUtc(date, '12:00', tz);
  const first = zoneAbbreviation(atNoon(monday), tz);
  const change = weekDates(monday).find((date) => zoneAbbreviation(atNoon(date), tz) !== first);
  if (!change) return `${tz} (${first})`;
  return `${tz} (${first}, then ${zoneAbbreviation(atNoon(change), tz)} from ${dayHeading(change)})`;
}
