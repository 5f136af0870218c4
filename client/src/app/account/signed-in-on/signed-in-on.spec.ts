import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { LoginSessionSummary } from '@attune/shared';
import { SignedInOn } from './signed-in-on';

const now = Date.now();
const sessions: LoginSessionSummary[] = [
  {
    id: 's1',
    device: 'Chrome on macOS',
    deviceType: 'desktop',
    signedInAt: new Date(now - 3_600_000).toISOString(),
    lastSeenAt: new Date(now).toISOString(),
    current: true,
    assurance: 'password',
  },
  {
    id: 's2',
    device: 'Safari on iPhone',
    deviceType: 'mobile',
    signedInAt: new Date(now - 86_400_000 * 2).toISOString(),
    lastSeenAt: new Date(now - 5 * 60_000).toISOString(),
    current: false,
    assurance: 'password',
  },
];

describe('SignedInOn', () => {
  let fixture: ComponentFixture<SignedInOn>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SignedInOn],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    fixture = TestBed.createComponent(SignedInOn);
    http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/auth/sessions').flush(sessions);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('lists each device with its last activity, marks this one, and shows no place', () => {
    const items = [...el().querySelectorAll('li.session')].map((li) =>
      li.textContent.replace(/\s+/g, ' ').trim(),
    );
    expect(items[0]).toContain('Chrome on macOS This device');
    expect(items[0]).toContain('Active now');
    expect(items[1]).toContain('Safari on iPhone');
    expect(items[1]).toContain('5 minutes ago');
    // Only the other device has its own "Sign out".
    const buttons = [...el().querySelectorAll('li.session button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Sign out Safari on iPhone, last active 5 minutes ago',
    ]);
  });

  it('signs out one device, and all others', async () => {
    el().querySelector<HTMLButtonElement>('li.session button')!.click();
    const del = http.expectOne('/api/auth/sessions/s2');
    expect(del.request.method).toBe('DELETE');
    del.flush(null);
    await fixture.whenStable();
    expect(el().querySelector('[role="status"]')?.textContent).toContain(
      'Signed out of Safari on iPhone.',
    );
    expect(el().querySelectorAll('li.session')).toHaveLength(1);
    // No other device left: no "Sign out all other devices".
    expect(el().textContent).not.toContain('Sign out all other devices');
  });

  it('"Sign out all other devices" ends the others and reloads the list', async () => {
    const all = [...el().querySelectorAll<HTMLButtonElement>('button')].find(
      (b) => b.textContent?.trim() === 'Sign out all other devices',
    )!;
    all.click();
    http.expectOne('/api/auth/sessions/sign-out-others').flush({ ended: 1 });
    http.expectOne('/api/auth/sessions').flush([sessions[0]]);
    await fixture.whenStable();
    expect(el().querySelector('[role="status"]')?.textContent).toContain(
      'Signed out of 1 other device.',
    );
  });
});
