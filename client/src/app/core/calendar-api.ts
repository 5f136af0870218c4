import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CalendarView, UtilisationView } from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

export interface CalendarQuery {
  from: string;
  to: string;
  /** One therapist's column; all of the practice's therapists without it. */
  therapistId?: string | null;
  /** The type free times are for; the default ongoing type without it. */
  typeId?: string | null;
  includeCancelled?: boolean;
}

export interface UtilisationQuery {
  /** Any date in the first week ("YYYY-MM-DD"). */
  from: string;
  weeks: number;
  therapistId?: string | null;
}

/** The calendar grid's one request per view, and the utilisation report. */
@Injectable({ providedIn: 'root' })
export class CalendarApi {
  private readonly http = inject(HttpClient);

  view(query: CalendarQuery): Observable<CalendarView> {
    return this.http.get<CalendarView>('/api/calendar', {
      params: queryParams({
        from: query.from,
        to: query.to,
        therapistId: query.therapistId,
        typeId: query.typeId,
        includeCancelled: query.includeCancelled ? 'true' : undefined,
      }),
    });
  }

  utilisation(query: UtilisationQuery): Observable<UtilisationView> {
    return this.http.get<UtilisationView>('/api/utilisation', {
      params: queryParams({
        from: query.from,
        weeks: String(query.weeks),
        therapistId: query.therapistId,
      }),
    });
  }
}
