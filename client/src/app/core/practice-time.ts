import { inject, Pipe, PipeTransform } from '@angular/core';
import { AuthStore } from './auth-store';

const LOCALE = 'en-US';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

type When = string | Date | null | undefined;

function toDate(value: When): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Dec 1, 2026": the calendar day in the practice's time zone. */
export function formatPracticeDate(value: When, zone: string): string {
  const d = toDate(value);
  return d ? formatter(zone, { month: 'short', day: 'numeric', year: 'numeric' }).format(d) : '';
}

/**
 * "Dec 1, 2026, 3:04 PM CST": a moment in the practice's time zone, the zone named so nobody
 * reads it as their own. `short` leaves out the year ("Dec 1, 3:04 PM CST").
 */
export function formatPracticeTime(
  value: When,
  zone: string,
  style: 'long' | 'short' = 'long',
): string {
  const d = toDate(value);
  if (!d) return '';
  return formatter(zone, {
    month: 'short',
    day: 'numeric',
    ...(style === 'long' ? { year: 'numeric' } : {}),
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);
}

/** The practice's time zone (the calendar's), or the browser's before anyone has signed in. */
export function practiceZone(auth: AuthStore): string {
  return auth.practice()?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** `{{ iso | practiceDate }}`: the date in the practice's time zone. */
@Pipe({ name: 'practiceDate' })
export class PracticeDatePipe implements PipeTransform {
  private readonly auth = inject(AuthStore);
  transform(value: When): string {
    return formatPracticeDate(value, practiceZone(this.auth));
  }
}

/** `{{ iso | practiceTime }}`: date and time in the practice's time zone, with the zone named. */
@Pipe({ name: 'practiceTime' })
export class PracticeTimePipe implements PipeTransform {
  private readonly auth = inject(AuthStore);
  transform(value: When, style: 'long' | 'short' = 'long'): string {
    return formatPracticeTime(value, practiceZone(this.auth), style);
  }
}
