/**
 * Error codes: every 4xx (and 5xx) body the API sends is `{ statusCode, error, code, message }`
 * (+ `fields` for validation, `current` for a 409 the caller can recover from). `message` is
 * plain words for a person; `code` is for code: the client maps it to its own words and acts on
 * it (e.g. `outside_hours` offers "book anyway"). One union per feature, all in `ErrorCode`:
 *
 * - common (any route): validation_failed, invalid_json, invalid_value, bad_request,
 *   unauthenticated, forbidden, route_closed, csrf_failed, route_not_found, not_found,
 *   method_not_allowed, already_exists, reference_missing, conflict, payload_too_large,
 *   unsupported_media_type, key_reused, unprocessable, too_many_requests, database_unavailable,
 *   internal_error
 * - auth: bad_credentials, sign_in_throttled, admin_only, client_only, dashboard_role_missing,
 *   signup_disabled, account_exists, reset_link_gone, current_password_wrong, mfa_required,
 *   mfa_setup_required, step_up_required, mfa_code_invalid, mfa_code_used, mfa_not_enabled,
 *   mfa_already_enabled, mfa_required_by_practice, mfa_enrol_first
 * - people: client_not_found, client_changed, client_inactive, client_has_upcoming_sessions,
 *   client_has_account,
 *   member_not_found, therapist_not_found, cannot_deactivate_self, cannot_drop_own_admin,
 *   last_admin, invitation_not_found, invitation_gone
 * - screening: screening_not_found, instrument_not_found, alert_not_found, already_submitted,
 *   screening_cancelled, stale_draft, not_submitted, clients_see_no_scores,
 *   builtin_critical_items, critical_items_changed
 * - psychoeducation: module_not_found, reading_not_found, reflection_not_found, module_builtin,
 *   module_not_author, module_changed, reading_withdrawn, reading_changed, reflection_changed,
 *   reflection_gone
 * - scheduling: session_not_found, appointment_type_not_found, time_off_not_found,
 *   calendar_feed_not_found, outside_hours, therapist_busy, client_busy, session_changed,
 *   session_cancelled, session_not_booked, session_started, self_booking_off,
 *   self_booking_paused, self_booking_no_therapist, inside_notice_window
 */
import { AUTH_ERROR_CODES, type AuthErrorCode } from './auth.js';
import { COMMON_ERROR_CODES, type CommonErrorCode } from './common.js';
import { PEOPLE_ERROR_CODES, type PeopleErrorCode } from './people.js';
import { PSYCHOEDUCATION_ERROR_CODES, type PsychoeducationErrorCode } from './psychoeducation.js';
import { SCHEDULING_ERROR_CODES, type SchedulingErrorCode } from './scheduling.js';
import { SCREENING_ERROR_CODES, type ScreeningErrorCode } from './screening.js';

export * from './auth.js';
export * from './common.js';
export * from './people.js';
export * from './psychoeducation.js';
export * from './scheduling.js';
export * from './screening.js';

export type ErrorCode =
  | CommonErrorCode
  | AuthErrorCode
  | PeopleErrorCode
  | ScreeningErrorCode
  | PsychoeducationErrorCode
  | SchedulingErrorCode;

/** Every code, once (a test keeps the unions from overlapping). */
export const ERROR_CODES: readonly ErrorCode[] = [
  ...COMMON_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...PEOPLE_ERROR_CODES,
  ...SCREENING_ERROR_CODES,
  ...PSYCHOEDUCATION_ERROR_CODES,
  ...SCHEDULING_ERROR_CODES,
];
