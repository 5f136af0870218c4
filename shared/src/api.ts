import type { MfaState } from './account-api.js';
import type { AuditAction } from './audit.js';
import type { ErrorCode } from './errors/index.js';
import type { AccountState, ClientStatus, Role, StaffRole } from './roles.js';

/** Every error body the API returns. `fields` maps a request field to what is wrong with it. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string>;
  /** Present on some 409s: the current server state to recover from. */
  current?: unknown;
  /**
   * Why, for code (see errors/index.ts): every error the server sends carries one, so the client
   * can map it to its own words and act on it (e.g. 'outside_hours'). Absent only on errors the
   * client makes up itself (offline).
   */
  code?: ErrorCode;
}

/** Cursor pagination used by every list endpoint (`?limit=&cursor=`). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PracticeSummary {
  id: string;
  name: string;
  timeZone: string;
  /** The practice's own after-hours / crisis text shown beside 988. */
  crisisText: string;
  /** Cancelling closer than this to the start counts as a late cancellation. */
  cancellationWindowHours?: number;
  /** Staff must set up a second step (TOTP) before they reach anything. */
  requireStaffMfa?: boolean;
  /**
   * The practice's stated retention period for closed records, in years (local law decides;
   * 7 by default). Attune never deletes clinical records: admins see the closed records past it.
   */
  retentionYears?: number;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
}

export interface MeResponse {
  user: UserSummary;
  practice: PracticeSummary;
  roles: Role[];
  /** Set when the user is a client of the practice. */
  clientId: string | null;
  /** Set when the user is a staff member of the practice. */
  memberId: string | null;
  /** The second step: whether it is on, and whether it must be set up before anything else. */
  mfa?: MfaState;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface CreatePracticeRequest {
  practiceName: string;
  timeZone: string;
  adminEmail: string;
  adminDisplayName: string;
  adminPassword: string;
  /** The first admin also sees clients (a solo practitioner). */
  adminIsTherapist?: boolean;
}

/**
 * The answer to a sign-up, the same whether or not the email already has an account: the
 * practice is created from the link mailed to the admin's address (POST /api/practices/confirm/:token).
 */
export interface SignupRequested {
  message: string;
}

export interface UpdatePracticeRequest {
  name?: string;
  timeZone?: string;
  crisisText?: string;
  cancellationWindowHours?: number;
  requireStaffMfa?: boolean;
  retentionYears?: number;
}

export interface MemberSummary {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  roles: StaffRole[];
  account: AccountState;
  createdAt: string;
  /** Whether they have a second step set up. */
  mfa?: boolean;
}

export interface UpdateMemberRequest {
  roles?: StaffRole[];
  active?: boolean;
}

export interface TherapistRef {
  id: string;
  displayName: string;
}

export interface ClientSummary {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  pronouns: string | null;
  email: string | null;
  timeZone: string | null;
  status: ClientStatus;
  account: AccountState;
  primaryTherapist: TherapistRef | null;
  createdAt: string;
  /** When an admin closed the record (deactivated the client); null while active. */
  closedAt: string | null;
  /** Optimistic concurrency: send back on PATCH. */
  version: number;
}

export interface CreateClientRequest {
  firstName: string;
  lastName: string;
  preferredName?: string;
  pronouns?: string;
  email?: string;
  timeZone?: string;
  /** Member id of the primary therapist. A therapist creating a client becomes it. */
  primaryTherapistId?: string;
}

export interface UpdateClientRequest {
  /** The version the edit was based on; a stale one gets 409. */
  version: number;
  firstName?: string;
  lastName?: string;
  preferredName?: string | null;
  pronouns?: string | null;
  email?: string | null;
  timeZone?: string | null;
  primaryTherapistId?: string | null;
}

/**
 * Closing a record (POST /api/clients/:id/deactivate, admins): the client can no longer sign in
 * and their sessions end at once; nothing clinical is deleted. Their upcoming sessions are
 * cancelled in the same step, and only the ones named here: when the list differs from what is
 * booked now, the answer is 409 `client_has_upcoming_sessions` with the current list.
 */
export interface DeactivateClientRequest {
  /** Ids of every upcoming booked session of the client (empty when there are none). */
  cancelSessionIds: string[];
}

export type InvitationKind = 'member' | 'client';

export interface CreateMemberInvitationRequest {
  kind: 'member';
  email: string;
  displayName: string;
  roles: StaffRole[];
}

export interface CreateClientInvitationRequest {
  kind: 'client';
  clientId: string;
}

export type CreateInvitationRequest = CreateMemberInvitationRequest | CreateClientInvitationRequest;

export interface InvitationSummary {
  id: string;
  kind: InvitationKind;
  email: string;
  displayName: string;
  roles: StaffRole[];
  clientId: string | null;
  expiresAt: string;
  createdAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

/** Returned once, to the inviter: the link holds the only copy of the token. */
export interface InvitationCreated extends InvitationSummary {
  link: string;
  /**
   * What happens to the invitation email: `email`, queued and sent by the server's mail
   * (SMTP_URL); `mailbox`, no outgoing mail is set up, so it is kept in the admins' Mail page.
   */
  delivery: 'email' | 'mailbox';
}

/** What the accept page shows before the password is set. */
export interface InvitationPreview {
  kind: InvitationKind;
  email: string;
  displayName: string;
  practiceName: string;
  expiresAt: string;
}

export interface AcceptInvitationRequest {
  password: string;
  displayName?: string;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: 'ok' | 'down';
  version: string;
}

export interface AuditEventSummary {
  id: string;
  action: AuditAction;
  actor: { id: string; displayName: string } | null;
  entityType: string | null;
  entityId: string | null;
  clientId: string | null;
  ip: string | null;
  createdAt: string;
}

/**
 * The id of the JSON block the server puts in a signed-in client's first page (their home or a
 * reading): who is signed in and the page's own API answer, so the app need not ask for them.
 */
export const FIRST_PAGE_DATA_ID = 'attune-early';

/** What that block holds. `answer` is exactly what GET `url` answers for the same session. */
export interface FirstPageData {
  me: MeResponse;
  url: string;
  answer: unknown;
}
