/** Sign-in, sign-up and the access policy's refusals. */
export const AUTH_ERROR_CODES = [
  /** 401: email and password do not match (or the login is off). */
  'bad_credentials',
  /** 429: too many sign-in attempts; Retry-After says how long to wait. */
  'sign_in_throttled',
  /** 403: only a practice admin may do this. */
  'admin_only',
  /** 403: only the client themselves may do this. */
  'client_only',
  /** 403: the caller asked for a dashboard of a role they do not hold. */
  'dashboard_role_missing',
  /** 403: web sign-up is turned off on this server. */
  'signup_disabled',
  /** 409: an account with this email exists. */
  'account_exists',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];
