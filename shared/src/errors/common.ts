/** Codes any route may answer with (the request, the session, the database). */
export const COMMON_ERROR_CODES = [
  /** 400: a field is missing or wrong; `fields` names each one. */
  'validation_failed',
  /** 400: the body is not JSON. */
  'invalid_json',
  /** 400: a value is not in the format Postgres expects (a date, a number, a UUID). */
  'invalid_value',
  /** 400, any other malformed request. */
  'bad_request',
  /** 401: no session, or it ended. */
  'unauthenticated',
  /** 403: the caller's role may not do this. */
  'forbidden',
  /** 403: a route nobody may call (a server bug the route-inventory test catches). */
  'route_closed',
  /** 403: the request lacks the session-bound CSRF token. */
  'csrf_failed',
  /** 404: nothing answers at this address. */
  'route_not_found',
  /** 404: the object does not exist, or the caller may not reach it (the same answer). */
  'not_found',
  'method_not_allowed',
  /** 409: this clashes with something that already exists (a unique rule). */
  'already_exists',
  /** 409: this refers to something that no longer exists. */
  'reference_missing',
  /** 409, any other conflict. */
  'conflict',
  /** 413 */
  'payload_too_large',
  /** 415: the body must be JSON. */
  'unsupported_media_type',
  /** 422: this Idempotency-Key was used before with a different body. */
  'key_reused',
  /** 422, anything else that cannot be processed. */
  'unprocessable',
  /** 429 */
  'too_many_requests',
  /** 503: the database is down, frozen or too slow. */
  'database_unavailable',
  /** 500 */
  'internal_error',
] as const;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];
