import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthStore } from './auth-store';

// A 401 from these means "not signed in" or "wrong password", which the caller handles itself.
const SELF_HANDLED = ['/api/auth/me', '/api/auth/login', '/api/auth/logout'];
// A wrong code is the form's to show, not a sign that the session ended.
const WRONG_CODE = new Set(['mfa_code_invalid', 'mfa_code_used']);

function codeOf(err: HttpErrorResponse): string | undefined {
  return (err.error as { code?: string } | null)?.code;
}

/**
 * When the session ends (idle timeout, deactivation), forget the user and go to sign-in. When the
 * practice starts requiring a second step of its staff, go and set it up.
 */
export const unauthorizedInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return next(req).pipe(
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
        auth.clear();
        if (codeOf(err) === 'mfa_required') auth.mfaPending.set(true);
        const current = router.url;
        const returnUrl = current.startsWith('/login') ? undefined : current;
        void router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
      }
      return throwError(() => err);
    }),
  );
};
