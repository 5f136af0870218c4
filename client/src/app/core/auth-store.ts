import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import {
  isMfaChallenge,
  SESSION,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  type PracticeSummary,
} from '@attune/shared';
import { firstValueFrom, Observable, tap } from 'rxjs';
import { EarlyData } from './early-data';

/** Why the last session ended while the app was open, for a word on the sign-in page. */
export interface SignedOut {
  /** `idle`: no request for the idle time-out (15 minutes); `ended`: any other reason. */
  reason: 'idle' | 'ended';
  /** A client's drafts and reflections are kept on the device until the server has them. */
  wordsKept: boolean;
}

/** The signed-in user, loaded once from /api/auth/me and kept as a signal. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly early = inject(EarlyData);
  private readonly state = signal<MeResponse | null>(null);
  private loaded = false;
  private pending: Promise<MeResponse | null> | null = null;
  private lastAnswer = Date.now();
  private readonly signedOutState = signal<SignedOut | null>(null);

  readonly me = this.state.asReadonly();
  readonly isSignedIn = computed(() => this.state() !== null);
  readonly roles = computed(() => this.state()?.roles ?? []);
  readonly displayName = computed(() => this.state()?.user.displayName ?? '');
  readonly practice = computed(() => this.state()?.practice ?? null);
  readonly signedOut = this.signedOutState.asReadonly();
  /** The password was right and the sign-in waits for a code from the authenticator app. */
  readonly mfaPending = signal(false);
  /** The practice requires a second step and this member has none yet. */
  readonly mfaSetupRequired = computed(() => this.state()?.mfa?.setupRequired ?? false);

  /** Resolves with the current user (null when signed out). Calls the API at most once at a time. */
  ensureLoaded(): Promise<MeResponse | null> {
    if (this.loaded) return Promise.resolve(this.state());
    // A client's first page may carry the answer already (the server just checked the session).
    const inline = this.early.takeMe();
    if (inline) {
      this.setMe(inline);
      return Promise.resolve(inline);
    }
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
            // Signed in up to the code (a reload mid-sign-in, or after a password reset).
            this.mfaPending.set((err.error as { code?: string } | null)?.code === 'mfa_required');
          }
          return null;
        },
      )
      .finally(() => (this.pending = null));
    return this.pending;
  }

  /** The password step: signed in, or (with a second step) waiting for the code. */
  login(body: LoginRequest): Observable<LoginResponse> {
    return this.http
      .post<LoginResponse>('/api/auth/login', body)
      .pipe(tap((r) => this.signedIn(r)));
  }

  /** The code after the password (a TOTP code or a recovery code), or again for a step-up. */
  enterCode(code: string): Observable<MeResponse> {
    return this.http
      .post<MeResponse>('/api/auth/mfa/challenge', { code })
      .pipe(tap((me) => this.setMe(me)));
  }

  /** Takes a sign-in's answer (the login form, a finished password reset). */
  signedIn(r: LoginResponse): void {
    if (isMfaChallenge(r)) {
      this.clear();
      this.mfaPending.set(true);
    } else this.setMe(r);
  }

  /** Reads /api/auth/me again (after the second step is set up, say). */
  reload(): Promise<MeResponse | null> {
    this.loaded = false;
    return this.ensureLoaded();
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', {}).pipe(tap(() => this.clear()));
  }

  setMe(me: MeResponse): void {
    this.state.set(me);
    this.mfaPending.set(false);
    this.loaded = true;
    this.signedOutState.set(null);
  }

  /** The server answered a signed-in request: the idle clock starts again from now. */
  noteAnswer(now = Date.now()): void {
    this.lastAnswer = now;
  }

  /**
   * The server no longer knows this session (a 401 mid-use): forget the user, and remember why
   * for the sign-in page. Quiet for the idle time-out (give or take a minute of clock skew)
   * means it timed out.
   */
  sessionEnded(now = Date.now()): void {
    const me = this.state();
    if (me) {
      const idle = now - this.lastAnswer >= SESSION.idleMs - 60_000;
      this.signedOutState.set({
        reason: idle ? 'idle' : 'ended',
        wordsKept: me.roles.includes('client'),
      });
    }
    this.clear();
  }

  /** Keeps the toolbar in step after the admin edits practice settings. */
  setPractice(practice: PracticeSummary): void {
    this.state.update((me) => (me ? { ...me, practice } : me));
  }

  /** Forget the user (after sign-out or a 401). */
  clear(): void {
    this.state.set(null);
    this.mfaPending.set(false);
    this.loaded = true;
  }
}
