import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AcceptInvitationRequest,
  CreateInvitationRequest,
  InvitationCreated,
  InvitationPreview,
  InvitationSummary,
  MeResponse,
  Page,
} from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

@Injectable({ providedIn: 'root' })
export class InvitationsApi {
  private readonly http = inject(HttpClient);

  /** Public: 404 when the link is unknown, used, revoked or expired. */
  preview(token: string): Observable<InvitationPreview> {
    return this.http.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`);
  }

  /** Public: sets the password and signs the person in. */
  accept(token: string, body: AcceptInvitationRequest): Observable<MeResponse> {
    return this.http.post<MeResponse>(`/api/invitations/${encodeURIComponent(token)}/accept`, body);
  }

  create(body: CreateInvitationRequest): Observable<InvitationCreated> {
    return this.http.post<InvitationCreated>('/api/invitations', body);
  }

  list(cursor: string | null = null, limit?: number): Observable<Page<InvitationSummary>> {
    return this.http.get<Page<InvitationSummary>>('/api/invitations', {
      params: queryParams({ cursor, limit }),
    });
  }

  revoke(id: string): Observable<void> {
    return this.http.post<void>(`/api/invitations/${encodeURIComponent(id)}/revoke`, {});
  }
}

/** Not yet accepted, revoked or expired. */
export function isPending(invitation: InvitationSummary, now = Date.now()): boolean {
  return (
    !invitation.acceptedAt &&
    !invitation.revokedAt &&
    new Date(invitation.expiresAt).getTime() > now
  );
}
