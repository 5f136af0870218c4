import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthStore } from './auth-store';

// A 401 from these means "not signed in" or "wrong password", which the caller handles itself.
const SELF_HANDLED = ['/api/auth/me', '/api/auth/login', '/api/auth/logout'];

/** When the session ends (idle timeout, deactivation), forget the user and go to sign-in. */
export const unauthorizedInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return next(req).pipe(
    catchError((err: unknown) => {
      const path = req.url.replace(/\?.*$/s, '');
      if (
        err instanceof HttpErrorResponse &&
        err.status === 401 &&
        !SELF_HANDLED.includes(path) &&
        !/^\/api\/invitations\/[^/]+\/accept$/.test(path)
      ) {
        auth.clear();
        const current = router.url;
        const returnUrl = current.startsWith('/login') ? undefined : current;
        void router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
      }
      return throwError(() => err);
    }),
  );
};
