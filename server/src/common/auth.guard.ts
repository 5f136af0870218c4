import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@attune/shared';
import type { FastifyRequest } from 'fastify';
import { ALLOW_PENDING_KEY, ASSURANCE_KEY, type AssuranceRequirement } from './assurance.js';
import { type AuthContext, SESSION_COOKIE, SessionResolver } from './auth-context.js';
import { NO_SESSION_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import { AppError } from './errors.js';

interface RouteAccess {
  isPublic: boolean;
  noSession: boolean;
  roles: Role[] | undefined;
  allowPending: string[] | undefined;
  assurance: AssuranceRequirement | undefined;
}

/**
 * Global guard, deny by default: a route must be @Public() or name its @Roles().
 * Resolves the session cookie into `request.auth` for every route. A session still waiting for
 * its second step reaches only the routes marked @AllowPending(); a route's @RequireAssurance()
 * (step-up) is checked last.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionResolver,
  ) {}

  // What a route declares, read once per route (decorators are fixed at start-up).
  private readonly declared = new WeakMap<object, WeakMap<object, RouteAccess>>();

  private access(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byClass = this.declared.get(handler);
    let found = byClass?.get(cls);
    if (found) return found;
    const targets = [handler, cls];
    const read = <T>(key: string) => this.reflector.getAllAndOverride<T>(key, targets);
    found = {
      isPublic: read<boolean>(PUBLIC_KEY) === true,
      noSession: read<boolean>(NO_SESSION_KEY) === true,
      roles: read<Role[] | undefined>(ROLES_KEY),
      allowPending: read<string[] | undefined>(ALLOW_PENDING_KEY),
      assurance: read<AssuranceRequirement | undefined>(ASSURANCE_KEY),
    };
    if (!byClass) this.declared.set(handler, (byClass = new WeakMap()));
    byClass.set(cls, found);
    return found;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, noSession, roles, allowPending, assurance } = this.access(context);
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (isPublic && noSession) return true;

    const token = req.cookies?.[SESSION_COOKIE];
    req.auth = (await this.sessions.resolve(token, req.ip ?? null)) ?? undefined;

    if (isPublic) return true;
    if (!roles || roles.length === 0) {
      // A route nobody declared access for is closed; the route-guard test catches it in CI.
      throw new AppError(HttpStatus.FORBIDDEN, 'route_closed', 'This route is not open to anyone.');
    }
    if (!req.auth)
      throw new AppError(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Please sign in to continue.');
    const pending = req.auth.assurance?.pending ?? null;
    if (pending && !allowPending?.includes(pending))
      throw pending === 'mfa'
        ? new AppError(
            HttpStatus.UNAUTHORIZED,
            'mfa_required',
            'Enter the code from your authenticator app to finish signing in.',
          )
        : new AppError(
            HttpStatus.FORBIDDEN,
            'mfa_setup_required',
            'Your practice asks everyone on the team to set up a second sign-in step. Please set it up to continue.',
          );
    if (!roles.some((r) => req.auth!.roles.includes(r)))
      throw new AppError(HttpStatus.FORBIDDEN, 'forbidden', 'Your role does not allow this.');
    if (assurance) this.checkAssurance(assurance, req.auth, req.body);
    return true;
  }

  private checkAssurance(need: AssuranceRequirement, auth: AuthContext, body: unknown): void {
    const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    if (need.when && !need.when(fields)) return;
    const a = auth.assurance;
    if (need.level === 'mfa' && !a?.mfaEnabled)
      throw new AppError(
        HttpStatus.FORBIDDEN,
        'mfa_setup_required',
        'This needs a second sign-in step. You can set one up on your account page.',
      );
    const stale = (within: number) =>
      !a?.steppedUpAt || Date.now() - a.steppedUpAt.getTime() > within;
    if (
      a?.mfaEnabled &&
      ((need.level === 'mfa' && a.level !== 'mfa') ||
        (need.stepUpWithinMs !== undefined && stale(need.stepUpWithinMs)))
    )
      throw new AppError(
        HttpStatus.FORBIDDEN,
        'step_up_required',
        'For your safety, please enter a code from your authenticator app to continue.',
      );
  }
}
