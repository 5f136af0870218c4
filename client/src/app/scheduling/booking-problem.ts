import type { AbstractControl } from '@angular/forms';
import type { ErrorStateMatcher } from '@angular/material/core';
import type { ApiError, AppointmentView } from '@attune/shared';

/**
 * For the override reason, which appears after the form was submitted: it shows an error only
 * once someone has tried "Book anyway" (which touches it), not the moment it appears.
 */
export const TOUCHED_ONLY: ErrorStateMatcher = {
  isErrorState: (control: AbstractControl | null) => !!control?.invalid && !!control.touched,
};

/** What a failed booking or move means for the person at the keyboard. */
export type BookingProblem =
  | { kind: 'busy'; message: string }
  | { kind: 'outside_hours'; message: string }
  | { kind: 'stale'; message: string; current: AppointmentView }
  | { kind: 'other'; message: string };

/** Reads the server's 409 codes: a clash, outside working hours, or a stale version. */
export function bookingProblem(error: ApiError): BookingProblem {
  if (error.statusCode === 409) {
    if (error.code === 'therapist_busy' || error.code === 'client_busy') {
      return { kind: 'busy', message: error.message };
    }
    if (error.code === 'outside_hours') return { kind: 'outside_hours', message: error.message };
    if (isAppointment(error.current)) {
      return { kind: 'stale', message: error.message, current: error.current };
    }
  }
  return { kind: 'other', message: error.message };
}

/**
 * Whether a failed "book anyway" keeps the override open for another try: yes, unless the
 * failure is a clash, a reused request key or an outage (the server's codes before every error
 * carried one; a missing reason or a bad time keep it open).
 */
export function keepsOverrideOpen(error: ApiError): boolean {
  const settled: (string | undefined)[] = [
    'therapist_busy',
    'client_busy',
    'outside_hours',
    'key_reused',
    'database_unavailable',
  ];
  return !settled.includes(error.code);
}

function isAppointment(value: unknown): value is AppointmentView {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as AppointmentView).id === 'string' &&
    typeof (value as AppointmentView).version === 'number'
  );
}
