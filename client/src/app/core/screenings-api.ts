import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AssignScreeningRequest,
  DraftSaved,
  SaveDraftRequest,
  ScreeningDetail,
  ScreeningResultView,
  ScreeningSubmitted,
  ScreeningSummary,
  SubmitScreeningRequest,
} from '@attune/shared';
import { Observable } from 'rxjs';

const enc = encodeURIComponent;

@Injectable({ providedIn: 'root' })
export class ScreeningsApi {
  private readonly http = inject(HttpClient);

  /** Newest first. Staff get results; a client gets their own without results or cancelled ones. */
  listForClient(clientId: string): Observable<ScreeningSummary[]> {
    return this.http.get<ScreeningSummary[]>(`/api/clients/${enc(clientId)}/screenings`);
  }

  assign(clientId: string, body: AssignScreeningRequest): Observable<ScreeningSummary> {
    return this.http.post<ScreeningSummary>(`/api/clients/${enc(clientId)}/screenings`, body);
  }

  get(id: string): Observable<ScreeningDetail> {
    return this.http.get<ScreeningDetail>(`/api/screenings/${enc(id)}`);
  }

  /** A stale `version` fails with 409 and `current` (a DraftConflict) in the error. */
  saveDraft(id: string, body: SaveDraftRequest): Observable<DraftSaved> {
    return this.http.put<DraftSaved>(`/api/screenings/${enc(id)}/draft`, body);
  }

  /** Send the same `idempotencyKey` when retrying one submit attempt. */
  submit(
    id: string,
    body: SubmitScreeningRequest,
    idempotencyKey: string,
  ): Observable<ScreeningSubmitted> {
    return this.http.post<ScreeningSubmitted>(`/api/screenings/${enc(id)}/submit`, body, {
      headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
    });
  }

  cancel(id: string): Observable<ScreeningSummary> {
    return this.http.post<ScreeningSummary>(`/api/screenings/${enc(id)}/cancel`, {});
  }

  /** Staff only. */
  result(id: string): Observable<ScreeningResultView> {
    return this.http.get<ScreeningResultView>(`/api/screenings/${enc(id)}/result`);
  }

  /** Where the FHIR QuestionnaireResponse JSON can be downloaded (the session cookie applies). */
  fhirUrl(id: string): string {
    return `/api/screenings/${enc(id)}/fhir`;
  }
}
