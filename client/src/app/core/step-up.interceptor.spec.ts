import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { stepUpInterceptor } from './step-up.interceptor';
import { meFixture } from './testing';

/** Waits until `find` finds something (the dialog's code is loaded on demand, slow on a busy box). */
async function until<T>(find: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('not found in time');
}

describe('stepUpInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([stepUpInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
  });

  afterEach(() => http.verify());

  const stepUp = {
    statusCode: 403,
    error: 'Forbidden',
    code: 'step_up_required',
    message: 'For your safety, please enter a code.',
  };

  it('asks for a code on 403 step_up_required, checks it, and sends the request again', async () => {
    let result: unknown;
    client.patch('/api/members/m1', { roles: ['admin'] }).subscribe((r) => (result = r));
    http.expectOne('/api/members/m1').flush(stepUp, { status: 403, statusText: 'Forbidden' });

    const input = await until(() =>
      document.querySelector<HTMLInputElement>('app-step-up-dialog input'),
    );
    expect(document.querySelector('app-step-up-dialog h2')?.textContent).toContain(
      'Enter a code to continue',
    );
    TestBed.tick();
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    TestBed.tick();
    [...document.querySelectorAll<HTMLButtonElement>('app-step-up-dialog button')]
      .find((b) => b.textContent?.trim() === 'Continue')!
      .click();

    const check = await until(() => http.match('/api/auth/mfa/challenge')[0]);
    expect(check.request.body).toEqual({ code: '123456' });
    check.flush(meFixture(['admin']));

    const retry = await until(() => http.match('/api/members/m1')[0]);
    expect(retry.request.body).toEqual({ roles: ['admin'] });
    retry.flush({ id: 'm1', roles: ['admin'] });
    expect(result).toEqual({ id: 'm1', roles: ['admin'] });
  }, 30_000);

  it('passes the 403 on when the person cancels', async () => {
    let failed: unknown;
    client.delete('/api/auth/mfa').subscribe({ error: (e: unknown) => (failed = e) });
    http.expectOne('/api/auth/mfa').flush(stepUp, { status: 403, statusText: 'Forbidden' });
    const cancel = await until(() =>
      [...document.querySelectorAll<HTMLButtonElement>('app-step-up-dialog button')].find(
        (b) => b.textContent?.trim() === 'Cancel',
      ),
    );
    cancel.click();
    await until(() => failed);
    expect((failed as { status: number }).status).toBe(403);
  }, 30_000);

  it('leaves other 403s alone', () => {
    let failed: unknown;
    client.get('/api/audit').subscribe({ error: (e: unknown) => (failed = e) });
    http
      .expectOne('/api/audit')
      .flush(
        { statusCode: 403, error: 'Forbidden', code: 'forbidden', message: 'No.' },
        { status: 403, statusText: 'Forbidden' },
      );
    expect((failed as { status: number }).status).toBe(403);
    expect(document.querySelector('app-step-up-dialog')).toBeNull();
  });
});
