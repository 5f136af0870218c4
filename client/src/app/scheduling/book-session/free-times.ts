import { DateTime } from 'luxon';
import { dayHeading, formatTime, isoDateIn } from '../zoned-time';

/** "Mon, Mar 9" for a calendar date. */
const shortDay = (date: string) =>
  DateTime.fromISO(date, { zone: 'utc', locale: 'en-US' }).toLocaleString({
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });

export interface FreeTime {
  /** The instant, as the server sent it. */
  iso: string;
  /** "9:00 AM" in the practice's zone. */
  label: string;
}

export interface FreeDay {
  /** "YYYY-MM-DD" in the practice's zone. */
  date: string;
  /** "Monday, March 9". */
  heading: string;
  /** "Mon, Mar 9", for a compact button. */
  short: string;
  times: FreeTime[];
}

/** Free start times grouped by their day in `zone`, in order (days without times are left out). */
export function groupByDay(slots: readonly string[], zone: string): FreeDay[] {
  const days = new Map<string, FreeDay>();
  for (const iso of [...slots].sort((a, b) => Date.parse(a) - Date.parse(b))) {
    const date = isoDateIn(new Date(iso), zone);
    let day = days.get(date);
    if (!day) {
      day = { date, heading: dayHeading(date), short: shortDay(date), times: [] };
      days.set(date, day);
    }
    day.times.push({ iso, label: formatTime(iso, zone) });
  }
  return [...days.values()];
}

/** Whether a session can still be changed online: more than the notice window ahead. */
export function outsideNotice(startsAt: string, noticeHours: number, now = new Date()): boolean {
  return new Date(startsAt).getTime() - now.getTime() >= noticeHours * 3_600_000;
}
