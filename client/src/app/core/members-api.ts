import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { MemberSummary, Page, UpdateMemberRequest } from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

@Injectable({ providedIn: 'root' })
export class MembersApi {
  private readonly http = inject(HttpClient);

  list(cursor: string | null = null, limit?: number): Observable<Page<MemberSummary>> {
    return this.http.get<Page<MemberSummary>>('/api/members', {
      params: queryParams({ cursor, limit }),
    });
  }

  update(id: string, body: UpdateMemberRequest): Observable<MemberSummary> {
    return this.http.patch<MemberSummary>(`/api/members/${encodeURIComponent(id)}`, body);
  }
}
