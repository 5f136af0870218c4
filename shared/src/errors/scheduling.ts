/** Appointment types, hours, time off, sessions and calendar feeds. */
export const SCHEDULING_ERROR_CODES = [
  'session_not_found',
  'appointment_type_not_found',
  'time_off_not_found',
  'calendar_feed_not_found',
  /** 409: outside the therapist's hours or during time off; book anyway with a reason. */
  'outside_hours',
  /** 409: the therapist has another session then. */
  'therapist_busy',
  /** 409: the client has another session then. */
  'client_busy',
  /** 409 with `current`: someone changed the session first. */
  'session_changed',
  /** 409: the session was cancelled. */
  'session_cancelled',
  /** 409: only a booked session can be cancelled. */
  'session_not_booked',
] as const;
export type SchedulingErrorCode = (typeof SCHEDULING_ERROR_CODES)[number];
