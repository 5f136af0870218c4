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

/**
 * How long a practice says it keeps closed records, in whole years. The default of 7 is common
 * in US state rules for adult records; local law decides (minors' records often run longer).
 */
export const RETENTION_YEARS = { min: 1, max: 100, default: 7 } as const;
