import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ClientBrief,
  ClientSummary,
  CreateClientRequest,
  Page,
  UpdateClientRequest,
} from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

export interface ClientListQuery {
  cursor?: string | null;
  limit?: number;
  q?: string;
}

@Injectable({ providedIn: 'root' })
export class ClientsApi {
  private readonly http = inject(HttpClient);

  list(query: ClientListQuery = {}): Observable<Page<ClientSummary>> {
    return this.http.get<Page<ClientSummary>>('/api/clients', {
      params: queryParams({ cursor: query.cursor, limit: query.limit, q: query.q?.trim() }),
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
}
