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
  /** 409: the session has already started. */
  'session_started',
  /** 403: the practice does not offer self-booking. */
  'self_booking_off',
  /** 403: self-booking waits while a safety alert of the client's is open. */
  'self_booking_paused',
  /** 409: the client has no (active) therapist to book with. */
  'self_booking_no_therapist',
  /** 409: too close to the session to book, move or cancel it online; send a request instead. */
  'inside_notice_window',
] as const;
export type SchedulingErrorCode = (typeof SCHEDULING_ERROR_CODES)[number];
