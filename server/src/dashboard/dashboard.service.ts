import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AdminDashboard,
  ClientDashboard,
  Dashboard,
  TherapistDashboard,
} from '@attune/shared';
import { DataSource } from 'typeorm';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { AlertsService } from '../screening/alerts.service.js';
import {
  SCREENING_COLUMNS,
  type ScreeningRow,
  toClientScreeningSummary,
  toScreeningSummary,
} from '../screening/screenings.service.js';

const OPEN_ALERTS_SHOWN = 20;

/** Each role's dashboard in one request and a fixed number of queries, whatever the data size. */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly alerts: AlertsService,
  ) {}

  async get(auth: AuthContext, as?: 'admin' | 'therapist'): Promise<Dashboard> {
    if (hasRole(auth, 'client')) return this.client(auth);
    const view = as ?? (hasRole(auth, 'therapist') ? 'therapist' : 'admin');
    if (!hasRole(auth, view))
      throw new AppError(HttpStatus.FORBIDDEN, `You do not have the ${view} role.`);
    return view === 'therapist' ? this.therapist(auth) : this.admin(auth);
  }

  private async therapist(auth: AuthContext): Promise<TherapistDashboard> {
    // Scope to the caseload even for a therapist who is also an admin.
    const own: AuthContext = { ...auth, roles: ['therapist'] };
    const [openAlerts, counts, recent] = await Promise.all([
      this.alerts.openAlerts(own, OPEN_ALERTS_SHOWN),
      this.ds.query<{ clients: number; invitations: number }[]>(
        `SELECT (SELECT count(*)::int FROM clients WHERE practice_id = $1 AND primary_therapist_id = $2 AND status = 'active') AS clients,
                (SELECT count(*)::int FROM invitations i WHERE i.practice_id = $1 AND i.invited_by_user_id = $3
                   AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()) AS invitations`,
        [auth.practiceId, auth.memberId, auth.userId],
      ),
      this.ds.query<ScreeningRow[]>(
        `SELECT ${SCREENING_COLUMNS}
           FROM screenings s JOIN instruments i ON i.id = s.instrument_id JOIN clients c ON c.id = s.client_id
          WHERE s.practice_id = $1 AND c.primary_therapist_id = $2 AND s.status = 'submitted'
            AND s.submitted_at > now() - interval '14 days'
          ORDER BY s.submitted_at DESC LIMIT 10`,
        [auth.practiceId, auth.memberId],
      ),
    ]);
    return {
      role: 'therapist',
      openAlerts,
      clientCount: counts[0]!.clients,
      recentlySubmitted: recent.map(toScreeningSummary),
      pendingInvitations: counts[0]!.invitations,
    };
  }

  private async admin(auth: AuthContext): Promise<AdminDashboard> {
    const own: AuthContext = { ...auth, roles: ['admin'] };
    const [openAlerts, counts] = await Promise.all([
      this.alerts.openAlerts(own, OPEN_ALERTS_SHOWN),
      this.ds.query<
        { clients: number; unassigned: number; members: number; invitations: number }[]
      >(
        `SELECT (SELECT count(*)::int FROM clients WHERE practice_id = $1 AND status = 'active') AS clients,
                (SELECT count(*)::int FROM clients WHERE practice_id = $1 AND status = 'active' AND primary_therapist_id IS NULL) AS unassigned,
                (SELECT count(*)::int FROM memberships m JOIN users u ON u.id = m.user_id
                  WHERE m.practice_id = $1 AND u.disabled_at IS NULL) AS members,
                (SELECT count(*)::int FROM invitations i WHERE i.practice_id = $1
                   AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()) AS invitations`,
        [auth.practiceId],
      ),
    ]);
    const c = counts[0]!;
    return {
      role: 'admin',
      openAlerts,
      clientCount: c.clients,
      memberCount: c.members,
      pendingInvitations: c.invitations,
      unassignedClients: c.unassigned,
    };
  }

  private async client(auth: AuthContext): Promise<ClientDashboard> {
    const rows: ScreeningRow[] = await this.ds.query(
      `SELECT ${SCREENING_COLUMNS}
         FROM screenings s JOIN instruments i ON i.id = s.instrument_id
        WHERE s.client_id = $1 AND s.practice_id = $2 AND s.status IN ('assigned', 'in_progress')
        ORDER BY s.created_at`,
      [auth.clientId, auth.practiceId],
    );
    return { role: 'client', screeningsToDo: rows.map(toClientScreeningSummary) };
  }
}
