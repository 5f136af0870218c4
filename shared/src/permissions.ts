import type { Role } from './roles.js';

/**
 * What a caller may do, and to what. The server checks every one in a single policy
 * (`AccessPolicy.requireAccess(auth, permission, ids)`) before a service touches client data;
 * an object the caller may not reach answers "not found", whoever owns it.
 *
 * Each permission names the kind of object its ids are (`target`), and the roles that may hold
 * it. Within a role the reach is fixed: an admin the whole practice, a therapist their own
 * caseload (and their own calendar), a client themselves. `none` permissions take no ids: they
 * answer a question about the caller's role alone.
 */
export const PERMISSIONS = {
  'clients.read': { target: 'client', roles: ['admin', 'therapist', 'client'] },
  'clients.update': { target: 'client', roles: ['admin', 'therapist'] },
  /** Choosing any therapist as a client's primary therapist (a therapist picks only themselves). */
  'clients.reassign': { target: 'none', roles: ['admin'] },
  'clients.invite': { target: 'client', roles: ['admin', 'therapist'] },
  /** The pre-session brief: scores, alerts, shared reflections, reading (staff only). */
  'clients.brief': { target: 'client', roles: ['admin', 'therapist'] },
  /** The client's own choice of the weekly gentle reminder email. */
  'reminders.manage': { target: 'none', roles: ['client'] },
  /** A copy of the whole record: the client their own, an admin any client's on request. */
  'clients.export': { target: 'client', roles: ['admin', 'client'] },
  /** Closing (deactivating) and reopening a client's record. */
  'clients.close': { target: 'client', roles: ['admin'] },
  'members.invite': { target: 'none', roles: ['admin'] },
  'members.update': { target: 'member', roles: ['admin'] },
  /** Turning off a team member's second step (they lost their phone and recovery codes). */
  'members.resetMfa': { target: 'member', roles: ['admin'] },
  /** Turning off a client's second step, on their request. */
  'clients.resetMfa': { target: 'client', roles: ['admin'] },
  'invitations.revoke': { target: 'invitation', roles: ['admin', 'therapist'] },

  'screenings.assign': { target: 'client', roles: ['admin', 'therapist'] },
  'screenings.list': { target: 'client', roles: ['admin', 'therapist', 'client'] },
  /** One screener: a client never reaches one their therapist withdrew. */
  'screenings.read': { target: 'screening', roles: ['admin', 'therapist', 'client'] },
  'screenings.answer': { target: 'screening', roles: ['therapist', 'client'] },
  'screenings.cancel': { target: 'screening', roles: ['admin', 'therapist'] },
  /** Scores, bands, alerts and exports: staff only (clients see their answers, never scores). */
  'screenings.review': { target: 'screening', roles: ['admin', 'therapist'] },
  'alerts.acknowledge': { target: 'alert', roles: ['admin', 'therapist'] },

  /** The practice's whole library, not only what was assigned to the caller. */
  'modules.browse': { target: 'none', roles: ['admin', 'therapist'] },
  /** A client reads only modules assigned to them. */
  'modules.read': { target: 'module', roles: ['admin', 'therapist', 'client'] },
  /** Only the therapist who wrote a module edits it; built-ins are read-only. */
  'modules.edit': { target: 'module', roles: ['therapist'] },
  'recommendations.read': { target: 'client', roles: ['admin', 'therapist'] },
  'assignments.create': { target: 'client', roles: ['admin', 'therapist'] },
  'assignments.list': { target: 'client', roles: ['admin', 'therapist', 'client'] },
  /** One reading: a client never reaches a withdrawn one. */
  'assignments.read': { target: 'assignment', roles: ['admin', 'therapist', 'client'] },
  /** Reading progress, completion and "was this helpful": the client's own. */
  'assignments.progress': { target: 'assignment', roles: ['client'] },
  /** Order, due date, note, withdrawal: the therapist's. */
  'assignments.update': { target: 'assignment', roles: ['admin', 'therapist'] },
  /** A reading's reflections: staff see only the ones the client shared. */
  'reflections.read': { target: 'assignment', roles: ['admin', 'therapist', 'client'] },
  /** Private reflections never reach staff. */
  'reflections.readPrivate': { target: 'none', roles: ['client'] },
  'reflections.write': { target: 'assignment', roles: ['client'] },
  'reflections.update': { target: 'reflection', roles: ['client'] },

  'appointments.read': { target: 'appointment', roles: ['admin', 'therapist', 'client'] },
  /** Booking is the admin's (the client named must be in the practice). */
  'appointments.book': { target: 'client', roles: ['admin'] },
  /**
   * A client books for themselves only, and only what `requireSelfService` allows: the practice
   * turned self-booking on, no safety alert is open, their own therapist, a type clients may
   * book, outside the notice window (and inside working hours: see `appointments.override`).
   */
  'appointments.selfBook': { target: 'client', roles: ['client'] },
  /** A client moves, cancels or asks to change their own session, under the same gate. */
  'appointments.selfChange': { target: 'appointment', roles: ['client'] },
  /** Booking outside working hours or during time off, with a reason. */
  'appointments.override': { target: 'none', roles: ['admin'] },
  /** Moving a session to another time, therapist or type: admins only. */
  'appointments.move': { target: 'none', roles: ['admin'] },
  /** Marking a session completed or missed; therapists their own sessions. */
  'appointments.update': { target: 'appointment', roles: ['admin', 'therapist'] },
  /** Therapists cancel their own sessions; admins any in the practice. */
  'appointments.cancel': { target: 'appointment', roles: ['admin', 'therapist'] },
  /** A therapist's hours, time off and free slots: admins any, therapists their own. */
  'therapists.read': { target: 'therapist', roles: ['admin', 'therapist'] },
  'therapists.manage': { target: 'therapist', roles: ['admin', 'therapist'] },
  /** The calendar grid: admins the practice's therapists, therapists their own column. */
  'calendar.read': { target: 'therapist', roles: ['admin', 'therapist'] },
  /** Sessions, outcomes and free hours per therapist and week. */
  'utilisation.read': { target: 'therapist', roles: ['admin'] },
} as const satisfies Record<string, { target: AccessTarget; roles: readonly Role[] }>;

/** The kinds of object a permission's ids name. */
export type AccessTarget =
  | 'none'
  | 'client'
  | 'member'
  | 'therapist'
  | 'invitation'
  | 'screening'
  | 'alert'
  | 'module'
  | 'assignment'
  | 'reflection'
  | 'appointment';

export type Permission = keyof typeof PERMISSIONS;

/** Whether a caller with these roles may hold the permission (reach aside). */
export function roleAllows(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission].roles;
  return roles.some((r) => allowed.includes(r));
}
