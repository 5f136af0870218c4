import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { sentBody } from '../../core/testing';
import { ReminderPreference } from './reminder-preference';

describe('ReminderPreference', () => {
  async function render() {
    TestBed.configureTestingModule({
      imports: [ReminderPreference],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(ReminderPreference);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/reminders/preference').flush({ gentleReminders: true });
    await fixture.whenStable();
    const toggle =
      await TestbedHarnessEnvironment.loader(fixture).getHarness(MatSlideToggleHarness);
    return { fixture, http, toggle };
  }

  it('turns the weekly email off and says so', async () => {
    const { fixture, http, toggle } = await render();
    expect(await toggle.isChecked()).toBe(true);
    expect(await toggle.getLabelText()).toBe('Send me a gentle reminder');
    await toggle.toggle();
    const req = http.expectOne('/api/reminders/preference');
    expect(req.request.method).toBe('PUT');
    expect(sentBody(req)).toEqual({ gentleReminders: false });
    req.flush({ gentleReminders: false });
    await fixture.whenStable();
    expect(await toggle.isChecked()).toBe(false);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'We will not send reminder emails.',
    );
  });

  it('shows the choice as it stands when saving fails', async () => {
    const { fixture, http, toggle } = await render();
    await toggle.toggle();
    http
      .expectOne('/api/reminders/preference')
      .flush({ message: 'Could not save.' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(await toggle.isChecked()).toBe(true);
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')).not.toBeNull();
  });
});
