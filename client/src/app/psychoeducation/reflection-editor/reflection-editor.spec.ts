import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import type { ReflectionView } from '@attune/shared';
import { REFLECTION_DEBOUNCE_MS } from '../reflection-autosave';
import { ReflectionEditor } from './reflection-editor';

function view(overrides: Partial<ReflectionView> = {}): ReflectionView {
  return {
    id: 'r1',
    assignmentId: 'a1',
    promptId: 'noticing',
    promptText: 'What did you notice?',
    body: 'Saved before',
    shared: false,
    sharedAt: null,
    version: 1,
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

describe('ReflectionEditor', () => {
  let fixture: ComponentFixture<ReflectionEditor>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  async function open(existing: ReflectionView | null): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [ReflectionEditor],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReflectionEditor);
    fixture.componentRef.setInput('assignmentId', 'a1');
    fixture.componentRef.setInput('prompt', { id: 'noticing', text: 'What did you notice?' });
    fixture.componentRef.setInput('existing', existing);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  }

  function text(): string {
    return (fixture.nativeElement as HTMLElement).textContent ?? '';
  }

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('is private by default, with a toggle labelled "Share with my therapist"', async () => {
    await open(null);
    const toggle = await loader.getHarness(
      MatSlideToggleHarness.with({ label: 'Share with my therapist' }),
    );
    expect(await toggle.isChecked()).toBe(false);
    expect(text()).toContain('Private (only you can see this)');
    const textarea = await loader.getHarness(MatInputHarness);
    const host = await textarea.host();
    expect(await host.getAttribute('aria-labelledby')).toBe('reflection-noticing-prompt');
    expect(text()).toContain('What did you notice?');
  });

  it('shares at once when toggled, and says so', async () => {
    await open(view());
    const toggle = await loader.getHarness(MatSlideToggleHarness);
    await toggle.toggle();
    const req = http.expectOne('/api/reflections/r1');
    expect(req.request.body).toEqual({ version: 1, shared: true });
    req.flush(view({ shared: true, sharedAt: '2026-11-20T11:00:00.000Z', version: 2 }));
    await fixture.whenStable();
    expect(text()).toContain('Shared with your therapist');
    expect(text()).toContain('Saved');
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[role="status"]')?.textContent?.trim(),
    ).toBe('Saved');
  });

  it('after a 409 shows the newer text in the box and keeps theirs below', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await open(view());
      const textarea = await loader.getHarness(MatInputHarness);
      await textarea.setValue('Mine from this tab');
      vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
      http.expectOne('/api/reflections/r1').flush(
        {
          statusCode: 409,
          error: 'Conflict',
          message: 'This reflection was saved somewhere else too.',
          current: view({ body: 'Newer from the phone', version: 3 }),
        },
        { status: 409, statusText: 'Conflict' },
      );
      await fixture.whenStable();
      expect(await textarea.getValue()).toBe('Newer from the phone');
      expect(text()).toContain('Mine from this tab');

      await (
        await loader.getHarness(MatButtonHarness.with({ text: 'Use what I wrote here' }))
      ).click();
      expect(await textarea.getValue()).toBe('Mine from this tab');
      const req = http.expectOne('/api/reflections/r1');
      expect(req.request.body).toEqual({ version: 3, body: 'Mine from this tab' });
      req.flush(view({ body: 'Mine from this tab', version: 4 }));
    } finally {
      vi.useRealTimers();
    }
  });
});
