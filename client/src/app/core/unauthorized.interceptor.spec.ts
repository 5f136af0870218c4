import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from './auth-store';
import { meFixture } from './testing';
import { unauthorizedInterceptor } from './unauthorized.interceptor';

describe('unauthorizedInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let store: AuthStore;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([unauthorizedInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    store = TestBed.inject(AuthStore);
    store.setMe(meFixture(['therapist']));
    const router = TestBed.inject(Router);
    vi.spyOn(router, 'url', 'get').mockReturnValue('/therapist/clients');
    navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  it('forgets the user and goes to sign-in when a session ends', () => {
    let failed = false;
    client.get('/api/clients').subscribe({ error: () => (failed = true) });
    http.expectOne('/api/clients').flush({ message: 'Session expired' }, unauthorized);
    expect(failed).toBe(true);
    expect(store.isSignedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/therapist/clients' },
    });
  });

  it('leaves a wrong password on the login call to the login page', () => {
    client.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    http.expectOne('/api/auth/login').flush({ message: 'Wrong email or password' }, unauthorized);
    expect(store.isSignedIn()).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('does not redirect on the /api/auth/me probe', () => {
    client.get('/api/auth/me').subscribe({ error: () => undefined });
    http.expectOne('/api/auth/me').flush({ message: 'Please sign in' }, unauthorized);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('keeps the way back when a second request fails after sign-in is already showing', () => {
    const router = TestBed.inject(Router);
    client.get('/api/clients').subscribe({ error: () => undefined });
    http.expectOne('/api/clients').flush({ message: 'Session expired' }, unauthorized);
    expect(navigate).toHaveBeenCalledTimes(1);
    // The page's last save fails as it closes, once sign-in is on screen.
    vi.spyOn(router, 'url', 'get').mockReturnValue('/login?returnUrl=%2Ftherapist%2Fclients');
    client.put('/api/screenings/s1/draft', {}).subscribe({ error: () => undefined });
    http.expectOne('/api/screenings/s1/draft').flush({ message: 'Session expired' }, unauthorized);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('tells the sign-in page a quiet session timed out', () => {
    store.noteAnswer(Date.now() - 15 * 60_000);
    client.get('/api/clients').subscribe({ error: () => undefined });
    http.expectOne('/api/clients').flush({ message: 'Session expired' }, unauthorized);
    expect(store.signedOut()).toEqual({ reason: 'idle', wordsKept: false });
  });

  it('leaves a wrong code (step-up) to the form that sent it', () => {
    client
      .post('/api/auth/mfa/challenge', { code: '000000' })
      .subscribe({ error: () => undefined });
    http
      .expectOne('/api/auth/mfa/challenge')
      .flush({ code: 'mfa_code_invalid', message: "That code didn't work." }, unauthorized);
    expect(store.isSignedIn()).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('a sign-in still waiting for its code goes back to the code step', () => {
    client.get('/api/clients').subscribe({ error: () => undefined });
    http
      .expectOne('/api/clients')
      .flush({ code: 'mfa_required', message: 'Enter the code.' }, unauthorized);
    expect(store.isSignedIn()).toBe(false);
    expect(store.mfaPending()).toBe(true);
    expect(navigate).toHaveBeenCalled();
  });
});
