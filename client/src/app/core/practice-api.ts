import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { PracticeSummary, UpdatePracticeRequest } from '@attune/shared';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class PracticeApi {
  private readonly http = inject(HttpClient);

  get(): Observable<PracticeSummary> {
    return this.http.get<PracticeSummary>('/api/practice');
  }

  update(body: UpdatePracticeRequest): Observable<PracticeSummary> {
    return this.http.patch<PracticeSummary>('/api/practice', body);
  }
}
