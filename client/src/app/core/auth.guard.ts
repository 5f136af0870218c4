import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@attune/shared';
import { AuthStore } from './auth-store';
import { homeUrlFor } from './role-home';

/** Lets signed-in users through; everyone else goes to /login with a way back. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const me = await auth.ensureLoaded();
  return me ? true : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Lets users with `role` through; a signed-in user without it is sent to their own area. */
export function roleGuard(role: Role): CanActivateFn {
  return async (_route, state) => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    const me = await auth.ensureLoaded();
    if (!me) return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
    // The practice requires a second step: set it up before anything else.
    if (me.mfa?.setupRequired) return router.parseUrl('/second-step');
    return me.roles.includes(role) ? true : router.parseUrl(homeUrlFor(me.roles));
  };
}

/** For /second-step: only for a member whose practice requires a step they have not set up. */
export const secondStepGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const me = await auth.ensureLoaded();
  if (!me) return router.parseUrl('/login');
  return me.mfa?.setupRequired ? true : router.parseUrl(homeUrlFor(me.roles));
};

/** For `/`: always redirects, to the user's area or to sign-in. */
export const homeRedirectGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const me = await auth.ensureLoaded();
  if (me?.mfa?.setupRequired) return router.parseUrl('/second-step');
  return router.parseUrl(me ? homeUrlFor(me.roles) : '/login');
};

/** For /login: a user who is already signed in goes straight to their area. */
export const signedOutGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const me = await auth.ensureLoaded();
  return me ? router.parseUrl(homeUrlFor(me.roles)) : true;
};
