import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@attune/shared';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from './auth-context.js';

export const PUBLIC_KEY = 'attune:public';
export const ROLES_KEY = 'attune:roles';
export const NO_SESSION_KEY = 'attune:no-session';

/** Open route: no session needed. Every other route must state its roles with @Roles. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * A public route that never looks at the session cookie (health checks): it answers the same
 * with or without one, and does not wait on the database to resolve it.
 */
export const NoSession = () => SetMetadata(NO_SESSION_KEY, true);

/** The roles allowed to call a route; anyone else gets 403 (401 without a session). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The caller's AuthContext (guaranteed on non-public routes). */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().auth as AuthContext;
});

/** The caller's IP address: the peer, or what a proxy named in TRUST_PROXY reports. */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().ip ?? null;
});
