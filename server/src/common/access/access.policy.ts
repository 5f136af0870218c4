import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type AccessTarget,
  type ErrorCode,
  type Permission,
  PERMISSIONS,
  type Role,
  roleAllows,
  type SelfBookingState,
} from '@attune/shared';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../auth-context.js';
import { AppError, badField, notFound, type NotFoundSubject } from '../errors.js';
import {
  type AccessRow,
  AccessRepository,
  type InvitationScope,
  type Scope,
  type SelfServiceRow,
} from './access.repository.js';

export type { InvitationScope, Scope } from './access.repository.js';

// The role rules live here and only here: nothing else in the server asks for a role.
const hasRole = (auth: AuthContext, role: Role): boolean => auth.roles.includes(role);

// A scope that reaches nobody (the nil UUID is never a row's id), for a caller without a role
// that reaches anything: the SQL stays the same statement.
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** What an object the caller may not reach is called in its "not found". */
const WHAT: Record<Exclude<AccessTarget, 'none'>, NotFoundSubject> = {
  client: 'That client',
  member: 'That team member',
  therapist: 'That therapist',
  invitation: 'That invitation',
  screening: 'That screener',
  alert: 'That alert',
  module: 'That module',
  assignment: 'That reading',
  reflection: 'That reflection',
  appointment: 'That session',
};

/** Role refusals that say why (a 403); any other is "Your role does not allow this." */
const REFUSED: Partial<Record<Permission, { code: ErrorCode; message: string }>> = {
  'clients.reassign': {
    code: 'admin_only',
    message: "Only a practice admin can change a client's therapist.",
  },
  'members.invite': {
    code: 'admin_only',
    message: 'Only a practice admin can invite team members.',
  },
  'reflections.write': {
    code: 'client_only',
    message: 'Only the client writes their reflections.',
  },
  'reflections.update': {
    code: 'client_only',
    message: 'Only the client writes their reflections.',
  },
  'appointments.move': { code: 'admin_only', message: 'Only a practice admin can move a session.' },
  'appointments.override': {
    code: 'admin_only',
    message: 'Only a practice admin can book outside working hours or during time off.',
  },
};

/** What a client asks to do themselves, for the self-service gate to weigh. */
export interface SelfServiceAsk {
  /** The therapist a booking is with: it must be the client's own. */
  therapistId?: string;
  /** The type to book: one the practice lets clients book. */
  typeId?: string;
  /** The client's session to move or cancel: it must be outside the notice window. */
  appointmentId?: string;
  /** A request to change the session is what the notice window leaves: skip that check. */
  insideWindowOk?: boolean;
  /** A new start: it must be outside the notice window too. */
  startsAt?: Date;
}

/** What the gate's facts add up to: the switch first, then a safety alert, then a therapist. */
function selfServiceState(row: SelfServiceRow): SelfBookingState {
  if (!row.enabled) return 'off';
  if (row.paused) return 'paused';
  if (!row.therapist_id || !row.therapist_active) return 'no_therapist';
  return 'open';
}

const hours = (n: number) => `${n} hour${n === 1 ? '' : 's'}`;

/** The gate's refusals, worded for the client who meets them. */
const CLOSED: Record<Exclude<SelfBookingState, 'open'>, () => AppError> = {
  off: () =>
    new AppError(
      HttpStatus.FORBIDDEN,
      'self_booking_off',
      'Your practice books sessions for you. Please get in touch with them to book or change a session.',
    ),
  paused: () =>
    new AppError(
      HttpStatus.FORBIDDEN,
      'self_booking_paused',
      'Online booking is paused for now. Please get in touch with your therapist to book or change a session.',
    ),
  no_therapist: () =>
    new AppError(
      HttpStatus.CONFLICT,
      'self_booking_no_therapist',
      'You are not matched with a therapist yet. Please get in touch with your practice to book a session.',
    ),
};

/** Rules finer than reach, read from the row the check found (null: allowed). */
const FINER: Partial<Record<Permission, (row: AccessRow, auth: AuthContext) => AppError | null>> = {
  // A withdrawn screener is gone for the client; staff still see it in the history.
  'screenings.read': (row, auth) =>
    hasRole(auth, 'client') && row.status === 'cancelled' ? notFound('That screener') : null,
  'assignments.read': (row, auth) => withdrawnForClient(row, auth),
  'assignments.progress': (row, auth) => withdrawnForClient(row, auth),
  'reflections.read': (row, auth) => withdrawnForClient(row, auth),
  'reflections.write': (row, auth) => withdrawnForClient(row, auth),
  'reflections.update': (row, auth) => withdrawnForClient(row, auth),
  'modules.edit': (row, auth) =>
    row.source === 'builtin'
      ? new AppError(
          HttpStatus.FORBIDDEN,
          'module_builtin',
          'Built-in modules cannot be edited. You can write your own module instead.',
        )
      : row.author_user_id !== auth.userId
        ? new AppError(
            HttpStatus.FORBIDDEN,
            'module_not_author',
            'Only the therapist who wrote this module can edit it.',
          )
        : null,
};

function withdrawnForClient(row: AccessRow, auth: AuthContext): AppError | null {
  return hasRole(auth, 'client') && row.status === 'withdrawn' ? notFound('That reading') : null;
}

/**
 * The one access policy (immich's `requireAccess`): every service method that touches client
 * data calls `requireAccess(auth, permission, ids)` first. Admins reach the whole practice,
 * therapists their own caseload (and calendar), clients only themselves; anything out of reach
 * is "not found", exactly as if it did not exist. List queries take their scope from here too.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly access: AccessRepository) {}

  /**
   * Throws unless the caller may do `permission` to every one of `ids`: 403 when the role never
   * may (no query), 404 when an object is out of reach, else the finer rule's answer. One query
   * per call (none without ids). Pass the transaction's manager inside one.
   */
  async requireAccess(
    auth: AuthContext,
    permission: Permission,
    ids: string | readonly string[] = [],
    manager?: EntityManager,
  ): Promise<void> {
    const { target } = PERMISSIONS[permission];
    if (!roleAllows(auth.roles, permission))
      throw new AppError(
        HttpStatus.FORBIDDEN,
        REFUSED[permission]?.code ?? 'forbidden',
        REFUSED[permission]?.message ?? 'Your role does not allow this.',
      );
    const wanted = [...new Set(typeof ids === 'string' ? [ids] : ids)];
    if (target === 'none' || wanted.length === 0) return;
    const found = await this.access.reachable(target, wanted, this.scopeFor(target, auth), manager);
    const finer = FINER[permission];
    for (const id of wanted) {
      const row = found.get(id);
      if (!row) throw notFound(WHAT[target]);
      const refusal = finer?.(row, auth);
      if (refusal) throw refusal;
    }
  }

  /**
   * A client's self-service, for themselves only: the practice turned it on, no safety alert of
   * theirs is open, their own active therapist, a type clients may book, and (for a new time or
   * a session to change) outside the practice's notice window. Staff never pass: their route is
   * the role's own permission. One query. Returns the notice window and the therapist.
   */
  async requireSelfService(
    auth: AuthContext,
    permission: 'appointments.selfBook' | 'appointments.selfChange',
    ask: SelfServiceAsk,
    manager?: EntityManager,
  ): Promise<{ noticeHours: number; therapistId: string; therapistName: string }> {
    if (!roleAllows(auth.roles, permission) || !auth.clientId)
      throw new AppError(HttpStatus.FORBIDDEN, 'forbidden', 'Your role does not allow this.');
    const row = await this.access.selfService(
      auth.practiceId,
      auth.clientId,
      { typeId: ask.typeId ?? null, appointmentId: ask.appointmentId ?? null },
      manager,
    );
    if (!row) throw notFound('That client');
    const state = selfServiceState(row);
    if (state !== 'open') throw CLOSED[state]();
    const therapistId = row.therapist_id!;
    const therapistName = row.therapist_name ?? 'your therapist';
    if (ask.therapistId !== undefined && ask.therapistId !== therapistId)
      throw badField('therapistId', `you can book only with your own therapist, ${therapistName}`);
    if (ask.typeId !== undefined && row.type_bookable !== true)
      throw badField('typeId', 'this kind of session cannot be booked online');
    const window = row.notice_hours * 3_600_000;
    if (ask.appointmentId !== undefined) {
      if (!row.session_starts_at) throw notFound('That session');
      if (!ask.insideWindowOk && row.session_starts_at.getTime() - Date.now() < window)
        throw new AppError(
          HttpStatus.CONFLICT,
          'inside_notice_window',
          `This session is less than ${hours(row.notice_hours)} away, so it can't be changed online. ` +
            `You can send ${therapistName} a request instead.`,
        );
    }
    if (ask.startsAt && ask.startsAt.getTime() - Date.now() < window)
      throw new AppError(
        HttpStatus.CONFLICT,
        'inside_notice_window',
        `Online, sessions can be booked at least ${hours(row.notice_hours)} ahead. ` +
          'Please choose a later time, or get in touch with your practice.',
      );
    return { noticeHours: row.notice_hours, therapistId, therapistName };
  }

  /**
   * Where one client's self-service stands (off, open, paused, no therapist), for their own page
   * and their therapist's: call after checking the caller reaches the client. One query.
   */
  async selfServiceState(
    auth: AuthContext,
    clientId: string,
  ): Promise<{
    state: SelfBookingState;
    noticeHours: number;
    therapist: { id: string; displayName: string } | null;
  }> {
    const row = await this.access.selfService(auth.practiceId, clientId, {
      typeId: null,
      appointmentId: null,
    });
    if (!row) throw notFound('That client');
    return {
      state: selfServiceState(row),
      noticeHours: row.notice_hours,
      therapist:
        row.therapist_id && row.therapist_active
          ? { id: row.therapist_id, displayName: row.therapist_name ?? '' }
          : null,
    };
  }

  /** The role half of a permission, for shaping an answer (e.g. scores only for staff). */
  can(auth: AuthContext, permission: Permission): boolean {
    return roleAllows(auth.roles, permission);
  }

  /** The clients a caller reaches: the practice (admin), a caseload (therapist), or themselves. */
  clientScope(auth: AuthContext): Scope {
    const scope = { practiceId: auth.practiceId, therapistId: null, clientId: null };
    if (hasRole(auth, 'admin')) return scope;
    if (hasRole(auth, 'therapist')) return { ...scope, therapistId: auth.memberId ?? NOBODY };
    if (hasRole(auth, 'client')) return { ...scope, clientId: auth.clientId ?? NOBODY };
    return { ...scope, clientId: NOBODY };
  }

  /** A therapist's own caseload, also for one who is an admin too (their therapist dashboard). */
  caseloadScope(auth: AuthContext): Scope {
    return {
      practiceId: auth.practiceId,
      therapistId: hasRole(auth, 'therapist') ? (auth.memberId ?? NOBODY) : NOBODY,
      clientId: null,
    };
  }

  /** Sessions a caller reaches: the practice calendar (admin), their own (therapist, client). */
  appointmentScope(auth: AuthContext): Scope {
    const scope = { practiceId: auth.practiceId, therapistId: null, clientId: null };
    if (hasRole(auth, 'client')) return { ...scope, clientId: auth.clientId ?? NOBODY };
    if (!hasRole(auth, 'admin')) return { ...scope, therapistId: auth.memberId ?? NOBODY };
    return scope;
  }

  /** Invitations a caller sees: all (admin), else the ones they sent or that name their clients. */
  invitationScope(auth: AuthContext): InvitationScope {
    return hasRole(auth, 'admin')
      ? { practiceId: auth.practiceId, invitedBy: null, caseload: null }
      : { practiceId: auth.practiceId, invitedBy: auth.userId, caseload: auth.memberId };
  }

  /** The invitations the caller sent themselves (a therapist's dashboard counts these). */
  ownInvitationScope(auth: AuthContext): InvitationScope {
    return { practiceId: auth.practiceId, invitedBy: auth.userId, caseload: auth.memberId };
  }

  /** Which dashboard a caller gets: a client theirs; staff the one asked for, if they hold it. */
  dashboardView(
    auth: AuthContext,
    asked?: 'admin' | 'therapist',
  ): 'client' | 'therapist' | 'admin' {
    if (hasRole(auth, 'client')) return 'client';
    const view = asked ?? (hasRole(auth, 'therapist') ? 'therapist' : 'admin');
    if (!hasRole(auth, view))
      throw new AppError(
        HttpStatus.FORBIDDEN,
        'dashboard_role_missing',
        `You do not have the ${view} role.`,
      );
    return view;
  }

  private scopeFor(target: Exclude<AccessTarget, 'none'>, auth: AuthContext) {
    const none = { invitedBy: null, caseload: null };
    switch (target) {
      case 'appointment':
        return { ...this.appointmentScope(auth), ...none };
      case 'therapist':
      case 'member':
        // Admins reach every therapist of the practice; a therapist only themselves.
        return {
          practiceId: auth.practiceId,
          therapistId: hasRole(auth, 'admin') ? null : (auth.memberId ?? NOBODY),
          clientId: null,
          ...none,
        };
      case 'invitation':
        return { ...this.invitationScope(auth), therapistId: null, clientId: null };
      case 'module':
        return {
          practiceId: auth.practiceId,
          therapistId: null,
          clientId: hasRole(auth, 'client') ? (auth.clientId ?? NOBODY) : null,
          ...none,
        };
      default:
        return { ...this.clientScope(auth), ...none };
    }
  }
}
