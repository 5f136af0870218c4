import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AlertSummary, Page } from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

export type AlertStatusFilter = 'open' | 'acknowledged' | 'all';

@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);

  /** Open first, most urgent first, newest first; optionally one client's only. */
  list(
    status: AlertStatusFilter = 'open',
    cursor: string | null = null,
    limit?: number,
    clientId?: string,
  ): Observable<Page<AlertSummary>> {
    return this.http.get<Page<AlertSummary>>('/api/alerts', {
      params: queryParams({ status, cursor, limit, clientId }),
    });
  }

  acknowledge(id: string, note: string): Observable<AlertSummary> {
    return this.http.post<AlertSummary>(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, {
      note,
    });
  }
}
