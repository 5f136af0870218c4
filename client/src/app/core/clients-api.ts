import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ClientBrief,
  ClientSummary,
  CreateClientRequest,
  DeactivateClientRequest,
  Page,
  UpdateClientRequest,
} from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

export interface ClientListQuery {
  cursor?: string | null;
  limit?: number;
  q?: string;
  /** Only closed records past the practice's retention period (admins). */
  pastRetention?: boolean;
}

@Injectable({ providedIn: 'root' })
export class ClientsApi {
  private readonly http = inject(HttpClient);

  list(query: ClientListQuery = {}): Observable<Page<ClientSummary>> {
    return this.http.get<Page<ClientSummary>>('/api/clients', {
      params: queryParams({
        cursor: query.cursor,
        limit: query.limit,
        q: query.q?.trim(),
        pastRetention: query.pastRetention ? 'true' : undefined,
      }),
    });
  }

  get(id: string): Observable<ClientSummary> {
    return this.http.get<ClientSummary>(`/api/clients/${encodeURIComponent(id)}`);
  }

  /** The pre-session brief: everything for the next session on one screen, in one request. */
  brief(id: string): Observable<ClientBrief> {
    return this.http.get<ClientBrief>(`/api/clients/${encodeURIComponent(id)}/brief`);
  }

  create(body: CreateClientRequest): Observable<ClientSummary> {
    return this.http.post<ClientSummary>('/api/clients', body);
  }

  /** A stale `version` fails with 409 and `current` (the latest ClientSummary) in the error. */
  update(id: string, body: UpdateClientRequest): Observable<ClientSummary> {
    return this.http.patch<ClientSummary>(`/api/clients/${encodeURIComponent(id)}`, body);
  }

  /**
   * Where the client's record downloads from (a ZIP streamed by the server): a plain link, so the
   * browser saves it straight to disk with the session cookie, however big it is.
   */
  exportUrl(id: string): string {
    return `/api/clients/${encodeURIComponent(id)}/export`;
  }

  /**
   * Closes the record. `cancelSessionIds` must name every upcoming session (they are cancelled);
   * a different list fails with 409 `client_has_upcoming_sessions` and the current list.
   */
  deactivate(id: string, body: DeactivateClientRequest): Observable<ClientSummary> {
    return this.http.post<ClientSummary>(`/api/clients/${encodeURIComponent(id)}/deactivate`, body);
  }

  reactivate(id: string): Observable<ClientSummary> {
    return this.http.post<ClientSummary>(`/api/clients/${encodeURIComponent(id)}/reactivate`, {});
  }
}
