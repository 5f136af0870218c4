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
  /** 404: a password reset link that expired, was used, or never existed (the same answer). */
  'reset_link_gone',
  /** 400: the current password given to change it is not the right one (`fields.currentPassword`). */
  'current_password_wrong',
  /** 401: the password was right; the second step's code comes next (POST /api/auth/mfa/challenge). */
  'mfa_required',
  /** 403: the practice requires a second step for staff; set it up first (POST /api/auth/mfa/totp). */
  'mfa_setup_required',
  /** 403: this route needs a code entered within the last few minutes (POST /api/auth/mfa/challenge, then retry). */
  'step_up_required',
  /** 401: the code (or recovery code) is not right. */
  'mfa_code_invalid',
  /** 401: that code was already used; the next one from the app will work. */
  'mfa_code_used',
  /** 409: there is no second step to check or change. */
  'mfa_not_enabled',
  /** 409: a second step is already on (turn it off first to start again). */
  'mfa_already_enabled',
  /** 409: the practice requires a second step, so it cannot be turned off. */
  'mfa_required_by_practice',
  /** 409: an admin sets up their own second step before requiring one of the staff. */
  'mfa_enrol_first',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];
