/** Clients, team members and invitations. */
export const PEOPLE_ERROR_CODES = [
  'client_not_found',
  /** 409 with `current`: someone changed the client first. */
  'client_changed',
  /** 409: the client is inactive. */
  'client_inactive',
  /** 409 with `current` (the sessions): close a record only with its upcoming sessions named. */
  'client_has_upcoming_sessions',
  /** 409: the client already has a login. */
  'client_has_account',
  'member_not_found',
  'therapist_not_found',
  /** 409: an admin may not deactivate themselves. */
  'cannot_deactivate_self',
  /** 409: an admin may not drop their own admin role. */
  'cannot_drop_own_admin',
  /** 409: a practice keeps at least one active admin. */
  'last_admin',
  'invitation_not_found',
  /** 404: the invitation link expired, was used or was revoked. */
  'invitation_gone',
] as const;
export type PeopleErrorCode = (typeof PEOPLE_ERROR_CODES)[number];
