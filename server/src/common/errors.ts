import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@attune/shared';

/**
 * A 4xx with a typed code (twenty's per-feature exception codes, from @attune/shared), a
 * user-facing message, and optional per-field detail and recovery state.
 */
export class AppError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    extra: {
      fields?: Record<string, string>;
      current?: unknown;
      /** Seconds; sent as the Retry-After header by whoever answers (see LoginGuard). */
      retryAfter?: number;
    } = {},
  ) {
    super({ message, code, ...extra }, status);
  }
}

/** What a "not found" names, and the code it carries. */
const NOT_FOUND = {
  'That item': 'not_found',
  'That client': 'client_not_found',
  'That team member': 'member_not_found',
  'That therapist': 'therapist_not_found',
  'That invitation': 'invitation_not_found',
  'That screener': 'screening_not_found',
  'That instrument': 'instrument_not_found',
  'That alert': 'alert_not_found',
  'That module': 'module_not_found',
  'That reading': 'reading_not_found',
  'That reflection': 'reflection_not_found',
  'That session': 'session_not_found',
  'That appointment type': 'appointment_type_not_found',
  'That time off': 'time_off_not_found',
  'That calendar feed': 'calendar_feed_not_found',
  'That sign-in': 'not_found',
} as const satisfies Record<string, ErrorCode>;

export type NotFoundSubject = keyof typeof NOT_FOUND;

export const notFound = (what: NotFoundSubject = 'That item') =>
  new AppError(HttpStatus.NOT_FOUND, NOT_FOUND[what], `${what} was not found.`);

export const badField = (field: string, message: string) =>
  new AppError(HttpStatus.BAD_REQUEST, 'validation_failed', `${field}: ${message}`, {
    fields: { [field]: message },
  });

export const conflict = (code: ErrorCode, message: string, current?: unknown) =>
  new AppError(HttpStatus.CONFLICT, code, message, current === undefined ? {} : { current });
