import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from '../../core/auth-store';
import { meFixture } from '../../core/testing';
import { Login } from './login';

describe('Login', () => {
  let fixture: ComponentFixture<Login>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [Login],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    fixture = TestBed.createComponent(Login);
    loader = TestbedHarnessEnvironment.loader(fixture);
    http = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const page = () => fixture.nativeElement as HTMLElement;

  /** The input a visible label names (by its `for`), as assistive technology finds it. */
  function inputLabelled(label: string): HTMLInputElement {
    const labels = [...page().querySelectorAll('label')].filter(
      (l) => l.textContent?.trim() === label,
    );
    expect(labels).toHaveLength(1);
    const input = page().querySelector(`#${labels[0]!.htmlFor}`);
    expect(input).toBeInstanceOf(HTMLInputElement);
    return input as HTMLInputElement;
  }

  /** The error shown for a field: the text of the element its aria-describedby names first. */
  function errorsOf(label: string): string[] {
    const input = inputLabelled(label);
    const [errorId] = (input.getAttribute('aria-describedby') ?? '').split(' ');
    const text = page().querySelector(`#${errorId}`)?.textContent?.trim() ?? '';
    return text ? [text] : [];
  }

  async function type(label: string, value: string): Promise<void> {
    const input = inputLabelled(label);
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  async function fillAndSubmit(email: string, password: string): Promise<void> {
    await type('Email', email);
    await type('Password', password);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).click();
  }

  it('labels its fields Email and Password', () => {
    const labels = [...page().querySelectorAll('form label')].map((l) => l.textContent?.trim());
    expect(labels).toEqual(['Email', 'Password']);
    expect(inputLabelled('Email').type).toBe('email');
    expect(inputLabelled('Email').autocomplete).toBe('username');
    expect(inputLabelled('Password').type).toBe('password');
    expect(inputLabelled('Password').autocomplete).toBe('current-password');
  });

  it('shows and hides the password on request', async () => {
    const toggle = page().querySelector('button[aria-label="Show password"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(inputLabelled('Password').type).toBe('text');
    expect(toggle.getAttribute('aria-label')).toBe('Hide password');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the message and the field errors from an ApiError', async () => {
    await fillAndSubmit('sam@example.com', 'correct horse battery');

    const req = http.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      email: 'sam@example.com',
      password: 'correct horse battery',
    });
    req.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Please check the highlighted fields.',
        fields: { email: 'This email address looks incomplete.' },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(inputLabelled('Email').getAttribute('aria-invalid')).toBe('true');
    expect(errorsOf('Email')).toEqual(['This email address looks incomplete.']);
    expect(inputLabelled('Password').getAttribute('aria-invalid')).toBe('false');
    expect(errorsOf('Password')).toEqual([]);

    const alert = (fixture.nativeElement as HTMLElement).querySelector(
      '[role="alert"]',
    ) as HTMLElement;
    expect(alert.textContent).toContain('Please check the highlighted fields.');
    expect(navigate).not.toHaveBeenCalled();
    // The button is usable again for another try.
    expect(
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).isDisabled(),
    ).toBe(false);
  });

  it('shows the lockout message on 429', async () => {
    await fillAndSubmit('sam@example.com', 'wrong password again');
    http.expectOne('/api/auth/login').flush(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many attempts. Please wait 15 minutes and try again.',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector(
      '[role="alert"]',
    ) as HTMLElement;
    expect(alert.textContent?.trim()).toContain(
      'Too many attempts. Please wait 15 minutes and try again.',
    );
  });

  it('does not call the API when the form is empty, and explains why', async () => {
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).click();
    http.expectNone('/api/auth/login');
    expect(errorsOf('Email')).toEqual(['Email is required.']);
    expect(errorsOf('Password')).toEqual(['Password is required.']);
    expect(inputLabelled('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it('signs in and lands on the area for the role', async () => {
    await fillAndSubmit('sam@example.com', 'correct horse battery');
    http.expectOne('/api/auth/login').flush(meFixture(['admin', 'therapist']));
    await fixture.whenStable();
    expect(TestBed.inject(AuthStore).roles()).toEqual(['admin', 'therapist']);
    expect(navigate).toHaveBeenCalledWith('/therapist');
  });

  it('returns to a safe returnUrl after sign-in', async () => {
    fixture.componentRef.setInput('returnUrl', '/admin/people');
    await fillAndSubmit('sam@example.com', 'correct horse battery');
    http.expectOne('/api/auth/login').flush(meFixture(['admin']));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/admin/people');
  });

  it('says gently why a client was signed out, and takes them back where they were', async () => {
    const auth = TestBed.inject(AuthStore);
    auth.setMe(meFixture(['client']));
    auth.noteAnswer(Date.now() - 16 * 60_000);
    auth.sessionEnded();
    fixture.componentRef.setInput('returnUrl', '/client/reading/a1');
    await fixture.whenStable();
    const status = (fixture.nativeElement as HTMLElement).querySelector(
      '[role="status"]',
    ) as HTMLElement;
    expect(status.textContent?.trim()).toBe(
      'You were signed out after 15 quiet minutes. Your words are saved. Sign in to pick up where you left off.',
    );
    await fillAndSubmit('sam@example.com', 'correct horse battery');
    http.expectOne('/api/auth/login').flush(meFixture(['client']));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/client/reading/a1');
    expect(auth.signedOut()).toBeNull();
  });

  it('does not claim a time-out for a session that ended another way', async () => {
    const auth = TestBed.inject(AuthStore);
    auth.setMe(meFixture(['therapist']));
    auth.noteAnswer(Date.now() - 60_000);
    auth.sessionEnded();
    await fixture.whenStable();
    const status = (fixture.nativeElement as HTMLElement).querySelector(
      '[role="status"]',
    ) as HTMLElement;
    expect(status.textContent?.trim()).toBe(
      'You were signed out. Sign in to pick up where you left off.',
    );
  });

  it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/login?x=1'])(
    'ignores the unsafe returnUrl %s and goes to the home area',
    async (returnUrl) => {
      fixture.componentRef.setInput('returnUrl', returnUrl);
      await fillAndSubmit('sam@example.com', 'correct horse battery');
      http.expectOne('/api/auth/login').flush(meFixture(['client']));
      await fixture.whenStable();
      expect(navigate).toHaveBeenCalledWith('/client');
    },
  );

  it('offers "Forgot password?"', () => {
    const link = (fixture.nativeElement as HTMLElement).querySelector('a[href="/forgot-password"]');
    expect(link?.textContent?.trim()).toBe('Forgot password?');
  });

  it('asks for the code after the password when the account has a second step', async () => {
    await fillAndSubmit('sam@example.com', 'correct horse battery');
    http
      .expectOne('/api/auth/login')
      .flush({ mfaRequired: true, message: 'Your password is right. Now enter the code.' });
    await fixture.whenStable();
    expect(navigate).not.toHaveBeenCalled();
    const heading = (fixture.nativeElement as HTMLElement).querySelector('h1');
    expect(heading?.textContent).toContain('Enter your code');

    await type('Code', '123456');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Continue' }))).click();
    const wrong = http.expectOne('/api/auth/mfa/challenge');
    expect(wrong.request.body).toEqual({ code: '123456' });
    wrong.flush(
      {
        statusCode: 401,
        error: 'Unauthorized',
        code: 'mfa_code_invalid',
        message: "That code didn't work.",
        fields: { code: "That code didn't work." },
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();
    expect(errorsOf('Code')).toEqual(["That code didn't work."]);
    expect(inputLabelled('Code').getAttribute('aria-invalid')).toBe('true');

    await type('Code', '654321');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Continue' }))).click();
    http.expectOne('/api/auth/mfa/challenge').flush(meFixture(['therapist']));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/therapist');
  });

  it('sends a member whose practice requires a second step to set it up first', async () => {
    fixture.componentRef.setInput('returnUrl', '/admin/people');
    await fillAndSubmit('sam@example.com', 'correct horse battery');
    http
      .expectOne('/api/auth/login')
      .flush(meFixture(['admin'], { mfa: { enabled: false, setupRequired: true } }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/second-step');
  });
});
