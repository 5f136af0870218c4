import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  provideRouter,
  Router,
  RouterStateSnapshot,
  UrlTree,
} from '@angular/router';
import { AuthStore } from './auth-store';
import { authGuard, homeRedirectGuard, roleGuard } from './auth.guard';
import { homeUrlFor, safeReturnUrl } from './role-home';
import { meFixture } from './testing';

describe('auth guards', () => {
  let http: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => http.verify());

  /** Runs a guard for `url` and answers its /api/auth/me call (null = 401). */
  async function run(guard: CanActivateFn, url: string, me: ReturnType<typeof meFixture> | null) {
    const result = TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    ) as Promise<boolean | UrlTree>;
    const req = http.expectOne('/api/auth/me');
    if (me) {
      req.flush(me);
    } else {
      req.flush(
        { statusCode: 401, error: 'Unauthorized', message: 'Please sign in.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    }
    const value = await result;
    return value instanceof UrlTree ? router.serializeUrl(value) : value;
  }

  it('sends a signed-out visitor to /login with the page they wanted', async () => {
    expect(await run(authGuard, '/therapist/clients?q=ann', null)).toBe(
      '/login?returnUrl=%2Ftherapist%2Fclients%3Fq%3Dann',
    );
    expect(TestBed.inject(AuthStore).isSignedIn()).toBe(false);
  });

  it('lets a signed-in user through and keeps them in the store', async () => {
    expect(await run(authGuard, '/client', meFixture(['client']))).toBe(true);
    expect(TestBed.inject(AuthStore).displayName()).toBe('Sam Rivera');
  });

  it('redirects a client who opens /admin to their own area', async () => {
    expect(await run(roleGuard('admin'), '/admin/people', meFixture(['client']))).toBe('/client');
  });

  it('redirects an admin-only member away from the therapist area', async () => {
    expect(await run(roleGuard('therapist'), '/therapist', meFixture(['admin']))).toBe('/admin');
  });

  it('lets a member with both roles into either staff area', async () => {
    expect(await run(roleGuard('admin'), '/admin', meFixture(['admin', 'therapist']))).toBe(true);
    // Loaded once: the second guard reuses the stored user without another request.
    const second = await TestBed.runInInjectionContext(() =>
      roleGuard('therapist')(
        {} as ActivatedRouteSnapshot,
        { url: '/therapist' } as RouterStateSnapshot,
      ),
    );
    expect(second).toBe(true);
  });

  it('sends / to the area for the role', async () => {
    expect(await run(homeRedirectGuard, '/', meFixture(['admin', 'therapist']))).toBe('/therapist');
  });

  it('sends / to sign-in when nobody is signed in', async () => {
    expect(await run(homeRedirectGuard, '/', null)).toBe('/login');
  });
});

describe('AuthStore', () => {
  it('asks the server for /api/auth/me only once for concurrent callers', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const store = TestBed.inject(AuthStore);
    const http = TestBed.inject(HttpTestingController);
    const first = store.ensureLoaded();
    const second = store.ensureLoaded();
    http.expectOne('/api/auth/me').flush(meFixture(['therapist']));
    expect((await first)?.roles).toEqual(['therapist']);
    expect((await second)?.user.email).toBe('sam@example.com');
    expect(await store.ensureLoaded()).toBe(store.me());
    http.verify();
  });

  it('retries after a server error instead of treating the user as signed out', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const store = TestBed.inject(AuthStore);
    const http = TestBed.inject(HttpTestingController);
    const first = store.ensureLoaded();
    http.expectOne('/api/auth/me').flush(null, { status: 503, statusText: 'Unavailable' });
    expect(await first).toBeNull();
    const second = store.ensureLoaded();
    http.expectOne('/api/auth/me').flush(meFixture(['client']));
    expect((await second)?.clientId).toBe('client-1');
    http.verify();
  });
});

describe('role helpers', () => {
  it('maps roles to the landing area', () => {
    expect(homeUrlFor(['client'])).toBe('/client');
    expect(homeUrlFor(['therapist'])).toBe('/therapist');
    expect(homeUrlFor(['admin'])).toBe('/admin');
    expect(homeUrlFor(['admin', 'therapist'])).toBe('/therapist');
  });

  it('only follows same-app return URLs', () => {
    expect(safeReturnUrl('/admin/people')).toBe('/admin/people');
    expect(safeReturnUrl('//evil.example/x')).toBeNull();
    expect(safeReturnUrl('https://evil.example')).toBeNull();
    expect(safeReturnUrl('/login?returnUrl=/x')).toBeNull();
    expect(safeReturnUrl(undefined)).toBeNull();
  });
});
