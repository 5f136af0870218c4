import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AssignScreeningRequest,
  ClientScreeningDetail,
  ClientScreeningSummary,
  DraftSaved,
  SaveDraftRequest,
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

  /** Staff: a client's screenings, newest first, with results and open alerts. */
  listForClient(clientId: string): Observable<ScreeningSummary[]> {
    return this.http.get<ScreeningSummary[]>(`/api/clients/${enc(clientId)}/screenings`);
  }

  /** A client's own screenings: no results, no alerts, no cancelled ones. */
  listOwn(clientId: string): Observable<ClientScreeningSummary[]> {
    return this.http.get<ClientScreeningSummary[]>(`/api/clients/${enc(clientId)}/screenings`);
  }

  assign(clientId: string, body: AssignScreeningRequest): Observable<ScreeningSummary> {
    return this.http.post<ScreeningSummary>(`/api/clients/${enc(clientId)}/screenings`, body);
  }

  /** The client's view for the runner: questions, own answers and crisis text. */
  get(id: string): Observable<ClientScreeningDetail> {
    return this.http.get<ClientScreeningDetail>(`/api/screenings/${enc(id)}`);
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
