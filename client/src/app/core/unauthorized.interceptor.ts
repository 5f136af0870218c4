import { HttpErrorResponse, HttpEventType, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, tap, throwError } from 'rxjs';
import { AuthStore } from './auth-store';

// A 401 from these means "not signed in" or "wrong password", which the caller handles itself.
const SELF_HANDLED = ['/api/auth/me', '/api/auth/login', '/api/auth/logout'];
// A wrong code is the form's to show, not a sign that the session ended.
const WRONG_CODE = new Set(['mfa_code_invalid', 'mfa_code_used']);

function codeOf(err: HttpErrorResponse): string | undefined {
  return (err.error as { code?: string } | null)?.code;
}

/**
 * When the session ends (idle timeout, deactivation), forget the user and go to sign-in, with a way
 * back to the page they were on. When the practice starts requiring a second step of its staff, go and set it up.
 */
export const unauthorizedInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return next(req).pipe(
    tap((event) => {
      if (event.type === HttpEventType.Response) auth.noteAnswer();
    }),
    catchError((err: unknown) => {
      const path = req.url.replace(/\?.*$/s, '');
      if (
        err instanceof HttpErrorResponse &&
        err.status === 403 &&
        codeOf(err) === 'mfa_setup_required' &&
        !router.url.startsWith('/second-step')
      ) {
        void auth.reload().then(() => router.navigateByUrl('/second-step'));
      }
      if (
        err instanceof HttpErrorResponse &&
        err.status === 401 &&
        !SELF_HANDLED.includes(path) &&
        !WRONG_CODE.has(codeOf(err) ?? '') &&
        !/^\/api\/invitations\/[^/]+\/accept$/.test(path)
      ) {
        auth.sessionEnded();
        if (codeOf(err) === 'mfa_required') auth.mfaPending.set(true);
        const current = router.url;
        // Already there (a second request failing, e.g. a save as the page closed): keep the
        // way back the first one recorded rather than replacing it with none.
        if (!current.startsWith('/login'))
          void router.navigate(['/login'], { queryParams: { returnUrl: current } });
      }
      return throwError(() => err);
    }),
  );
};
