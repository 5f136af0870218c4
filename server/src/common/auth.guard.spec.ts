import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthContext, SessionResolver } from './auth-context.js';
import { AuthGuard } from './auth.guard.js';
import { Public, Roles } from './decorators.js';

@Controller('x')
class Sample {
  @Get('open') @Public() open() {}
  @Get('admins') @Roles('admin') admins() {}
  @Get('forgotten') forgotten() {}
}

const therapist: AuthContext = {
  userId: 'u',
  sessionId: 's',
  email: 't@example.org',
  displayName: 'T',
  practiceId: 'p',
  roles: ['therapist'],
  memberId: 'm',
  clientId: null,
  ip: null,
};

function ctx(handler: keyof Sample, cookies: Record<string, string> = {}): ExecutionContext {
  const req = { cookies, ip: '127.0.0.1' };
  return {
    getHandler: () => Sample.prototype[handler],
    getClass: () => Sample,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

function guard(auth: AuthContext | null): AuthGuard {
  const sessions = { resolve: () => Promise.resolve(auth) } as unknown as SessionResolver;
  return new AuthGuard(new Reflector(), sessions);
}

describe('AuthGuard (deny by default)', () => {
  it('lets anyone through a @Public() route', async () => {
    await expect(guard(null).canActivate(ctx('open'))).resolves.toBe(true);
  });
  it('closes a route that states no access, even to a signed-in user', async () => {
    await expect(
      guard(therapist).canActivate(ctx('forgotten', { attune_session: 't' })),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
  it('asks for a session (401) before checking roles, then refuses the wrong role (403)', async () => {
    await expect(guard(null).canActivate(ctx('admins'))).rejects.toMatchObject({ status: 401 });
    await expect(
      guard(therapist).canActivate(ctx('admins', { attune_session: 't' })),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      guard({ ...therapist, roles: ['admin'] }).canActivate(ctx('admins', { attune_session: 't' })),
    ).resolves.toBe(true);
  });
});
