// Calendar dates ("YYYY-MM-DD") and wall-clock times in a named IANA zone, with Intl only.
// Dates are plain strings so week math never drifts with the browser's own zone or DST.

const LOCALE = 'en-US';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, tz: string, options: Intl.DateTimeFormatOptions) {
  const id = `${key}|${tz}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: tz });
    formatters.set(id, f);
  }
  return f;
}

/** Intl puts narrow no-break spaces before AM/PM; plain spaces keep names easy to read and match. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

const pad = (n: number) => String(n).padStart(2, '0');

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
  const parts = formatter('parts', tz, {
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')) + 1,
  };
}

/** "YYYY-MM-DD" of an instant in `tz`. */
export function isoDateIn(instant: Date, tz: string): string {
  const p = zonedParts(instant, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "HH:mm" (24-hour) of an instant in `tz`. */
export function timeIn(instant: Date, tz: string): string {
  const p = zonedParts(instant, tz);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Today's date in `tz`. */
export function todayIn(tz: string, now = new Date()): string {
  return isoDateIn(now, tz);
}

/** Minutes the zone's wall clock is ahead of UTC at that instant (New York in winter: -300). */
export function offsetMinutes(instant: Date, tz: string): number {
  const p = zonedParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  const floored = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - floored) / 60_000);
}

/**
 * The instant a wall-clock date and time mean in `tz`. A time that does not exist (the hour the
 * clocks skip in spring) moves forward, as the clock does; an ambiguous one takes the first.
 */
export function zonedToUtc(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMinutes(new Date(guess), tz) * 60_000;
  const second = guess - offsetMinutes(new Date(first), tz) * 60_000;
  // Prefer the reading that round-trips to the asked-for wall clock.
  for (const candidate of [Math.min(first, second), Math.max(first, second)]) {
    const p = zonedParts(new Date(candidate), tz);
    if (p.hour === hh % 24 && p.minute === mm && p.day === d) return new Date(candidate);
  }
  return new Date(Math.max(first, second));
}

function toUtcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

const isoOf = (d: Date) => d.toISOString().slice(0, 10);

export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return isoOf(toUtcDate(value)) === value;
}

export function addDays(date: string, days: number): string {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOf(d);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return ((toUtcDate(date).getUTCDay() + 6) % 7) + 1;
}

/** The Monday that starts the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
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

const asInstant = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

/** "9:00 AM" in `tz`. */
export function formatTime(value: string | Date, tz: string): string {
  return plain(
    formatter('time', tz, { hour: 'numeric', minute: '2-digit' }).format(asInstant(value)),
  );
}

/** "9:00 – 9:50 AM" (or "11:30 AM – 12:20 PM") in `tz`. */
export function formatTimeRange(start: string | Date, end: string | Date, tz: string): string {
  const f = formatter('time', tz, { hour: 'numeric', minute: '2-digit' });
  return plain(f.formatRange(asInstant(start), asInstant(end))).replace(/\s*[–-]\s*/, ' – ');
}

/** "Monday, March 9, 2026" for an instant in `tz`. */
export function formatDateLong(value: string | Date, tz: string): string {
  return formatter('long', tz, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(asInstant(value));
}

/** "Monday, March 9, 2026 at 9:00 AM" for an instant in `tz`. */
export function formatDateTime(value: string | Date, tz: string): string {
  return `${formatDateLong(value, tz)} at ${formatTime(value, tz)}`;
}

/** A calendar date's weekday name: "Monday". */
export function dayName(date: string): string {
  return WEEKDAY_NAMES[weekdayOf(date) - 1]!;
}

/** A calendar date as "Monday, March 9". */
export function dayHeading(date: string): string {
  return formatter('heading', 'UTC', { weekday: 'long', month: 'long', day: 'numeric' }).format(
    toUtcDate(date),
  );
}

/** "Mar 2 – 8, 2026", "Mar 30 – Apr 5, 2026" or "Dec 28, 2026 – Jan 3, 2027". */
export function weekLabel(monday: string): string {
  const f = formatter('week', 'UTC', { month: 'short', day: 'numeric', year: 'numeric' });
  return plain(f.formatRange(toUtcDate(monday), toUtcDate(addDays(monday, 6)))).replace(
    /\s*[–-]\s*/,
    ' – ',
  );
}

/** The zone's short name at an instant: "EST", "EDT", "GMT+1". */
export function zoneAbbreviation(value: string | Date, tz: string): string {
  const parts = formatter('zone', tz, { timeZoneName: 'short' }).formatToParts(asInstant(value));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

/**
 * Names the zone a week is shown in, and the day its clocks change if they do:
 * "America/New_York (EDT)" or "America/New_York (EST, then EDT from Sunday, March 8)".
 */
export function weekZoneLabel(monday: string, tz: string): string {
  const days = weekDates(monday);
  const atNoon = (date: string) => zonedToUtc(date, '12:00', tz);
  const first = zoneAbbreviation(atNoon(days[0]!), tz);
  const change = days.find((date) => zoneAbbreviation(atNoon(date), tz) !== first);
  if (!change) return `${tz} (${first})`;
  return `${tz} (${first}, then ${zoneAbbreviation(atNoon(change), tz)} from ${dayHeading(change)})`;
}
