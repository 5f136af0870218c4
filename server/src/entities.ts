import { AuditEvent } from './audit/audit-event.entity.js';
import { AuthSession } from './auth/auth-session.entity.js';
import { PasswordResetToken } from './auth/password-reset-token.entity.js';
import { RecoveryCode } from './auth/recovery-code.entity.js';
import { SignInThrottle } from './auth/sign-in-throttle.entity.js';
import { UserMfa } from './auth/user-mfa.entity.js';
import { User } from './auth/user.entity.js';
import { Client } from './clients/client.entity.js';
import { Invitation } from './invitations/invitation.entity.js';
import { Membership } from './members/membership.entity.js';
import { Practice } from './practices/practice.entity.js';
import { ModuleAssignment } from './psychoeducation/assignment.entity.js';
import { ModuleVersion } from './psychoeducation/module-version.entity.js';
import { PsychoedModule } from './psychoeducation/module.entity.js';
import { Reflection } from './psychoeducation/reflection.entity.js';
import { Alert } from './screening/alert.entity.js';
import { CriticalItemsSetting } from './screening/critical-items-setting.entity.js';
import { JobRun } from './notifications/job-run.entity.js';
import { OutboxMessage } from './notifications/outbox-message.entity.js';
import { AppointmentType } from './scheduling/appointment-type.entity.js';
import { Appointment } from './scheduling/appointment.entity.js';
import { AvailabilityRuleEntity } from './scheduling/availability-rule.entity.js';
import { CalendarFeed } from './scheduling/calendar-feed.entity.js';
import { TimeOff } from './scheduling/time-off.entity.js';
import { Instrument } from './screening/instrument.entity.js';
import { Screening } from './screening/screening.entity.js';

export const ENTITIES = [
  Practice,
  User,
  Membership,
  Client,
  AuthSession,
  Invitation,
  AuditEvent,
  Instrument,
  Screening,
  Alert,
  CriticalItemsSetting,
  PsychoedModule,
  ModuleVersion,
  ModuleAssignment,
  Reflection,
  AppointmentType,
  AvailabilityRuleEntity,
  TimeOff,
  Appointment,
  CalendarFeed,
  OutboxMessage,
  JobRun,
  SignInThrottle,
  PasswordResetToken,
  UserMfa,
  RecoveryCode,
];
