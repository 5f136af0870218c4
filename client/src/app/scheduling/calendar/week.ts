import type { AppointmentView } from '@attune/shared';
import {
  dayHeading,
  dayName,
  formatTime,
  formatTimeRange,
  isoDateIn,
  weekDates,
  zonedParts,
} from '../zoned-time';

export interface CalendarSlot {
  kind: 'slot';
  key: string;
  /** ISO start (with the zone's offset, as the server sends it). */
  at: string;
  date: string;
  /** "9:00 AM". */
  label: string;
  /** Accessible name: "Book 9:00 AM Monday, March 16". */
  name: string;
}

export interface CalendarSession {
  kind: 'session';
  key: string;
  at: string;
  appointment: AppointmentView;
  /** "9:00 – 9:50 AM". */
  time: string;
  cancelled: boolean;
  showTherapist: boolean;
}

export type CalendarItem = CalendarSlot | CalendarSession;

export interface CalendarDay {
  date: string;
  /** "Monday, March 16". */
  heading: string;
  /** "Monday". */
  name: string;
  /** "March 16". */
  monthDay: string;
  isToday: boolean;
  items: CalendarItem[];
}

/**
 * Lays a week out as seven days (Monday first) of sessions and free slots in time order, by
 * the practice zone's calendar date. Slots fall on every 15 minutes; unless `everyQuarter`,
 * only those on the hour and half hour are offered, which keeps a day readable.
 */
export function buildWeek(opts: {
  monday: string;
  zone: string;
  today: string;
  appointments: readonly AppointmentView[];
  slots: readonly string[];
  everyQuarter: boolean;
  showTherapist: boolean;
}): CalendarDay[] {
  const { zone } = opts;
  const days = new Map<string, CalendarItem[]>(weekDates(opts.monday).map((d) => [d, []]));
  for (const appointment of opts.appointments) {
    const date = isoDateIn(new Date(appointment.startsAt), zone);
    days.get(date)?.push({
      kind: 'session',
      key: `a:${appointment.id}`,
      at: appointment.startsAt,
      appointment,
      time: formatTimeRange(appointment.startsAt, appointment.endsAt, zone),
      cancelled: appointment.status === 'cancelled',
      showTherapist: opts.showTherapist,
    });
  }
  for (const at of opts.slots) {
    const instant = new Date(at);
    if (!opts.everyQuarter && zonedParts(instant, zone).minute % 30 !== 0) continue;
    const date = isoDateIn(instant, zone);
    const label = formatTime(instant, zone);
    days.get(date)?.push({
      kind: 'slot',
      key: `s:${at}`,
      at,
      date,
      label,
      name: `Book ${label} ${dayHeading(date)}`,
    });
  }
  return [...days.entries()].map(([date, items]) => ({
    date,
    heading: dayHeading(date),
    name: dayName(date),
    monthDay: dayHeading(date).split(', ')[1] ?? '',
    isToday: date === opts.today,
    items: items.sort(
      (a, b) =>
        new Date(a.at).getTime() - new Date(b.at).getTime() ||
        (a.kind === b.kind ? 0 : a.kind === 'session' ? -1 : 1),
    ),
  }));
}
