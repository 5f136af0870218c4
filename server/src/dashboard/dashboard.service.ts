import { Injectable } from '@nestjs/common';
import type {
  AdminDashboard,
  ClientDashboard,
  Dashboard,
  TherapistDashboard,
  TherapistToday,
} from '@attune/shared';
import { AuditService } from '../audit/audit.service.js';
import { ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { InvitationsRepository } from '../invitations/invitations.repository.js';
import { MembersRepository } from '../members/members.repository.js';
import { PracticesRepository } from '../practices/practices.repository.js';
import { AssignmentsRepository } from '../psychoeducation/assignments.repository.js';
import { ReflectionsRepository } from '../psychoeducation/reflections.repository.js';
import { AppointmentsRepository, clientName } from '../scheduling/appointments.repository.js';
import { calendarDay } from '../scheduling/calendar-day.js';
import { AlertsRepository } from '../screening/alerts.repository.js';
import { ScreeningsRepository } from '../screening/screenings.repository.js';

const OPEN_ALERTS_SHOWN = 20;
const RECENT_DAYS = 14;
const RECENT_SHOWN = 10;
const CLIENT_READING_SHOWN = 3;
const DAY_MS = 86_400_000;

/**
 * Each role's dashboard in one request and a fixed number of queries, whatever the data size.
 * A view across features: it reads through their repositories and queries no table itself.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly alerts: AlertsRepository,
    private readonly screenings: ScreeningsRepository,
    private readonly clients: ClientsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly members: MembersRepository,
    private readonly practices: PracticesRepository,
    private readonly appointments: AppointmentsRepository,
    private readonly reflections: ReflectionsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(auth: AuthContext, as?: 'admin' | 'therapist'): Promise<Dashboard> {
    const view = this.access.dashboardView(auth, as);
    const dashboard =
      view === 'client'
        ? await this.client(auth)
        : view === 'therapist'
          ? await this.therapist(auth)
          : await this.admin(auth);
    // Open alerts and recent results are client data: the read is on the trail with whose.
    const clientIds =
      dashboard.role === 'client'
        ? [auth.clientId]
        : [
            ...new Set([
              ...dashboard.openAlerts.map((a) => a.client.id),
              ...(dashboard.role === 'therapist'
                ? [
                    ...dashboard.recentlySubmitted.map((s) => s.clientId),
                    ...dashboard.today.sessions.map((s) => s.client.id),
                    ...dashboard.sharedReflections.map((r) => r.client.id),
                  ]
                : []),
            ]),
          ];
    await this.audit.byCaller(auth, 'dashboard.read', {
      entityType: 'dashboard',
      clientId: dashboard.role === 'client' ? auth.clientId : null,
      meta: { view, clientIds },
    });
    return dashboard;
  }

  private async therapist(auth: AuthContext): Promise<TherapistDashboard> {
    // Scope to the caseload even for a therapist who is also an admin.
    const caseload = this.access.caseloadScope(auth);
    const now = this.clock.now();
    const [openAlerts, counts, recent, invitations, today, shared] = await Promise.all([
      this.alerts.open(caseload, OPEN_ALERTS_SHOWN),
      this.clients.counts(caseload),
      this.screenings.recentlySubmitted(caseload, RECENT_DAYS, RECENT_SHOWN),
      this.invitations.pendingCount(this.access.ownInvitationScope(auth)),
      this.today(auth, now),
      this.reflections.recentlyShared(
        caseload,
        new Date(now.getTime() - RECENT_DAYS * DAY_MS),
        RECENT_SHOWN,
      ),
    ]);
    return {
      role: 'therapist',
      openAlerts,
      today,
      clientCount: counts.active,
      recentlySubmitted: recent,
      sharedReflections: shared.map((r) => ({
        id: r.id,
        assignmentId: r.assignment_id,
        client: { id: r.client_id, displayName: r.client_name },
        moduleTitle: r.module_title,
        sharedAt: r.shared_at.toISOString(),
      })),
      pendingInvitations: invitations,
    };
  }

  /**
   * The therapist's own sessions that start today, midnight to midnight in the practice's zone
   * (not the UTC date, not "from now on": a session earlier today stays on the list).
   */
  private async today(auth: AuthContext, now: Date): Promise<TherapistToday> {
    const { timeZone } = await this.practices.find(auth.practiceId);
    const day = calendarDay(now, timeZone);
    const rows = auth.memberId
      ? await this.appointments.startingBetween(auth.memberId, auth.practiceId, day.from, day.to)
      : [];
    const levels = await this.alerts.openLevels(this.access.caseloadScope(auth), [
      ...new Set(rows.map((r) => r.client_id)),
    ]);
    return {
      date: day.date,
      timeZone,
      sessions: rows.map((r) => ({
        appointmentId: r.id,
        startsAt: r.starts_at.toISOString(),
        endsAt: r.ends_at.toISOString(),
        status: r.status,
        type: { id: r.type_id, name: r.type_name, durationMinutes: r.duration_minutes },
        client: { id: r.client_id, displayName: clientName(r) },
        briefAvailable: r.on_caseload,
        openAlertLevel: levels.get(r.client_id) ?? null,
      })),
    };
  }

  private async admin(auth: AuthContext): Promise<AdminDashboard> {
    const practice = this.access.clientScope(auth);
    const [openAlerts, counts, members, invitations] = await Promise.all([
      this.alerts.open(practice, OPEN_ALERTS_SHOWN),
      this.clients.counts(practice),
      this.members.counts(auth.practiceId),
      this.invitations.pendingCount(this.access.invitationScope(auth)),
    ]);
    return {
      role: 'admin',
      openAlerts,
      clientCount: counts.active,
      memberCount: members.active,
      pendingInvitations: invitations,
      unassignedClients: counts.unassigned,
    };
  }

  /** The client's next step: their next session, reading to read and screeners to finish. */
  private async client(auth: AuthContext): Promise<ClientDashboard> {
    const clientId = auth.clientId!;
    const [toDo, sessions, reading, practice] = await Promise.all([
      this.screenings.toDo(clientId, auth.practiceId),
      this.appointments.lastAndNext(clientId, auth.practiceId, this.clock.now()),
      this.assignments.open(clientId, auth.practiceId, CLIENT_READING_SHOWN),
      this.practices.find(auth.practiceId),
    ]);
    const next = sessions.next;
    return {
      role: 'client',
      screeningsToDo: toDo,
      nextSession: next
        ? {
            id: next.id,
            startsAt: next.starts_at.toISOString(),
            endsAt: next.ends_at.toISOString(),
            therapistName: next.therapist_name,
            typeName: next.type_name,
          }
        : null,
      reading: reading.map((a) => ({
        assignmentId: a.id,
        title: a.module.title,
        summary: a.module.summary,
        readingMinutes: a.module.readingMinutes,
        started: a.sectionsRead.length > 0,
      })),
      timeZone: practice.timeZone,
    };
  }
}
