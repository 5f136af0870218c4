import { Injectable } from '@nestjs/common';
import type {
  AdminDashboard,
  ClientDashboard,
  Dashboard,
  TherapistDashboard,
} from '@attune/shared';
import { AuditService } from '../audit/audit.service.js';
import { ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { InvitationsRepository } from '../invitations/invitations.repository.js';
import { MembersRepository } from '../members/members.repository.js';
import { AlertsRepository } from '../screening/alerts.repository.js';
import { ScreeningsRepository } from '../screening/screenings.repository.js';

const OPEN_ALERTS_SHOWN = 20;
const RECENT_DAYS = 14;
const RECENT_SHOWN = 10;

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
    private readonly audit: AuditService,
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
                ? dashboard.recentlySubmitted.map((s) => s.clientId)
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
    const [openAlerts, counts, recent, invitations] = await Promise.all([
      this.alerts.open(caseload, OPEN_ALERTS_SHOWN),
      this.clients.counts(caseload),
      this.screenings.recentlySubmitted(caseload, RECENT_DAYS, RECENT_SHOWN),
      this.invitations.pendingCount(this.access.ownInvitationScope(auth)),
    ]);
    return {
      role: 'therapist',
      openAlerts,
      clientCount: counts.active,
      recentlySubmitted: recent,
      pendingInvitations: invitations,
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

  private async client(auth: AuthContext): Promise<ClientDashboard> {
    return {
      role: 'client',
      screeningsToDo: await this.screenings.toDo(auth.clientId!, auth.practiceId),
    };
  }
}
