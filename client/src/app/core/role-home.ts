import type { Role } from '@attune/shared';

export type Area = 'client' | 'therapist' | 'admin';

/** Where a signed-in user goes first: the second-step set-up their practice requires, else home. */
export function landingUrlFor(me: {
  roles: readonly Role[];
  mfa?: { setupRequired: boolean };
}): string {
  return me.mfa?.setupRequired ? '/second-step' : homeUrlFor(me.roles);
}

/** Where a user lands after sign-in: clients to /client, therapists (even if also admin) to /therapist. */
export function homeUrlFor(roles: readonly Role[]): string {
  if (roles.includes('client')) return '/client';
  if (roles.includes('therapist')) return '/therapist';
  if (roles.includes('admin')) return '/admin';
  return '/login';
}

/** Only same-app paths are followed after sign-in (no open redirects). */
export function safeReturnUrl(url: string | null | undefined): string | null {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return null;
  if (
    url.startsWith('/login') ||
    url.startsWith('/invite/') ||
    url.startsWith('/reset-password/') ||
    url.startsWith('/forgot-password') ||
    url.startsWith('/second-step')
  )
    return null;
  return url;
}
