import type { CalendarSession, CalendarView } from '@attune/shared';
import { DateTime } from 'luxon';
import { STATUS_LABELS } from '../scheduling-labels';
import { dayHeading, formatTime, formatTimeRange, weekDates } from '../zoned-time';

/** The grid's step: free starts, drags and arrow-key moves all snap to it. */
export const STEP_MINUTES = 15;
const DAY_MINUTES = 24 * 60;

export type GridMode = 'day' | 'week';

/** A stretch of a column, in minutes after midnight (wall clock) of the column's date. */
export interface Band {
  start: number;
  end: number;
}

export interface TimeOffBlock extends Band {
  id: string;
  /** "Time off, 1:00 – 3:00 PM: Training". */
  label: string;
}

export interface SessionBlock extends Band {
  key: string;
  session: CalendarSession;
  /** Side-by-side placement among overlapping sessions. */
  lane: number;
  lanes: number;
  /** "Sam L., Ongoing session, 10:00 AM to 10:50 AM, Tuesday, March 10" (+ therapist, status). */
  label: string;
  /** "10:00 AM to 10:50 AM" (shown). */
  time: string;
  /** ", Tuesday, March 10" and the rest of the name (not shown: the column says it). */
  rest: string;
  cancelled: boolean;
  /** Booked and not yet over: may be dragged or moved with the keyboard. */
  movable: boolean;
}

export interface FreeCell extends Band {
  key: string;
  /** The start (ISO). */
  at: string;
  /** "10:15 AM". */
  time: string;
  /** "Book 10:15 AM Tuesday, March 10" (+ " with Maya Chen" beside other therapists). */
  label: string;
}

/** A column's contents in time order, as a screen reader lists them. */
export type GridEntry =
  | { kind: 'off'; key: string; block: TimeOffBlock }
  | { kind: 'session'; key: string; block: SessionBlock }
  | { kind: 'free'; key: string; block: FreeCell };

export interface GridColumn {
  key: string;
  date: string;
  therapistId: string;
  therapistName: string;
  /** Above the column: "Tue 10" (week) or the therapist's name (day). */
  heading: string;
  /** "Tuesday, March 10, Maya Chen". */
  label: string;
  isToday: boolean;
  hours: Band[];
  timeOff: TimeOffBlock[];
  sessions: SessionBlock[];
  free: FreeCell[];
  entries: GridEntry[];
  /** "Tuesday, March 10, Maya Chen: 2 sessions, 12 free times, time off". */
  summary: string;
  /** Minutes after midnight of "now", when the column is today. */
  now: number | null;
}

export interface GridLayout {
  /** The first and last minute drawn (whole hours). */
  start: number;
  end: number;
  /** Hour lines: minute and "9 AM". */
  hours: { minute: number; label: string }[];
  columns: GridColumn[];
}

/** An item the keyboard can land on, in a column's time order. */
export interface GridItem {
  key: string;
  column: number;
  start: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const shortDay = (date: string, zone: string) =>
  DateTime.fromISO(date, { zone, locale: 'en-US' }).toFormat('ccc');

/** Wall-clock minutes of an instant on `date` in `zone`: 0 before the day, 1440 after it. */
export function minuteOn(instant: string, date: string, zone: string): number {
  const t = DateTime.fromISO(instant, { zone });
  const day = t.toISODate()!;
  if (day < date) return 0;
  if (day > date) return DAY_MINUTES;
  return t.hour * 60 + t.minute;
}

/** "HH:mm" of a minute of the day. */
export function clockOf(minute: number): string {
  const m = Math.max(0, Math.min(DAY_MINUTES - 1, Math.round(minute)));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function clip(start: string, end: string, date: string, zone: string): Band | null {
  const s = minuteOn(start, date, zone);
  const e = minuteOn(end, date, zone);
  return e > s ? { start: s, end: e } : null;
}

/**
 * A block's accessible name, in parts: what it shows ("Sam L.", "Ongoing session", "10:00 AM to
 * 10:50 AM") and what the column says for it (", Tuesday, March 10[, with Maya Chen][, Cancelled]").
 * The visible words come first and in order, so the name contains the visible label.
 */
export function sessionText(
  s: CalendarSession,
  zone: string,
  withTherapist: boolean,
): { time: string; rest: string; label: string } {
  const time = `${formatTime(s.startsAt, zone)} to ${formatTime(s.endsAt, zone)}`;
  const date = DateTime.fromISO(s.startsAt, { zone }).toISODate()!;
  const parts = [dayHeading(date)];
  if (withTherapist) parts.push(`with ${s.therapist.displayName}`);
  if (s.status !== 'booked')
    parts.push(STATUS_LABELS[s.status] + (s.lateCancel ? ' (late cancellation)' : ''));
  const rest = `, ${parts.join(', ')}`;
  return { time, rest, label: `${s.client.shortName}, ${s.type.name}, ${time}${rest}` };
}

/** Overlapping sessions share the column's width: greedy lanes per cluster of overlaps. */
function placeLanes(blocks: SessionBlock[]): void {
  const sorted = [...blocks].sort((a, b) => a.start - b.start || b.end - a.end);
  let cluster: SessionBlock[] = [];
  let clusterEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((b) => b.lane + 1));
    for (const b of cluster) b.lanes = lanes;
    cluster = [];
  };
  for (const b of sorted) {
    if (b.start >= clusterEnd && cluster.length) close();
    const taken = new Set(cluster.filter((c) => c.end > b.start).map((c) => c.lane));
    let lane = 0;
    while (taken.has(lane)) lane++;
    b.lane = lane;
    cluster.push(b);
    clusterEnd = Math.max(clusterEnd, b.end);
  }
  if (cluster.length) close();
}

/**
 * Lays one calendar response out as columns on a shared time axis: each therapist across a
 * week, or every therapist on one day. Positions are wall-clock minutes in the practice zone,
 * so 9:00 sits on the 9 AM line on every day, DST days included.
 */
export function buildGrid(opts: {
  view: CalendarView;
  mode: GridMode;
  /** The Monday (week) or the day shown. */
  date: string;
  zone: string;
  now: Date;
}): GridLayout {
  const { view, zone } = opts;
  const today = DateTime.fromJSDate(opts.now, { zone }).toISODate()!;
  const nowMinute = minuteOn(opts.now.toISOString(), today, zone);
  const dates = opts.mode === 'week' ? weekDates(opts.date) : [opts.date];
  const manyTherapists = view.therapists.length > 1;

  const columns: GridColumn[] = [];
  for (const t of view.therapists)
    for (const date of dates) {
      const hours = t.workingHours
        .map((h) => clip(h.startsAt, h.endsAt, date, zone))
        .filter((b): b is Band => !!b);
      const timeOff = t.timeOff.flatMap((o): TimeOffBlock[] => {
        const band = clip(o.startsAt, o.endsAt, date, zone);
        if (!band) return [];
        const span =
          band.start === 0 && band.end === DAY_MINUTES
            ? 'all day'
            : formatTimeRange(o.startsAt, o.endsAt, zone);
        return [
          { ...band, id: o.id, label: `Time off, ${span}${o.reason ? `: ${o.reason}` : ''}` },
        ];
      });
      const sessions = view.sessions
        .filter((s) => s.therapist.id === t.id)
        .flatMap((s): SessionBlock[] => {
          if (DateTime.fromISO(s.startsAt, { zone }).toISODate() !== date) return [];
          const band = clip(s.startsAt, s.endsAt, date, zone);
          if (!band) return [];
          return [
            {
              ...band,
              key: `s:${s.id}`,
              session: s,
              lane: 0,
              lanes: 1,
              ...sessionText(s, zone, opts.mode === 'day' && manyTherapists),
              cancelled: s.status === 'cancelled',
              movable: s.status === 'booked' && new Date(s.endsAt) > opts.now,
            },
          ];
        });
      placeLanes(sessions);
      const duration = view.type?.durationMinutes ?? STEP_MINUTES;
      const free = t.freeSlots.flatMap((at): FreeCell[] => {
        if (DateTime.fromISO(at, { zone }).toISODate() !== date) return [];
        const start = minuteOn(at, date, zone);
        const time = formatTime(at, zone);
        const label =
          `Book ${time} ${dayHeading(date)}` + (manyTherapists ? ` with ${t.displayName}` : '');
        return [
          {
            key: `f:${t.id}:${at}`,
            at,
            start,
            end: Math.min(start + Math.min(STEP_MINUTES, duration), DAY_MINUTES),
            time,
            label,
          },
        ];
      });
      const order = { off: 0, session: 1, free: 2 } as const;
      const entries: GridEntry[] = [
        ...timeOff.map((block) => ({ kind: 'off' as const, key: `o:${block.id}:${date}`, block })),
        ...sessions.map((block) => ({ kind: 'session' as const, key: block.key, block })),
        ...free.map((block) => ({ kind: 'free' as const, key: block.key, block })),
      ].sort((a, b) => a.block.start - b.block.start || order[a.kind] - order[b.kind]);
      const label = `${dayHeading(date)}, ${t.displayName}`;
      const counts = [
        hours.length ? null : 'not working',
        plural(sessions.length, 'session'),
        plural(free.length, 'free time'),
        timeOff.length ? 'time off' : null,
      ].filter(Boolean);
      columns.push({
        key: `${date}|${t.id}`,
        date,
        therapistId: t.id,
        therapistName: t.displayName,
        heading:
          opts.mode === 'week' ? `${shortDay(date, zone)} ${Number(date.slice(8))}` : t.displayName,
        label,
        isToday: date === today,
        hours,
        timeOff,
        sessions,
        free,
        entries,
        summary: `${label}${date === today ? ' (today)' : ''}: ${counts.join(', ')}`,
        now: date === today ? nowMinute : null,
      });
    }

  // Draw from an hour before the earliest thing to an hour after the latest (8 AM to 6 PM
  // when there is nothing), so a day of 9-to-5 hours has a little room around it.
  const bands = columns.flatMap((c) => [...c.hours, ...c.sessions, ...c.free]);
  const first = bands.length ? Math.min(...bands.map((b) => b.start)) : 9 * 60;
  const last = bands.length ? Math.max(...bands.map((b) => b.end)) : 17 * 60;
  const start = Math.max(0, Math.floor(first / 60) * 60 - 60);
  const end = Math.min(DAY_MINUTES, Math.ceil(last / 60) * 60 + 60);
  const hours = [];
  for (let minute = start; minute < end; minute += 60)
    hours.push({
      minute,
      label: DateTime.fromObject({ hour: minute / 60 }, { locale: 'en-US' }).toFormat('h a'),
    });
  return { start, end, hours, columns };
}

/** Everything the keyboard can land on, column by column, in time order (sessions first). */
export function gridItems(layout: GridLayout): GridItem[] {
  return layout.columns.flatMap((c, column) =>
    [
      ...c.sessions.map((s) => ({ key: s.key, column, start: s.start, order: 0 })),
      ...c.free.map((f) => ({ key: f.key, column, start: f.start, order: 1 })),
    ]
      .sort((a, b) => a.start - b.start || a.order - b.order)
      .map(({ key, column, start }) => ({ key, column, start })),
  );
}

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

/**
 * Where an arrow key goes from `current`: up and down through a column's times and sessions,
 * left and right to the nearest one in the next column that has any, Home and End to a
 * column's first and last. Stays put at the edges.
 */
export function nextItem(items: GridItem[], current: string, key: NavKey): string {
  const here = items.find((i) => i.key === current);
  if (!here) return items[0]?.key ?? current;
  const column = items.filter((i) => i.column === here.column);
  const index = column.findIndex((i) => i.key === current);
  switch (key) {
    case 'ArrowUp':
      return column[Math.max(0, index - 1)]!.key;
    case 'ArrowDown':
      return column[Math.min(column.length - 1, index + 1)]!.key;
    case 'Home':
      return column[0]!.key;
    case 'End':
      return column[column.length - 1]!.key;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowLeft' ? -1 : 1;
      const columns = [...new Set(items.map((i) => i.column))].sort((a, b) => a - b);
      const next = columns[columns.indexOf(here.column) + step];
      if (next === undefined) return current;
      const candidates = items.filter((i) => i.column === next);
      return candidates.reduce((best, i) =>
        Math.abs(i.start - here.start) < Math.abs(best.start - here.start) ? i : best,
      ).key;
    }
  }
}
