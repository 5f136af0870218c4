import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ChangePasswordRequest,
  LoginResponse,
  LoginSessionSummary,
  MfaStatus,
  OtherSessionsEnded,
  PasswordChanged,
  PasswordResetPreview,
  PasswordResetRequested,
  RecoveryCodesResponse,
  TotpEnrolment,
} from '@attune/shared';
import { Observable } from 'rxjs';

const token = (t: string) => encodeURIComponent(t);

/** The signed-in person's own account: password, reset links, second step and sessions. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  requestReset(email: string): Observable<PasswordResetRequested> {
    return this.http.post<PasswordResetRequested>('/api/auth/password-reset', { email });
  }

  previewReset(t: string): Observable<PasswordResetPreview> {
    return this.http.get<PasswordResetPreview>(`/api/auth/password-reset/${token(t)}`);
  }

  completeReset(t: string, password: string): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`/api/auth/password-reset/${token(t)}`, { password });
  }

  changePassword(body: ChangePasswordRequest): Observable<PasswordChanged> {
    return this.http.post<PasswordChanged>('/api/auth/password', body);
  }

  sessions(): Observable<LoginSessionSummary[]> {
    return this.http.get<LoginSessionSummary[]>('/api/auth/sessions');
  }

  signOutSession(id: string): Observable<void> {
    return this.http.delete<void>(`/api/auth/sessions/${encodeURIComponent(id)}`);
  }

  signOutOthers(): Observable<OtherSessionsEnded> {
    return this.http.post<OtherSessionsEnded>('/api/auth/sessions/sign-out-others', {});
  }

  mfaStatus(): Observable<MfaStatus> {
    return this.http.get<MfaStatus>('/api/auth/mfa');
  }

  startTotp(): Observable<TotpEnrolment> {
    return this.http.post<TotpEnrolment>('/api/auth/mfa/totp', {});
  }

  confirmTotp(code: string): Observable<RecoveryCodesResponse> {
    return this.http.post<RecoveryCodesResponse>('/api/auth/mfa/totp/verify', { code });
  }

  newRecoveryCodes(code: string): Observable<RecoveryCodesResponse> {
    return this.http.post<RecoveryCodesResponse>('/api/auth/mfa/recovery-codes', { code });
  }

  turnOffMfa(): Observable<void> {
    return this.http.delete<void>('/api/auth/mfa');
  }

  resetMemberMfa(memberId: string): Observable<void> {
    return this.http.delete<void>(`/api/members/${encodeURIComponent(memberId)}/mfa`);
  }
}
