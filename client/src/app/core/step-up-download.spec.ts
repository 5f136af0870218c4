import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { StepUpDownload } from './step-up-download';

@Component({
  imports: [StepUpDownload],
  template: `<a href="#record" download appStepUpDownload>Download</a>`,
})
class Host {}

describe('StepUpDownload', () => {
  let http: HttpTestingController;
  let link: HTMLAnchorElement;
  let clicks: { prevented: boolean }[];

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    link = (fixture.nativeElement as HTMLElement).querySelector('a')!;
    clicks = [];
    // Runs after the directive's own listener: what the browser would then do with the click.
    link.addEventListener('click', (e) => {
      clicks.push({ prevented: e.defaultPrevented });
      e.preventDefault();
    });
  });

  afterEach(() => http.verify());

  it('asks the server first, then lets the same link download', () => {
    link.click();
    expect(clicks).toEqual([{ prevented: true }]);
    http.expectOne('/api/auth/mfa/step-up').flush(null, { status: 204, statusText: 'No Content' });
    expect(clicks).toEqual([{ prevented: true }, { prevented: false }]);
  });

  it('downloads nothing when the step-up is refused or cancelled', () => {
    link.click();
    http
      .expectOne('/api/auth/mfa/step-up')
      .flush({ code: 'step_up_required' }, { status: 403, statusText: 'Forbidden' });
    expect(clicks).toEqual([{ prevented: true }]);
  });
});
