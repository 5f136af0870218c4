import { SetMetadata } from '@nestjs/common';
import { ACCOUNT_SECURITY } from '@attune/shared';

export const ALLOW_PENDING_KEY = 'attune:allow-pending';
export const ASSURANCE_KEY = 'attune:assurance';

/**
 * A route that a session may reach before it is complete: 'mfa' while the sign-in waits for its
 * code (the challenge route), 'mfa_setup' while a staff member must set up the second step their
 * practice requires (the set-up routes and `me`). Every other route refuses such a session: 401
 * `mfa_required` or 403 `mfa_setup_required`.
 */
export const AllowPending = (...pending: ('mfa' | 'mfa_setup')[]) =>
  SetMetadata(ALLOW_PENDING_KEY, pending);

export interface AssuranceRequirement {
  /** The session must have signed in with a second step (403 `mfa_setup_required` without one). */
  level?: 'mfa';
  /**
   * A caller who has a second step must have entered a code within this many ms (403
   * `step_up_required`; the client asks for a code, POST /api/auth/mfa/challenge, and retries).
   * A caller without a second step passes: they have no code to give.
   */
  stepUpWithinMs?: number;
  /** Only when the request body asks for this (e.g. a role change within a member update). */
  when?: (body: Record<string, unknown>) => boolean;
}

/** Per-route assurance, enforced by the global AuthGuard after roles. */
export const RequireAssurance = (requirement: AssuranceRequirement) =>
  SetMetadata(ASSURANCE_KEY, requirement);

/**
 * Step-up: the caller re-enters a code (within the last 10 minutes) before this route runs, if
 * they have a second step. Used on role changes (PATCH /api/members/:id with `roles`), turning
 * the practice's requirement on or off, removing or resetting a second step; and meant for
 * exports: put `@RequireStepUp()` beside `@Roles(...)` on GET /api/clients/:id/export.
 *
 *   @Get(':id/export') @Roles('admin', 'client') @RequireStepUp() @Audit('client.export')
 *
 * The guard answers 403 `{ code: 'step_up_required' }`; the Angular client's step-up
 * interceptor asks for a code and retries the request once.
 */
export const RequireStepUp = (options: Pick<AssuranceRequirement, 'when'> = {}) =>
  RequireAssurance({ stepUpWithinMs: ACCOUNT_SECURITY.stepUpWindowMs, ...options });
