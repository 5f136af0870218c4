import type { AvailabilityRule } from '@attune/shared';
import { DateTime } from 'luxon';

/** A half-open busy or free span [start, end) in UTC milliseconds. */
export interface Span {
  start: number;
  end: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHhMm(value: string): boolean {
  return HHMM.test(value) || value === '24:00';
}

function ruleApplies(rule: AvailabilityRule, isoDate: string, weekday: number): boolean {
  if (rule.weekday !== weekday) return false;
  if (rule.validFrom && isoDate < rule.validFrom) return false;
  if (rule.validUntil && isoDate > rule.validUntil) return false;
  return true;
}

/**
 * Working spans between `from` and `to` from weekly rules written in `zone`. Wall-clock times
 * are resolved per date, so 09:00 stays 09:00 local across DST changes (an hour that does not
 * exist on the spring-forward day is moved forward by luxon, as the clock does).
 */
export function workingSpans(
  rules: AvailabilityRule[],
  zone: string,
  from: Date,
  to: Date,
): Span[] {
  const spans: Span[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf('day').plus({ days: 1 });
  while (day <= last) {
    const isoDate = day.toISODate()!;
    for (const rule of rules) {
      if (!ruleApplies(rule, isoDate, day.weekday)) continue;
      const start = DateTime.fromISO(`${isoDate}T${rule.start}`, { zone });
      const end =
        rule.end === '24:00'
          ? day.plus({ days: 1 })
          : DateTime.fromISO(`${isoDate}T${rule.end}`, { zone });
      const s = Math.max(start.toMillis(), from.getTime());
      const e = Math.min(end.toMillis(), to.getTime());
      if (e > s) spans.push({ start: s, end: e });
    }
    day = day.plus({ days: 1 });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Whether [start, end) lies wholly inside one working span (touching spans count as one). */
export function withinWorkingHours(
  rules: AvailabilityRule[],
  zone: string,
  start: Date,
  end: Date,
): boolean {
  const spans = mergeSpans(
    workingSpans(rules, zone, new Date(start.getTime() - 1), new Date(end.getTime() + 1)),
  );
  return spans.some((s) => s.start <= start.getTime() && s.end >= end.getTime());
}

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const lastSpan = out[out.length - 1];
    if (lastSpan && s.start <= lastSpan.end) lastSpan.end = Math.max(lastSpan.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Free start times: every `stepMinutes` within working spans (aligned to the zone's wall clock),
 * where the whole session fits and touches no busy span. Back-to-back with a busy span is free.
 * The zone is consulted once per working span (to align its first start); the steps after it
 * are plain arithmetic on UTC milliseconds, as luxon's `plus({ minutes })` is (a DST change
 * inside a span moves the wall clock by a whole number of steps, so alignment holds).
 */
export function freeSlots(opts: {
  rules: AvailabilityRule[];
  zone: string;
  from: Date;
  to: Date;
  durationMinutes: number;
  busy: Span[];
  notBefore: Date;
  stepMinutes: number;
}): Date[] {
  const duration = opts.durationMinutes * 60_000;
  const step = opts.stepMinutes * 60_000;
  const earliest = Math.max(opts.notBefore.getTime(), opts.from.getTime());
  const to = opts.to.getTime();
  const busy = mergeSpans(opts.busy);
  // Candidates only grow, so the busy spans are walked once, alongside them.
  let b = 0;
  const out: Date[] = [];
  for (const span of mergeSpans(workingSpans(opts.rules, opts.zone, opts.from, opts.to))) {
    // Align the first candidate to the step on the local wall clock (e.g. :00, :15, :30, :45).
    const local = DateTime.fromMillis(span.start, { zone: opts.zone });
    const rem = (local.hour * 60 + local.minute) % opts.stepMinutes;
    let t = span.start;
    if (rem || local.second || local.millisecond)
      t =
        t - local.second * 1000 - local.millisecond + (rem ? (opts.stepMinutes - rem) * 60_000 : 0);
    for (; t + duration <= span.end; t += step) {
      if (t < earliest) continue;
      if (t >= to) return out;
      while (b < busy.length && busy[b]!.end <= t) b++;
      if (b < busy.length && busy[b]!.start < t + duration) continue;
      out.push(new Date(t));
    }
  }
  return out;
}

/** Formats an instant as ISO 8601 with the zone's offset (e.g. 2026-03-09T09:00:00.000-04:00). */
export function inZone(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toISO()!;
}

const DAY_MS = 86_400_000;

/**
 * `inZone` for many instants (a slot list, in ascending order for speed), with the zone consulted about
 * twice per UTC day instead of once per instant: where the offset at a day's start and end
 * agree, no change falls inside it (no zone changes twice in a day), and each instant is the
 * UTC clock shifted by that offset. A day with a change, or an offset luxon would write
 * differently (seconds, distant years), is written by luxon instant by instant.
 */
export function inZoneAll(instants: readonly Date[], zone: string): string[] {
  const out: string[] = [];
  let dayStart = NaN;
  let shift: number | null = null;
  let suffix = '';
  for (const d of instants) {
    const ms = d.getTime();
    if (!(ms >= dayStart && ms < dayStart + DAY_MS)) {
      dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
      shift = null;
      const first = DateTime.fromMillis(dayStart, { zone });
      const last = DateTime.fromMillis(dayStart + DAY_MS - 1, { zone });
      if (first.offset === last.offset && Number.isInteger(first.offset)) {
        const iso = first.toISO()!;
        // Only when the shifted UTC clock writes exactly what luxon wrote for the day's start.
        const candidate = new Date(dayStart + first.offset * 60_000).toISOString().slice(0, 23);
        if (iso.length >= 24 && iso.startsWith(candidate)) {
          shift = first.offset * 60_000;
          suffix = iso.slice(23);
        }
      }
    }
    out.push(
      shift === null ? inZone(d, zone) : new Date(ms + shift).toISOString().slice(0, 23) + suffix,
    );
  }
  return out;
}

/** Validates a rule set: well-formed times, end after start, no overlapping blocks on a weekday. */
export function ruleProblems(rules: AvailabilityRule[]): { field: string; message: string } | null {
  for (const [i, r] of rules.entries()) {
    if (!Number.isInteger(r.weekday) || r.weekday < 1 || r.weekday > 7)
      return {
        field: `rules[${i}].weekday`,
        message: `rules[${i}].weekday must be 1 (Monday) to 7 (Sunday)`,
      };
    if (!isHhMm(r.start))
      return { field: `rules[${i}].start`, message: `rules[${i}].start must be HH:mm` };
    if (!isHhMm(r.end))
      return { field: `rules[${i}].end`, message: `rules[${i}].end must be HH:mm` };
    if (r.end <= r.start)
      return { field: `rules[${i}].end`, message: `rules[${i}].end must be after its start` };
    if (r.validFrom && r.validUntil && r.validUntil < r.validFrom)
      return {
        field: `rules[${i}].validUntil`,
        message: `rules[${i}].validUntil must not be before validFrom`,
      };
  }
  for (const [i, a] of rules.entries()) {
    for (const [j, b] of rules.entries()) {
      if (j <= i || a.weekday !== b.weekday) continue;
      const datesOverlap =
        (!a.validUntil || !b.validFrom || b.validFrom <= a.validUntil) &&
        (!b.validUntil || !a.validFrom || a.validFrom <= b.validUntil);
      if (datesOverlap && a.start < b.end && b.start < a.end)
        return {
          field: `rules[${j}]`,
          message: `rules[${j}] overlaps rules[${i}] on the same day`,
        };
    }
  }
  return null;
}
