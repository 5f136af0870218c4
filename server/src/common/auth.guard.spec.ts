import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthContext, SessionResolver } from './auth-context.js';
import { AuthGuard } from './auth.guard.js';
import { AllowPending, RequireStepUp } from './assurance.js';
import { Public, Roles } from './decorators.js';

@Controller('x')
class Sample {
  @Get('open') @Public() open() {}
  @Get('admins') @Roles('admin') admins() {}
  @Get('forgotten') forgotten() {}
  @Get('staff') @Roles('therapist') staff() {}
  @Get('setup') @Roles('therapist') @AllowPending('mfa_setup') setup() {}
  @Get('sensitive') @Roles('therapist') @RequireStepUp() sensitive() {}
  @Get('roles')
  @Roles('therapist')
  @RequireStepUp({ when: (b) => b.roles !== undefined })
  roles() {}
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

function ctx(
  handler: keyof Sample,
  cookies: Record<string, string> = {},
  body: unknown = undefined,
): ExecutionContext {
  const req = { cookies, ip: '127.0.0.1', body };
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

describe('AuthGuard: pending second step and step-up', () => {
  const session = { attune_session: 't' };
  const withMfa = (over: Partial<NonNullable<AuthContext['assurance']>>): AuthContext => ({
    ...therapist,
    assurance: { level: 'mfa', steppedUpAt: new Date(), mfaEnabled: true, pending: null, ...over },
  });

  it('a sign-in waiting for its code reaches nothing (401 mfa_required)', async () => {
    await expect(
      guard(withMfa({ pending: 'mfa' })).canActivate(ctx('staff', session)),
    ).rejects.toMatchObject({ status: 401, response: { code: 'mfa_required' } });
  });

  it('a member who must set up a second step reaches only the set-up routes', async () => {
    const auth = withMfa({ pending: 'mfa_setup', mfaEnabled: false });
    await expect(guard(auth).canActivate(ctx('staff', session))).rejects.toMatchObject({
      status: 403,
      response: { code: 'mfa_setup_required' },
    });
    await expect(guard(auth).canActivate(ctx('setup', session))).resolves.toBe(true);
  });

  it('asks for a step-up when the last code is older than 10 minutes', async () => {
    const old = new Date(Date.now() - 11 * 60_000);
    await expect(
      guard(withMfa({ steppedUpAt: old })).canActivate(ctx('sensitive', session)),
    ).rejects.toMatchObject({ status: 403, response: { code: 'step_up_required' } });
    await expect(
      guard(withMfa({ steppedUpAt: null, level: 'password' })).canActivate(
        ctx('sensitive', session),
      ),
    ).rejects.toMatchObject({ status: 403 });
    await expect(guard(withMfa({})).canActivate(ctx('sensitive', session))).resolves.toBe(true);
    // Without a second step there is no code to ask for.
    await expect(
      guard(withMfa({ mfaEnabled: false, steppedUpAt: null, level: 'password' })).canActivate(
        ctx('sensitive', session),
      ),
    ).resolves.toBe(true);
  });

  it('a conditional step-up applies only when the body asks for it', async () => {
    const auth = withMfa({ steppedUpAt: null, level: 'password' });
    await expect(guard(auth).canActivate(ctx('roles', session, { active: false }))).resolves.toBe(
      true,
    );
    await expect(
      guard(auth).canActivate(ctx('roles', session, { roles: ['admin'] })),
    ).rejects.toMatchObject({ status: 403, response: { code: 'step_up_required' } });
  });
});
