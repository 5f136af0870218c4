import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit/audit.repository.js';
import { MfaRepository } from './auth/mfa.repository.js';
import { PasswordResetsRepository } from './auth/password-resets.repository.js';
import { SessionsRepository } from './auth/sessions.repository.js';
import { SignInThrottleRepository } from './auth/sign-in-throttle.repository.js';
import { UsersRepository } from './auth/users.repository.js';
import { ClientsRepository } from './clients/clients.repository.js';
import { InvitationsRepository } from './invitations/invitations.repository.js';
import { MembersRepository } from './members/members.repository.js';
import { JobRunsRepository } from './notifications/job-runs.repository.js';
import { OutboxRepository } from './notifications/outbox.repository.js';
import { PracticesRepository } from './practices/practices.repository.js';
import { AssignmentsRepository } from './psychoeducation/assignments.repository.js';
import { ModulesRepository } from './psychoeducation/modules.repository.js';
import { ReflectionsRepository } from './psychoeducation/reflections.repository.js';
import { AppointmentTypesRepository } from './scheduling/appointment-types.repository.js';
import { AppointmentsRepository } from './scheduling/appointments.repository.js';
import { AvailabilityRepository } from './scheduling/availability.repository.js';
import { CalendarRepository } from './scheduling/calendar.repository.js';
import { AlertsRepository } from './screening/alerts.repository.js';
import { InstrumentsRepository } from './screening/instruments.repository.js';
import { ScreeningsRepository } from './screening/screenings.repository.js';

/**
 * Every feature's repository (immich's layout inside twenty's feature folders): each owns its
 * tables' SQL and row mappers and lives in its feature folder; they are provided once, globally,
 * because they depend on nothing but the data source, so a view across features (the dashboard)
 * reads through them without a web of module imports.
 */
const REPOSITORIES = [
  AuditRepository,
  UsersRepository,
  SessionsRepository,
  SignInThrottleRepository,
  MfaRepository,
  PasswordResetsRepository,
  PracticesRepository,
  MembersRepository,
  ClientsRepository,
  InvitationsRepository,
  OutboxRepository,
  JobRunsRepository,
  InstrumentsRepository,
  ScreeningsRepository,
  AlertsRepository,
  ModulesRepository,
  AssignmentsRepository,
  ReflectionsRepository,
  AppointmentTypesRepository,
  AvailabilityRepository,
  AppointmentsRepository,
  CalendarRepository,
];

@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class RepositoriesModule {}
