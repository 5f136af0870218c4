/**
 * The one way Attune writes a date and time for people, in the app and in email alike:
 * "Monday, March 9, 2026 at 11:30 AM", read in a named IANA zone (the practice's), never the
 * browser's or the server's own. Where nothing else on the page names the zone (email, a
 * download), the zone's short name follows: "… at 11:30 AM EDT".
 */
import { DateTime } from 'luxon';

const LOCALE = 'en-US';
const TIME = { hour: 'numeric', minute: '2-digit' } as const;

/** Intl puts narrow no-break spaces before AM/PM; plain spaces keep text easy to read and match. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** An instant (ISO string or Date) read in `tz`. */
function inZone(value: string | Date, tz: string): DateTime {
  const opts = { zone: tz, locale: LOCALE };
  return typeof value === 'string'
    ? DateTime.fromISO(value, opts)
    : DateTime.fromJSDate(value, opts);
}

/** "9:00 AM" in `tz`. */
export function formatTime(value: string | Date, tz: string): string {
  return plain(inZone(value, tz).toLocaleString(TIME));
}

/** "Monday, March 9, 2026" for an instant in `tz`. */
export function formatDateLong(value: string | Date, tz: string): string {
  return plain(
    inZone(value, tz).toLocaleString({
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    }),
  );
}

/** "Monday, March 9, 2026 at 9:00 AM" for an instant in `tz`. */
export function formatDateTime(value: string | Date, tz: string): string {
  return `${formatDateLong(value, tz)} at ${formatTime(value, tz)}`;
}

/** The zone's short name at an instant: "EST", "EDT", "GMT+1" (the zone's name if Intl has none). */
export function zoneAbbreviation(value: string | Date, tz: string): string {
  return inZone(value, tz).offsetNameShort ?? tz;
}

/**
 * A session's date and time with its zone named, for email subjects and bodies, downloads, and
 * app lines that stand alone: "Monday, March 9, 2026 at 9:00 AM EDT".
 */
export function formatSessionTime(value: string | Date, tz: string): string {
  return `${formatDateTime(value, tz)} ${zoneAbbreviation(value, tz)}`;
}

/**
 * The rule by example: server and client tests check their output against these same cases
 * (daylight saving on both sides, a zone east of UTC, noon and midnight, a date that differs
 * from UTC's).
 */
export const DATE_FORMAT_EXAMPLES: readonly {
  instant: string;
  zone: string;
  dateTime: string;
  session: string;
}[] = [
  {
    instant: '2026-03-09T15:30:00.000Z',
    zone: 'America/New_York',
    dateTime: 'Monday, March 9, 2026 at 11:30 AM',
    session: 'Monday, March 9, 2026 at 11:30 AM EDT',
  },
  {
    instant: '2026-03-06T14:00:00.000Z',
    zone: 'America/New_York',
    dateTime: 'Friday, March 6, 2026 at 9:00 AM',
    session: 'Friday, March 6, 2026 at 9:00 AM EST',
  },
  {
    instant: '2026-07-01T17:00:00.000Z',
    zone: 'America/Chicago',
    dateTime: 'Wednesday, July 1, 2026 at 12:00 PM',
    session: 'Wednesday, July 1, 2026 at 12:00 PM CDT',
  },
  {
    instant: '2026-03-10T03:30:00.000Z',
    zone: 'America/Los_Angeles',
    dateTime: 'Monday, March 9, 2026 at 8:30 PM',
    session: 'Monday, March 9, 2026 at 8:30 PM PDT',
  },
  {
    instant: '2026-01-15T23:00:00.000Z',
    zone: 'Europe/Berlin',
    dateTime: 'Friday, January 16, 2026 at 12:00 AM',
    session: 'Friday, January 16, 2026 at 12:00 AM GMT+1',
  },
];
