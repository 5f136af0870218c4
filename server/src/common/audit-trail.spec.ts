import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuditAction } from '@attune/shared';
import { firstValueFrom, Observable } from 'rxjs';
import { loadConfig } from '../config.js';
import { Audit, AuditInterceptor, AuditTrail, NoClientData } from './audit-trail.js';

class Routes {
  @Audit('client.read') read() {}
  @Audit('client.update') write() {}
  @Audit('reflection.read', { skippedWhen: 'a client reads their own words' }) optional() {}
  @NoClientData('a probe') plain() {}
}

function context(handler: keyof Routes, method: string): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ method, url: `/api/${handler}` }) }),
  } as unknown as ExecutionContext;
}

/** A handler that records these actions (after an await, as a service would) and answers. */
function handler(...actions: AuditAction[]): CallHandler {
  return {
    handle: () =>
      new Observable((s) => {
        void (async () => {
          await Promise.resolve();
          for (const a of actions) AuditTrail.recorded(a);
          s.next('answer');
          s.complete();
        })();
      }),
  };
}

const run = (strict: boolean, route: keyof Routes, method: string, ...actions: AuditAction[]) =>
  firstValueFrom(
    new AuditInterceptor(new Reflector(), strict).intercept(
      context(route, method),
      handler(...actions),
    ),
  );

describe('AuditInterceptor', () => {
  it('lets a route record what it declares', async () => {
    await expect(run(true, 'read', 'GET', 'client.read')).resolves.toBe('answer');
    await expect(run(true, 'write', 'PATCH', 'client.update')).resolves.toBe('answer');
    // A write may change nothing and record nothing; a declared optional read too.
    await expect(run(true, 'write', 'PATCH')).resolves.toBe('answer');
    await expect(run(true, 'optional', 'GET')).resolves.toBe('answer');
  });

  it('fails a route that records what it did not declare, or a read that records nothing', async () => {
    await expect(run(true, 'read', 'GET', 'client.update')).rejects.toThrow(
      /recorded client.update without declaring it/,
    );
    await expect(run(true, 'plain', 'GET', 'client.read')).rejects.toThrow(/@NoClientData/);
    await expect(run(true, 'read', 'GET')).rejects.toThrow(
      /declares client.read but recorded nothing/,
    );
  });

  it('in production only logs, and the answer goes out', async () => {
    await expect(run(false, 'read', 'GET')).resolves.toBe('answer');
  });

  it('is on outside production, and in production only when AUDIT_ROUTE_CHECK asks', () => {
    expect(loadConfig({}).auditRouteCheck).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).auditRouteCheck).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).auditRouteCheck).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', AUDIT_ROUTE_CHECK: 'on' }).auditRouteCheck).toBe(
      true,
    );
  });
});
