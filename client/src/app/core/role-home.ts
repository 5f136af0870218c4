import type { Role } from '@attune/shared';

export type Area = 'client' | 'therapist' | 'admin';

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
  if (url.startsWith('/login') || url.startsWith('/invite/')) return null;
  return url;
}
