import type { MeResponse } from './api.js';

/** How a login session proved who it is: the password alone, or the password and a second step. */
export type Assurance = 'password' | 'mfa';

/** The caller's second step (TOTP), as `GET /api/auth/me` reports it. */
export interface MfaState {
  /** A second step is set up and confirmed. */
  enabled: boolean;
  /**
   * The practice requires a second step for staff and this member has none yet: every other
   * route answers 403 `mfa_setup_required` until it is set up.
   */
  setupRequired: boolean;
}

/**
 * `POST /api/auth/login` (and a finished password reset) when the account has a second step:
 * the password was right, and the code comes next (`POST /api/auth/mfa/challenge`).
 */
export interface MfaChallengeResponse {
  mfaRequired: true;
  message: string;
}

export type LoginResponse = MeResponse | MfaChallengeResponse;

export function isMfaChallenge(r: LoginResponse): r is MfaChallengeResponse {
  return 'mfaRequired' in r && r.mfaRequired === true;
}

export interface PasswordResetRequest {
  email: string;
}

/** The same words for every email address, known or not. */
export interface PasswordResetRequested {
  message: string;
}

/** What the reset page shows before the new password is set. */
export interface PasswordResetPreview {
  email: string;
  expiresAt: string;
}

export interface CompletePasswordResetRequest {
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** One place the caller is signed in. No address or location: only the device and the time. */
export interface LoginSessionSummary {
  id: string;
  /** "Chrome on macOS", "Safari on iPhone", or "Unknown device". */
  device: string;
  /** 'desktop' | 'mobile' | 'tablet' | null, for an icon. */
  deviceType: 'desktop' | 'mobile' | 'tablet' | null;
  signedInAt: string;
  lastSeenAt: string;
  /** The session making this request. */
  current: boolean;
  assurance: Assurance;
}

/** `POST /api/auth/mfa/totp`: the secret to add to an authenticator app, shown once. */
export interface TotpEnrolment {
  /** Base32, for typing in by hand. */
  secret: string;
  /** otpauth:// URI (what the QR code holds). */
  otpauthUrl: string;
  /** The QR code as an SVG data URL, drawn by the server (never by a third-party service). */
  qrCodeDataUrl: string;
  issuer: string;
  accountName: string;
}

/** A TOTP code (6 digits) or, where allowed, a recovery code. */
export interface MfaCodeRequest {
  code: string;
}

/** Shown once: after confirming the second step, or after making new ones. */
export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

/** `GET /api/auth/mfa`: the caller's second step. */
export interface MfaStatus {
  enabled: boolean;
  /** The practice requires it for this person (staff of a practice that turned it on). */
  required: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  /** When this session last entered a code (sign-in or step-up), if ever. */
  steppedUpAt: string | null;
}

/** `POST /api/auth/password`: done; this session goes on with a new token. */
export interface PasswordChanged {
  /** How many other sessions were signed out. */
  otherSessionsEnded: number;
}

/** `POST /api/auth/sessions/sign-out-others`. */
export interface OtherSessionsEnded {
  ended: number;
}
