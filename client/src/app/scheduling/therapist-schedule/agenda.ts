import type { AppointmentView } from '@attune/shared';
import { formatDateLong, isoDateIn, todayIn } from '../zoned-time';

export interface AgendaDay {
  /** "YYYY-MM-DD" in the practice's zone. */
  date: string;
  heading: string;
  isToday: boolean;
  sessions: AppointmentView[];
}

/**
 * A therapist's agenda by day in the practice's zone: all of today's sessions (also those that
 * have started or ended: a 12:30 session is still today's at 13:05), then every booked session
 * of the days ahead. Cancelled sessions are left out. Days and sessions in time order.
 */
export function agendaDays(list: readonly AppointmentView[], zone: string, now: Date): AgendaDay[] {
  const today = todayIn(zone, now);
  const days = new Map<string, AgendaDay>();
  const sorted = [...list].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  for (const a of sorted) {
    if (a.status === 'cancelled') continue;
    const date = isoDateIn(new Date(a.startsAt), zone);
    if (date < today) continue;
    if (date > today && a.status !== 'booked') continue;
    let day = days.get(date);
    if (!day) {
      const heading = formatDateLong(a.startsAt, zone);
      day = {
        date,
        heading: date === today ? `Today, ${heading}` : heading,
        isToday: date === today,
        sessions: [],
      };
      days.set(date, day);
    }
    day.sessions.push(a);
  }
  return [...days.values()];
}
