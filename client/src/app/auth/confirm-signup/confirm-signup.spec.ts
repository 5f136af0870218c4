import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from '../../core/auth-store';
import { meFixture } from '../../core/testing';
import { ConfirmSignup } from './confirm-signup';

describe('ConfirmSignup', () => {
  let fixture: ComponentFixture<ConfirmSignup>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ConfirmSignup],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    fixture = TestBed.createComponent(ConfirmSignup);
    fixture.componentRef.setInput('token', 'tok/en');
    loader = TestbedHarnessEnvironment.loader(fixture);
    http = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('sends nothing until the button is pressed, then signs the new admin in', async () => {
    http.expectNone(() => true);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create my practice' }))).click();
    const req = http.expectOne('/api/practices/confirm/tok%2Fen');
    expect(req.request.method).toBe('POST');
    const me = meFixture(['admin']);
    req.flush(me);
    await fixture.whenStable();
    expect(TestBed.inject(AuthStore).me()).toEqual(me);
    expect(navigate).toHaveBeenCalledWith('/admin');
  });

  it('says plainly when the link is used up or expired', async () => {
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create my practice' }))).click();
    http
      .expectOne('/api/practices/confirm/tok%2Fen')
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'gone' },
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('This link has expired or was already used');
    expect(navigate).not.toHaveBeenCalled();
  });
});
