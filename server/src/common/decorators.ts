import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@attune/shared';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from './auth-context.js';

export const PUBLIC_KEY = 'attune:public';
export const ROLES_KEY = 'attune:roles';

/** Open route: no session needed. Every other route must state its roles with @Roles. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles allowed to call a route; anyone else gets 403 (401 without a session). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The caller's AuthContext (guaranteed on non-public routes). */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().auth as AuthContext;
});

/** The caller's IP address as Fastify sees it (trust proxy on). */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().ip ?? null;
});
