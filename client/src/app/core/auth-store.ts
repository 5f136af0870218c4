import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { LoginRequest, MeResponse, PracticeSummary } from '@attune/shared';
import { firstValueFrom, Observable, tap } from 'rxjs';

/** The signed-in user, loaded once from /api/auth/me and kept as a signal. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<MeResponse | null>(null);
  private loaded = false;
  private pending: Promise<MeResponse | null> | null = null;

  readonly me = this.state.asReadonly();
  readonly isSignedIn = computed(() => this.state() !== null);
  readonly roles = computed(() => this.state()?.roles ?? []);
  readonly displayName = computed(() => this.state()?.user.displayName ?? '');
  readonly practice = computed(() => this.state()?.practice ?? null);

  /** Resolves with the current user (null when signed out). Calls the API at most once at a time. */
  ensureLoaded(): Promise<MeResponse | null> {
    if (this.loaded) return Promise.resolve(this.state());
    this.pending ??= firstValueFrom(this.http.get<MeResponse>('/api/auth/me'))
      .then(
        (me) => {
          this.setMe(me);
          return me;
        },
        (err: unknown) => {
          // 401 means "signed out"; other failures are retried on the next navigation.
          if (err instanceof HttpErrorResponse && err.status === 401) {
            this.clear();
          }
          return null;
        },
      )
      .finally(() => (this.pending = null));
    return this.pending;
  }

  login(body: LoginRequest): Observable<MeResponse> {
    return this.http.post<MeResponse>('/api/auth/login', body).pipe(tap((me) => this.setMe(me)));
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', {}).pipe(tap(() => this.clear()));
  }

  setMe(me: MeResponse): void {
    this.state.set(me);
    this.loaded = true;
  }

  /** Keeps the toolbar in step after the admin edits practice settings. */
  setPractice(practice: PracticeSummary): void {
    this.state.update((me) => (me ? { ...me, practice } : me));
  }

  /** Forget the user (after sign-out or a 401). */
  clear(): void {
    this.state.set(null);
    this.loaded = true;
  }
}
