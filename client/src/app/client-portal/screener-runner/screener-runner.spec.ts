import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { provideRouter } from '@angular/router';
import {
  Answers,
  CRISIS_RESOURCES,
  PERFECTIONISM_PATTERNS_CHECK,
  ScreeningDetail,
} from '@attune/shared';
import { AuthStore } from '../../core/auth-store';
import { meFixture } from '../../core/testing';
import { REPLACED_NOTICE, ScreenerRunner } from './screener-runner';

const def = PERFECTIONISM_PATTERNS_CHECK;

/** Every question before the safety part answered, so the runner resumes at the safety part. */
function answeredUpToSafety(): Answers {
  const answers: Answers = {};
  for (const section of def.sections) {
    if (section.key === 'safety') continue;
    for (const item of section.items) {
      if (item.type === 'choice') answers[item.linkId] = { value: item.options![1]!.code };
    }
  }
  return answers;
}

function detail(answers: Answers, draftVersion = 5): ScreeningDetail {
  return {
    id: 's1',
    clientId: 'client-1',
    instrument: { id: 'i1', key: def.key, version: def.version, title: def.title },
    status: 'in_progress',
    dueAt: null,
    note: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    submittedAt: null,
    definition: def,
    answers,
    draftVersion,
    updatedAt: '2026-11-02T10:00:00.000Z',
  };
}

// Material harnesses on the whole instrument are slow on a busy machine: allow more than 5 s.
describe('ScreenerRunner', { timeout: 20_000 }, () => {
  let fixture: ComponentFixture<ScreenerRunner>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  async function open(answers: Answers): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [ScreenerRunner],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(AuthStore).setMe(meFixture(['client']));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ScreenerRunner);
    fixture.componentRef.setInput('id', 's1');
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    http.expectOne('/api/screenings/s1').flush(detail(answers));
    await fixture.whenStable();
  }

  function root(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }

  function safetyAlert(): HTMLElement | null {
    return root().querySelector('[role="alert"][data-testid="safety-message"]');
  }

  async function click(text: string): Promise<void> {
    await (await loader.getHarness(MatButtonHarness.with({ text }))).click();
    await fixture.whenStable();
  }

  async function answerSafety(label: string): Promise<void> {
    const group = await loader.getHarness(
      MatRadioGroupHarness.with({ selector: '[aria-labelledby="q-safety-self-harm"]' }),
    );
    await group.checkRadioButton({ label });
    await fixture.whenStable();
  }

  afterEach(() => localStorage.clear());

  it('resumes at the first part with unanswered questions, after its content notice', async () => {
    await open(answeredUpToSafety());
    expect(root().querySelector('h2')?.textContent).toContain('Before this part: Your safety');
    expect(root().querySelector('.progress-label')?.textContent?.trim()).toBe('Part 12 of 12');
    expect(
      await (
        await loader.getHarness(MatButtonHarness.with({ text: 'Skip this part' }))
      ).isDisabled(),
    ).toBe(false);
    await click('Continue');
    expect(root().querySelector('#q-safety-self-harm')?.textContent).toContain(
      'thoughts of harming yourself',
    );
  });

  it('shows crisis resources at once when the safety question is answered above "Never"', async () => {
    await open(answeredUpToSafety());
    await click('Continue');

    await answerSafety('Never');
    expect(safetyAlert()).toBeNull();

    await answerSafety('Sometimes');
    const alert = safetyAlert();
    expect(alert).not.toBeNull();
    expect(alert!.querySelector('h3')?.textContent).toContain("You don't have to carry this alone");
    const links = Array.from(alert!.querySelectorAll('a')).map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['call Call 988', CRISIS_RESOURCES.lifeline.call],
      ['sms Text 988', CRISIS_RESOURCES.lifeline.text],
      ['chat Chat with 988', CRISIS_RESOURCES.lifeline.chat],
      ['Call 911', 'tel:911'],
    ]);
    expect(alert!.textContent).toContain('If you are in immediate danger, call 911.');
    expect(alert!.querySelector('[data-testid="practice-crisis-text"]')?.textContent).toBe(
      'After hours, call our on-call line at 555-0100.',
    );
    expect(alert!.textContent).toContain('Your therapist will be told');
    // Nothing is locked: the way on is still there.
    expect(
      await (
        await loader.getHarness(MatButtonHarness.with({ text: 'Review answers' }))
      ).isDisabled(),
    ).toBe(false);

    // The answer is saved like any other (which is what tells the therapist).
    await new Promise((resolve) => setTimeout(resolve, 450));
    const save = http.expectOne('/api/screenings/s1/draft');
    expect(save.request.body.answers['safety-self-harm']).toEqual({ value: 'sometimes' });
    save.flush({ draftVersion: 6, savedAt: '2026-11-02T10:05:00.000Z' });
  });

  it('also shows them when the safety question is declined', async () => {
    await open(answeredUpToSafety());
    await click('Continue');
    await answerSafety('Prefer not to answer');
    expect(safetyAlert()?.textContent).toContain('Call 988');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(
      http.expectOne('/api/screenings/s1/draft').request.body.answers['safety-self-harm'],
    ).toEqual({ declined: true });
  });

  it('keeps the resources on the review page, but does not announce them again', async () => {
    await open({ ...answeredUpToSafety(), 'safety-self-harm': { value: 'often' } });
    expect(root().querySelector('h2')?.textContent).toContain('Review your answers');
    const message = root().querySelector('[data-testid="safety-message"]');
    expect(message?.textContent).toContain('Text 988');
    expect(message?.getAttribute('role')).toBeNull();
  });

  it('loads the answers saved elsewhere after a 409 and says so', async () => {
    await open(answeredUpToSafety());
    await click('Continue');
    await answerSafety('Rarely');
    await new Promise((resolve) => setTimeout(resolve, 450));
    http.expectOne('/api/screenings/s1/draft').flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'These answers were changed somewhere else.',
        current: {
          draftVersion: 9,
          answers: { 'safety-self-harm': { value: 'never' } },
          status: 'in_progress',
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(root().textContent).toContain(REPLACED_NOTICE);
    const group = await loader.getHarness(
      MatRadioGroupHarness.with({ selector: '[aria-labelledby="q-safety-self-harm"]' }),
    );
    expect(await (await group.getCheckedRadioButton())?.getLabelText()).toBe('Never');
  });
});
