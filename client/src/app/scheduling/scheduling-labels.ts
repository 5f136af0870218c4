import type { AbstractControl, ValidationErrors } from '@angular/forms';
import {
  type AppointmentKind,
  type AppointmentStatus,
  type AppointmentTypeView,
  isValidTimeZone,
} from '@attune/shared';

export const KIND_LABELS: Record<AppointmentKind, string> = {
  intake: 'Intake',
  ongoing: 'Ongoing',
  other: 'Other',
};

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
};

/** Every IANA zone the browser knows, for time zone pickers. */
export const TIME_ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
})();

/** Up to 50 zones matching what was typed ("new york" finds America/New_York). */
export function matchTimeZones(typed: string): string[] {
  const q = typed.toLowerCase().replace(/\s+/g, '_');
  return (q ? TIME_ZONES.filter((z) => z.toLowerCase().includes(q)) : TIME_ZONES).slice(0, 50);
}

export function timeZoneValidator(control: AbstractControl<string>): ValidationErrors | null {
  return !control.value || isValidTimeZone(control.value) ? null : { timeZone: true };
}

/**
 * The type a new booking starts with: the default ongoing type when the client has been seen
 * before, else the default intake type, else the first active one.
 */
export function defaultType(
  types: readonly AppointmentTypeView[],
  preferKind: AppointmentKind = 'ongoing',
): AppointmentTypeView | null {
  const active = types.filter((t) => t.active);
  return (
    active.find((t) => t.isDefault && t.kind === preferKind) ??
    active.find((t) => t.isDefault) ??
    active[0] ??
    null
  );
}

/** "50 min" / "1 h 30 min". */
export function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
