import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { TotpEnrolment } from '@attune/shared';
import { MfaSetup } from './mfa-setup';

const enrolment: TotpEnrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUrl: 'otpauth://totp/Attune:sam%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  qrCodeDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
  issuer: 'Attune',
  accountName: 'sam@example.com',
};

describe('MfaSetup', () => {
  let fixture: ComponentFixture<MfaSetup>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MfaSetup],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    fixture = TestBed.createComponent(MfaSetup);
    loader = TestbedHarnessEnvironment.loader(fixture);
    http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/auth/mfa/totp').flush(enrolment);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('shows the QR code from our own server and the key as text, in groups of four', () => {
    const img = el().querySelector('img.qr') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(enrolment.qrCodeDataUrl);
    expect(img.alt).toMatch(/QR code/);
    expect(el().querySelector('[data-testid="totp-secret"]')?.textContent).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
  });

  it('refuses a code that is not 6 digits before asking the server', async () => {
    await (await loader.getHarness(MatInputHarness)).setValue('12ab');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Turn on' }))).click();
    http.expectNone('/api/auth/mfa/totp/verify');
    const field = await loader.getHarness(MatFormFieldHarness);
    expect(await field.getTextErrors()).toEqual(['The code is 6 digits.']);
  });

  it('confirms with a code, then shows the ten recovery codes and emits done when saved', async () => {
    let done = false;
    fixture.componentInstance.done.subscribe(() => (done = true));
    await (await loader.getHarness(MatInputHarness)).setValue('123 456');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Turn on' }))).click();
    const req = http.expectOne('/api/auth/mfa/totp/verify');
    expect(req.request.body).toEqual({ code: '123456' });
    const codes = Array.from({ length: 10 }, (_, i) => `abcd-efgh-jk${i + 2}m`.slice(0, 14));
    req.flush({ recoveryCodes: codes });
    await fixture.whenStable();
    const listed = [...el().querySelectorAll('[data-testid="recovery-codes"] li')].map((li) =>
      li.textContent.trim(),
    );
    expect(listed).toEqual(codes);
    await (await loader.getHarness(MatButtonHarness.with({ text: "I've saved them" }))).click();
    expect(done).toBe(true);
  });
});
