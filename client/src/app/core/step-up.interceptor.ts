import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject, Injector } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';

/**
 * The server answers 403 `step_up_required` on routes that need a fresh code (role changes,
 * exports): ask for one, then send the same request once more. Cancelled, the 403 goes on to the
 * caller, whose message says why. (The dialog is loaded only when it is needed.)
 */
export const stepUpInterceptor: HttpInterceptorFn = (req, next) => {
  const injector = inject(Injector);
  return next(req).pipe(
    catchError((err: unknown) => {
      if (
        !(err instanceof HttpErrorResponse) ||
        err.status !== 403 ||
        (err.error as { code?: string } | null)?.code !== 'step_up_required'
      )
        return throwError(() => err);
      return from(import('../ui/step-up-dialog/step-up-dialog')).pipe(
        switchMap((m) => m.askForStepUp(injector)),
        switchMap((ok) => (ok ? next(req) : throwError(() => err))),
      );
    }),
  );
};
