/** Field limits shared by server DTOs and Angular validators. */
export const LIMITS = {
  passwordMin: 12,
  passwordMax: 128,
  emailMax: 254,
  nameMax: 100,
  pronounsMax: 40,
  practiceNameMax: 120,
  crisisTextMax: 1000,
  timeZoneMax: 64,
  pageSizeDefault: 50,
  pageSizeMax: 200,
} as const;

/** Session lifetimes (milliseconds). */
export const SESSION = {
  idleMs: 15 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
} as const;

/** Invitation links stay valid this long. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Sign-in throttling. After `maxFailures` failed attempts for one account (or one trusted
 * device, or `maxFailuresPerIp` from one address) each further attempt waits for a delay that
 * starts at `baseDelayMs` and doubles up to `maxDelayMs`. Quiet for `forgetAfterMs` (per IP:
 * `forgetIpAfterMs`), the count starts over.
 */
export const LOGIN_LOCKOUT = {
  maxFailures: 5,
  maxFailuresPerIp: 30,
  baseDelayMs: 15 * 1000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 24 * 60 * 60 * 1000,
  forgetIpAfterMs: 60 * 60 * 1000,
} as const;

/** Account security: reset links, the second step (TOTP) and step-up. */
export const ACCOUNT_SECURITY = {
  /** A password reset link works once, for this long. */
  resetLinkTtlMs: 30 * 60 * 1000,
  /** After the password, a sign-in waits this long at most for its code. */
  mfaPendingTtlMs: 5 * 60 * 1000,
  /** A step-up (a code entered again) counts for this long before exports and role changes. */
  stepUpWindowMs: 10 * 60 * 1000,
  /** How many single-use recovery codes a person gets at a time. */
  recoveryCodeCount: 10,
  /** A TOTP code is 6 digits; a recovery code is 12 letters and digits (dashes optional). */
  totpDigits: 6,
  codeMax: 32,
} as const;
/**
 * How long a practice says it keeps closed records, in whole years. The default of 7 is common
 * in US state rules for adult records; local law decides (minors' records often run longer).
 */
export const RETENTION_YEARS = { min: 1, max: 100, default: 7 } as const;
