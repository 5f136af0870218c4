import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuditAction } from '@attune/shared';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

export const AUDIT_KEY = 'attune:audit';
export const NO_CLIENT_DATA_KEY = 'attune:no-client-data';

export interface AuditDeclaration {
  actions: readonly AuditAction[];
  /** When a read may leave no trace (e.g. a client reading their own words). */
  skippedWhen?: string;
}

/**
 * Declares what a route records in the audit trail. Services record the events (inside the
 * transaction of a change, with the client and details they know); the AuditInterceptor checks
 * on every request that a route records only what it declares, and that a read records one of
 * them. The route-inventory test fails for a route with neither this nor @NoClientData().
 */
export const Audit = (
  actions: AuditAction | readonly AuditAction[],
  options: { skippedWhen?: string } = {},
) =>
  SetMetadata(AUDIT_KEY, {
    actions: typeof actions === 'string' ? [actions] : actions,
    ...options,
  } satisfies AuditDeclaration);

/** A route that reads and writes no client data (health, the library, a practice's settings). */
export const NoClientData = (why: string) => SetMetadata(NO_CLIENT_DATA_KEY, why);

const current = new AsyncLocalStorage<Set<AuditAction>>();

/** What the audit trail recorded during the current request. */
export const AuditTrail = {
  recorded(action: AuditAction): void {
    current.getStore()?.add(action);
  },
  run<T>(fn: () => T): { result: T; recorded: Set<AuditAction> } {
    const recorded = new Set<AuditAction>();
    return { result: current.run(recorded, fn), recorded };
  },
};

/**
 * Holds every route to its @Audit declaration. A mismatch is a bug in the server: outside
 * production the request fails (so a test catches it); in production it is logged loudly and
 * the answer goes out.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly strict: boolean,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const declared = this.reflector.getAllAndOverride<AuditDeclaration | undefined>(AUDIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const noClientData =
      this.reflector.getAllAndOverride<string | undefined>(NO_CLIENT_DATA_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) !== undefined;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const route = `${req.method} ${req.routeOptions?.url ?? req.url}`;
    return new Observable((subscriber) => {
      const { recorded } = AuditTrail.run(() =>
        next.handle().subscribe({
          next: (value) => {
            const problem = this.problem(declared, noClientData, req.method, recorded);
            if (problem) {
              this.logger.error(`${route}: ${problem}`);
              if (this.strict) return subscriber.error(new Error(`Audit: ${route}: ${problem}`));
            }
            subscriber.next(value);
          },
          error: (e: unknown) => subscriber.error(e),
          complete: () => subscriber.complete(),
        }),
      );
      return () => recorded.clear();
    });
  }

  private problem(
    declared: AuditDeclaration | undefined,
    noClientData: boolean,
    method: string,
    recorded: Set<AuditAction>,
  ): string | null {
    const allowed = new Set(declared?.actions ?? []);
    const extra = [...recorded].filter((a) => !allowed.has(a));
    if (extra.length)
      return `recorded ${extra.join(', ')} without declaring it${noClientData ? ' (it says @NoClientData)' : ''}`;
    if (declared && method === 'GET' && !declared.skippedWhen && recorded.size === 0)
      return `declares ${declared.actions.join(' / ')} but recorded nothing`;
    return null;
  }
}
