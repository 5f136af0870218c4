/**
 * Every action the audit trail records, grouped by feature. The server's AuditService takes
 * only these (no free text), and every API route declares which of them it records (or that it
 * returns no client data): the route-inventory test fails on a route that does neither.
 */
export const AUDIT_ACTIONS = [
  // sign-in
  'auth.login.success',
  'auth.login.failure',
  'auth.login.throttled',
  'auth.logout',
  // practice and team
  'practice.create',
  'practice.update',
  'member.update',
  'invitation.create',
  'invitation.list',
  'invitation.revoke',
  'invitation.accept',
  'mailbox.read',
  'audit.list',
  'dashboard.read',
  // clients
  'client.list',
  'client.read',
  'client.create',
  'client.update',
  // screening
  'instrument.import',
  'instrument.export',
  'instrument.critical-items.update',
  'screening.assign',
  'screening.list',
  'screening.read',
  'screening.draft.save',
  'screening.submit',
  'screening.cancel',
  'screening.result.read',
  'screening.fhir.export',
  'alert.list',
  'alert.raise',
  'alert.escalate',
  'alert.acknowledge',
  // psychoeducation
  'module.create',
  'module.update',
  'recommendations.read',
  'assignment.create',
  'assignment.list',
  'assignment.progress',
  'assignment.update',
  'assignment.withdraw',
  'reflection.read',
  'reflection.create',
  'reflection.update',
  'reflection.share',
  'reflection.unshare',
  // scheduling
  'appointment_type.create',
  'appointment_type.update',
  'availability.set',
  'time_off.create',
  'time_off.delete',
  'appointment.list',
  'appointment.read',
  'appointment.book',
  'appointment.reschedule',
  'appointment.completed',
  'appointment.no_show',
  'appointment.cancel',
  'appointment.ics',
  'calendar_feed.create',
  'calendar_feed.revoke',
  'calendar_feed.read',
  'calendar.read',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
