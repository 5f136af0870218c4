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
  ClientScreeningDetail,
  CRISIS_RESOURCES,
  PERFECTIONISM_PATTERNS_CHECK,
  SaveDraftRequest,
  SubmitScreeningRequest,
  toClientInstrumentView,
} from '@attune/shared';
import { AuthStore } from '../../core/auth-store';
import { meFixture, sentBody } from '../../core/testing';
import { REPLACED_NOTICE, SAFETY_BLANK_PROMPT, ScreenerRunner } from './screener-runner';

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

function detail(answers: Answers, draftVersion = 5): ClientScreeningDetail {
  return {
    id: 's1',
    clientId: 'client-1',
    instrument: { id: 'i1', key: def.key, version: def.version, title: def.title },
    status: 'in_progress',
    dueAt: null,
    note: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    submittedAt: null,
    definition: toClientInstrumentView(def),
    answers,
    draftVersion,
    updatedAt: '2026-11-02T10:00:00.000Z',
    crisisText: 'After hours, call our on-call line at 555-0100.',
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

  async function answerSafety(label: string, linkId = 'safety-self-harm'): Promise<void> {
    const group = await loader.getHarness(
      MatRadioGroupHarness.with({ selector: `[aria-labelledby="q-${linkId}"]` }),
    );
    await group.checkRadioButton({ label });
    await fixture.whenStable();
  }

  afterEach(() => localStorage.clear());

  it('says on the welcome that this is not a test and not a diagnosis, and is not watched around the clock', async () => {
    await open({});
    const text = root().querySelector('[data-testid="not-a-test"]')?.textContent ?? '';
    expect(text).toContain('This is not a test and not a diagnosis.');
    expect(root().textContent).toContain(
      'Your therapist reads your answers later, not right away.',
    );
  });

  it('resumes at the first part with unanswered questions, after its content notice (no "skip" for safety)', async () => {
    await open(answeredUpToSafety());
    expect(root().querySelector('h2')?.textContent).toContain('Before this part: Your safety');
    expect(root().querySelector('.progress-label')?.textContent?.trim()).toBe('Part 12 of 12');
    expect(root().textContent).toContain('your therapist will check in with you'.slice(1));
    expect(root().textContent).toContain('No one watches these answers day and night.');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Skip this part' }))).toEqual(
      [],
    );
    await click('Continue');
    const question = root().querySelector('#q-safety-self-harm')?.textContent ?? '';
    expect(question).toContain('better off dead');
    expect(question).toContain('ending your life');
    expect(question).toContain('hurting yourself');
    // The "right now" follow-up appears only after an answer above "Never".
    expect(root().querySelector('#q-safety-right-now')).toBeNull();
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
    expect(sentBody<SaveDraftRequest>(save).answers['safety-self-harm']).toEqual({
      value: 'sometimes',
    });
    save.flush({ draftVersion: 6, savedAt: '2026-11-02T10:05:00.000Z' });
  });

  it('puts 988 first when the thoughts are there right now', async () => {
    await open(answeredUpToSafety());
    await click('Continue');
    await answerSafety('Rarely');
    expect(root().querySelector('#q-safety-right-now')?.textContent).toContain('right now');
    await answerSafety('Yes', 'safety-right-now');
    const alert = safetyAlert();
    expect(alert?.querySelector('h3')?.textContent).toContain('Please reach out now');
    // The 988 buttons come straight after the heading (first in the crisis contacts), before
    // any other words.
    const contacts = alert!.querySelector('h3')!.nextElementSibling!;
    expect(contacts.localName).toBe('app-crisis-contacts');
    const first = contacts.firstElementChild!;
    expect(first.getAttribute('data-testid')).toBe('lifeline-first');
    expect(Array.from(first.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual([
      CRISIS_RESOURCES.lifeline.call,
      CRISIS_RESOURCES.lifeline.text,
      CRISIS_RESOURCES.lifeline.chat,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(
      sentBody<SaveDraftRequest>(http.expectOne('/api/screenings/s1/draft')).answers,
    ).toMatchObject({
      'safety-self-harm': { value: 'rarely' },
      'safety-right-now': { value: 'yes' },
    });
  });

  it('says a check-in will follow when the safety question is declined', async () => {
    await open(answeredUpToSafety());
    await click('Continue');
    await answerSafety('Prefer not to answer');
    expect(safetyAlert()).toBeNull();
    expect(root().querySelector('[data-testid="decline-note"]')?.textContent).toContain(
      'Your therapist will check in with you',
    );
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(
      sentBody<SaveDraftRequest>(http.expectOne('/api/screenings/s1/draft')).answers[
        'safety-self-harm'
      ],
    ).toEqual({ declined: true });
  });

  it('asks once more about a blank safety question at send, without forcing', async () => {
    await open(answeredUpToSafety());
    await click('Continue');
    await click('Review answers');
    await click('Send to my therapist');
    const prompt = root().querySelector('[data-testid="safety-blank-prompt"]');
    expect(prompt?.textContent).toContain(SAFETY_BLANK_PROMPT);
    http.expectNone('/api/screenings/s1/submit');
    // "Answer it now" goes back to the question.
    await click('Answer it now');
    expect(root().querySelector('h2')?.textContent).toContain('Your safety');
    await click('Review answers');
    await click('Send to my therapist');
    await click('Send without it');
    const submit = http.expectOne('/api/screenings/s1/submit');
    expect(sentBody<SubmitScreeningRequest>(submit).answers['safety-self-harm']).toBeUndefined();
    submit.flush({ id: 's1', status: 'submitted', submittedAt: '2026-11-02T10:06:00.000Z' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    expect(root().querySelector('h2')?.textContent).toContain('Thank you');
    // Thanked once; the answers are in, so nothing offers to keep going or take a break.
    const text = root().textContent ?? '';
    expect(text.match(/thank you/gi)?.length).toBe(1);
    expect(text).not.toMatch(/take a break/i);
  });

  it('keeps the resources on the review page, but does not announce them again', async () => {
    await open({
      ...answeredUpToSafety(),
      'safety-self-harm': { value: 'often' },
      'safety-right-now': { value: 'no' },
    });
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
