import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@attune/shared';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE, SessionResolver } from './auth-context.js';
import { NO_SESSION_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import { AppError } from './errors.js';

/**
 * Global guard, deny by default: a route must be @Public() or name its @Roles().
 * Resolves the session cookie into `request.auth` for every route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (isPublic && this.reflector.getAllAndOverride<boolean>(NO_SESSION_KEY, targets)) return true;

    const token = req.cookies?.[SESSION_COOKIE];
    req.auth = (await this.sessions.resolve(token, req.ip ?? null)) ?? undefined;

    if (isPublic) return true;
    if (!roles || roles.length === 0) {
      // A route nobody declared access for is closed; the route-guard test catches it in CI.
      throw new AppError(HttpStatus.FORBIDDEN, 'route_closed', 'This route is not open to anyone.');
    }
    if (!req.auth)
      throw new AppError(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Please sign in to continue.');
    if (!roles.some((r) => req.auth!.roles.includes(r)))
      throw new AppError(HttpStatus.FORBIDDEN, 'forbidden', 'Your role does not allow this.');
    return true;
  }
}
