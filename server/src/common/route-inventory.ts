import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '@attune/shared';
import { AUDIT_KEY, type AuditDeclaration, NO_CLIENT_DATA_KEY } from './audit-trail.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';

export interface RouteInfo {
  method: string;
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  roles: Role[];
  /** What the route records in the audit trail (@Audit), or null. */
  audit: AuditDeclaration | null;
  /** Why the route touches no client data (@NoClientData), or null. */
  noClientData: string | null;
  /** The DTO classes of the handler's @Body() and @Query() (undefined when it takes none). */
  bodyType?: new () => object;
  queryType?: new () => object;
}

type Ctor = new () => object;

/** The declared type of the handler argument bound with @Body() or @Query(). */
function argType(type: Ctor, name: string, kind: RouteParamtypes): Ctor | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<
    string,
    { index: number }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', type.prototype as object, name) ??
    []) as Ctor[];
  for (const [key, arg] of Object.entries(args))
    if (key.split(':')[0] === String(kind)) return types[arg.index];
  return undefined;
}

function join(...parts: (string | undefined)[]): string {
  return (
    '/' +
    parts
      .flatMap((p) => (p ?? '').split('/'))
      .filter(Boolean)
      .join('/')
  );
}

/** Every route the app's controllers declare, with the access each one states. */
export function listRoutes(app: INestApplication, prefix = 'api'): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!type) continue;
      const base = Reflect.getMetadata(PATH_METADATA, type) as string | undefined;
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, type) === true;
      const classRoles = (Reflect.getMetadata(ROLES_KEY, type) as Role[] | undefined) ?? [];
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        routes.push({
          method: RequestMethod[method],
          path: join(prefix, base, path),
          controller: type.name,
          handler: name,
          isPublic: classPublic || Reflect.getMetadata(PUBLIC_KEY, handler) === true,
          roles: (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ?? classRoles,
          audit: (Reflect.getMetadata(AUDIT_KEY, handler) as AuditDeclaration | undefined) ?? null,
          noClientData:
            (Reflect.getMetadata(NO_CLIENT_DATA_KEY, handler) as string | undefined) ?? null,
          bodyType: argType(type, name, RouteParamtypes.BODY),
          queryType: argType(type, name, RouteParamtypes.QUERY),
        });
      }
    }
  }
  return routes;
}

/** Routes that state neither @Public() nor @Roles(): the guard closes them, and CI fails on them. */
export function unguardedRoutes(routes: RouteInfo[]): RouteInfo[] {
  return routes.filter((r) => !r.isPublic && r.roles.length === 0);
}

/**
 * Routes that neither declare their audit action (@Audit) nor say they touch no client data
 * (@NoClientData): CI fails on them, so a new route that returns client data cannot skip the trail.
 */
export function unauditedRoutes(routes: RouteInfo[]): RouteInfo[] {
  return routes.filter((r) => !r.audit && r.noClientData === null);
}
