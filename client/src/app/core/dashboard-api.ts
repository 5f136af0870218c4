import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AdminDashboard, ClientDashboard, TherapistDashboard } from '@attune/shared';
import { Observable } from 'rxjs';
import { EarlyData } from './early-data';

/** The client's home data; first-page.ts starts it early under this same address. */
export const CLIENT_DASHBOARD_URL = '/api/dashboard';

/** GET /api/dashboard: everything a role's home page shows, in one request. */
@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);
  private readonly early = inject(EarlyData);

  therapist(): Observable<TherapistDashboard> {
    return this.http.get<TherapistDashboard>('/api/dashboard', { params: { as: 'therapist' } });
  }

  admin(): Observable<AdminDashboard> {
    return this.http.get<AdminDashboard>('/api/dashboard', { params: { as: 'admin' } });
  }

  client(): Observable<ClientDashboard> {
    return this.early.get<ClientDashboard>(CLIENT_DASHBOARD_URL);
  }
}
