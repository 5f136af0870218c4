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

/** Sign-in lockout: this many failures for one account within the window pause it. */
export const LOGIN_LOCKOUT = {
  maxFailures: 5,
  windowMs: 15 * 60 * 1000,
  maxFailuresPerIp: 30,
} as const;
