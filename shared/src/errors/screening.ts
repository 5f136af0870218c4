/** Screeners, instruments and safety alerts. */
export const SCREENING_ERROR_CODES = [
  'screening_not_found',
  'instrument_not_found',
  'alert_not_found',
  /** 409: the screener was already sent in. */
  'already_submitted',
  /** 409: the therapist withdrew the screener. */
  'screening_cancelled',
  /** 409 with `current`: the answers were saved elsewhere first (another device). */
  'stale_draft',
  /** 409: there is no result before submission. */
  'not_submitted',
  /** 403: clients never see scores. */
  'clients_see_no_scores',
  /** 409: the built-in screener's safety question cannot be changed. */
  'builtin_critical_items',
  /** 409 with `current`: someone changed the critical items first. */
  'critical_items_changed',
] as const;
export type ScreeningErrorCode = (typeof SCREENING_ERROR_CODES)[number];
