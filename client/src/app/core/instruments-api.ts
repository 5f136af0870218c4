import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CriticalItemsSettings,
  InstrumentDetail,
  InstrumentSummary,
  SaveCriticalItemsRequest,
} from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

@Injectable({ providedIn: 'root' })
export class InstrumentsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<InstrumentSummary[]> {
    return this.http.get<InstrumentSummary[]>('/api/instruments');
  }

  get(id: string): Observable<InstrumentDetail> {
    return this.http.get<InstrumentDetail>(`/api/instruments/${encodeURIComponent(id)}`);
  }

  /** Admin only. A 400 names the problem item in `fields` (`item.<linkId>` or `resourceType`). */
  importFhir(questionnaire: unknown, minAnsweredShare?: number): Observable<InstrumentDetail> {
    return this.http.post<InstrumentDetail>('/api/instruments/fhir', questionnaire, {
      params: queryParams({ minAnsweredShare }),
    });
  }

  criticalItems(id: string): Observable<CriticalItemsSettings> {
    return this.http.get<CriticalItemsSettings>(
      `/api/instruments/${encodeURIComponent(id)}/critical-items`,
    );
  }

  /** Admin only. A stale `version` fails with 409 and the current settings in `current`. */
  saveCriticalItems(id: string, body: SaveCriticalItemsRequest): Observable<CriticalItemsSettings> {
    return this.http.put<CriticalItemsSettings>(
      `/api/instruments/${encodeURIComponent(id)}/critical-items`,
      body,
    );
  }

  fhirUrl(id: string): string {
    return `/api/instruments/${encodeURIComponent(id)}/fhir`;
  }
}
