import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AlertSummary, Page } from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

export type AlertStatusFilter = 'open' | 'acknowledged' | 'all';

@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);

  /** Open first, urgent first, newest first. */
  list(
    status: AlertStatusFilter = 'open',
    cursor: string | null = null,
    limit?: number,
  ): Observable<Page<AlertSummary>> {
    return this.http.get<Page<AlertSummary>>('/api/alerts', {
      params: queryParams({ status, cursor, limit }),
    });
  }

  acknowledge(id: string, note: string): Observable<AlertSummary> {
    return this.http.post<AlertSummary>(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, {
      note,
    });
  }
}
