import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormRecord, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { Router, RouterLink } from '@angular/router';
import {
  ApiError,
  Answers,
  ClientScreeningDetail,
  ItemDefinition,
  SafetySignal,
  SCREENING_LIMITS,
  SectionDefinition,
} from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { ScreeningsApi } from '../../core/screenings-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { SafetyMessage } from '../safety-message/safety-message';
import {
  answersFromForm,
  blankSafetyItems,
  BOOLEAN_OPTIONS,
  countedItems,
  FormAnswer,
  isAnswerable,
  newIdempotencyKey,
  safeEnabledIds,
  safetyState,
  toFormValue,
} from './answer-form';
import { DraftAutosave, Replacement, SaveState } from './draft-autosave';

/** Where the person is: the welcome, a part's content notice, a part, the review, or done. */
export type RunnerStep =
  | { kind: 'intro' }
  | { kind: 'notice'; section: number }
  | { kind: 'section'; section: number }
  | { kind: 'review' }
  | { kind: 'thanks' }
  | { kind: 'closed'; message: string };

export const REPLACED_NOTICE =
  'Your answers were updated from another device. We are showing the latest saved answers.';
export const BREAK_MESSAGE = 'Saved. You can pick up where you left off.';
const BREAK_OFFLINE_MESSAGE =
  "We couldn't reach Attune just now. Your answers are kept on this device and will be saved when you open this screener again.";
const ALREADY_SENT =
  'You already sent this in. Thank you. Your therapist will go through this with you.';
/** Asked once, at send, when a safety question was left blank (never forced). */
export const SAFETY_BLANK_PROMPT =
  'You left the question about your safety blank. You can answer it now, or send without it.';

const SAVE_STATUS: Record<SaveState, string> = {
  idle: '',
  pending: 'Saving…',
  saving: 'Saving…',
  saved: 'Saved',
  retrying: "Not saved yet. We'll keep trying, and your answers are kept on this device.",
  failed: '',
  closed: '',
};

/** One screener, one part per screen, saved as the person goes. */
@Component({
  selector: 'app-screener-runner',
  imports: [
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ReactiveFormsModule,
    RouterLink,
    SafetyMessage,
  ],
  providers: [DraftAutosave],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './screener-runner.html',
  styleUrl: './screener-runner.scss',
})
export class ScreenerRunner {
  private readonly api = inject(ScreeningsApi);
  private readonly autosave = inject(DraftAutosave);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);

  /** Route param `:id`. */
  readonly id = input.required<string>();

  protected readonly detail = signal<ClientScreeningDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly form = new FormRecord<FormControl<FormAnswer>>({});
  protected readonly answers = signal<Answers>({});
  protected readonly step = signal<RunnerStep>({ kind: 'intro' });
  protected readonly notice = signal('');
  protected readonly submitting = signal(false);
  protected readonly leaving = signal(false);
  protected readonly submitError = signal('');
  protected readonly booleanOptions = BOOLEAN_OPTIONS;
  protected readonly textMax = SCREENING_LIMITS.textAnswerMax;
  protected readonly safetyBlankPrompt = SAFETY_BLANK_PROMPT;

  private readonly stepHeading = viewChild<ElementRef<HTMLElement>>('stepHeading');
  private readonly safetyMessage = viewChild(SafetyMessage, { read: ElementRef });
  private submitKey: string | null = null;

  protected readonly definition = computed(() => this.detail()?.definition ?? null);
  protected readonly enabled = computed(() => {
    const def = this.definition();
    return def ? safeEnabledIds(def, this.answers()) : new Set<string>();
  });
  /** Safety answers so far: a critical one shows the crisis resources at once. */
  protected readonly signals = computed(() => {
    const def = this.definition();
    return def ? safetyState(def, this.answers()) : [];
  });
  /** Critical answers (not declines): these bring up crisis help. */
  protected readonly flags = computed(() => this.signals().filter((f) => f.reason === 'answered'));
  protected readonly rightNow = computed(() => this.flags().some((f) => f.rightNow));
  /**
   * Where each crisis message goes: under the critical question, or under its "right now"
   * follow-up once that was answered yes (so 988 shows right where the answer was given).
   */
  protected readonly messageAt = computed(() => {
    const def = this.definition();
    const at = new Map<string, SafetySignal>();
    for (const f of this.flags()) {
      const follow = def?.safetyItems.find((t) => t.linkId === f.linkId)?.followUp;
      at.set(f.rightNow && follow ? follow.linkId : f.linkId, f);
    }
    return at;
  });
  protected readonly declinedIds = computed(
    () =>
      new Set(
        this.signals()
          .filter((f) => f.reason === 'declined')
          .map((f) => f.linkId),
      ),
  );
  /** Safety questions left blank, asked about once at send. */
  protected readonly safetyPrompt = signal(false);
  private readonly safetyPromptBox = viewChild<ElementRef<HTMLElement>>('safetyPromptBox');
  private readonly criticalIds = computed(
    () => new Set(this.definition()?.safetyItems.map((t) => t.linkId) ?? []),
  );
  /** Sections with a safety question: no "skip this part", since declining is an answer. */
  protected readonly isSafetyPart = computed(() =>
    (this.section()?.items ?? []).some((i) => this.criticalIds().has(i.linkId)),
  );
  /** Indexes of the sections that have something to show (enableWhen may hide a whole part). */
  protected readonly parts = computed(() => {
    const def = this.definition();
    const enabled = this.enabled();
    if (!def) return [];
    return def.sections
      .map((section, index) => ({ section, index }))
      .filter(({ section }) => section.items.some((i) => enabled.has(i.linkId)))
      .map(({ index }) => index);
  });
  protected readonly sectionIndex = computed(() => {
    const step = this.step();
    return step.kind === 'section' || step.kind === 'notice' ? step.section : null;
  });
  protected readonly section = computed<SectionDefinition | null>(() => {
    const index = this.sectionIndex();
    return index === null ? null : (this.definition()?.sections[index] ?? null);
  });
  protected readonly sectionItems = computed(() => {
    const section = this.section();
    const enabled = this.enabled();
    return section ? section.items.filter((i) => enabled.has(i.linkId)) : [];
  });
  protected readonly partNumber = computed(() => {
    const index = this.sectionIndex();
    return index === null ? 0 : this.parts().indexOf(index) + 1;
  });
  protected readonly isLastPart = computed(() => {
    const parts = this.parts();
    return this.sectionIndex() === parts[parts.length - 1];
  });
  protected readonly progress = computed(() => {
    const total = this.parts().length;
    if (this.step().kind === 'review') return 100;
    return total ? Math.round((this.partNumber() / total) * 100) : 0;
  });
  protected readonly progressLabel = computed(() =>
    this.step().kind === 'review'
      ? 'Review'
      : `Part ${this.partNumber()} of ${this.parts().length}`,
  );
  protected readonly reviewParts = computed(() => {
    const def = this.definition();
    const enabled = this.enabled();
    const answers = this.answers();
    if (!def) return [];
    return this.parts().flatMap((index) => {
      const section = def.sections[index];
      if (!section) return [];
      const counted = countedItems(section, enabled);
      return {
        index,
        title: section.title,
        answered: counted.filter((i) => answers[i.linkId]).length,
        total: counted.length,
      };
    });
  });
  protected readonly saveStatus = computed(() => {
    const state = this.autosave.state();
    return state === 'failed' || state === 'closed' ? this.autosave.message() : SAVE_STATUS[state];
  });
  protected readonly saveProblem = computed(() => this.autosave.state() === 'failed');

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.onFormChange());
    this.autosave.replaced.pipe(takeUntilDestroyed()).subscribe((r) => this.onReplaced(r));
  }

  protected load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (detail) => {
          this.loading.set(false);
          this.open(detail);
        },
        error: (err: unknown) => {
          this.loadError.set(toApiError(err));
          this.loading.set(false);
        },
      });
  }

  private open(detail: ClientScreeningDetail): void {
    const items = detail.definition.sections.flatMap((s) => s.items).filter(isAnswerable);
    for (const name of Object.keys(this.form.controls)) {
      this.form.removeControl(name, { emitEvent: false });
    }
    for (const item of items) {
      this.form.addControl(item.linkId, new FormControl<FormAnswer>(null, validatorsFor(item)), {
        emitEvent: false,
      });
    }
    this.detail.set(detail);
    if (detail.status === 'submitted' || detail.status === 'cancelled') {
      this.setAnswers(detail.answers);
      this.step.set({ kind: 'closed', message: ALREADY_SENT });
      return;
    }
    const start = this.autosave.start(detail.id, detail.draftVersion, detail.answers);
    this.setAnswers(start.answers);
    if (start.replaced) this.notice.set(REPLACED_NOTICE);
    this.step.set(Object.keys(start.answers).length === 0 ? { kind: 'intro' } : this.resumeStep());
  }

  /** Shows these answers in the form without treating them as new input. */
  private setAnswers(answers: Answers): void {
    const def = this.definition();
    if (!def) return;
    for (const item of def.sections.flatMap((s) => s.items).filter(isAnswerable)) {
      this.form.controls[item.linkId]?.setValue(toFormValue(item, answers[item.linkId]), {
        emitEvent: false,
      });
    }
    this.answers.set(answers);
  }

  private onFormChange(): void {
    const def = this.definition();
    if (!def) return;
    const items = def.sections.flatMap((s) => s.items);
    const answers = answersFromForm(items, this.form.getRawValue());
    const before = new Set(this.messageAt().keys());
    this.answers.set(answers);
    if ([...this.messageAt().keys()].some((id) => !before.has(id))) this.revealSafetyMessage();
    this.safetyPrompt.set(false);
    this.submitKey = null;
    this.submitError.set('');
    this.autosave.update(answers);
  }

  private onReplaced(replacement: Replacement): void {
    this.setAnswers(replacement.answers);
    this.notice.set(REPLACED_NOTICE);
    if (replacement.status === 'submitted' || replacement.status === 'cancelled') {
      this.goTo({ kind: 'closed', message: this.autosave.message() || ALREADY_SENT });
    }
  }

  /**
   * The crisis resources appear below the question; bring them into view (focus stays on the
   * answer, and role="alert" announces them) so nobody has to find them by scrolling.
   */
  private revealSafetyMessage(): void {
    afterNextRender(
      () => {
        const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true;
        const el = this.safetyMessage()?.nativeElement as HTMLElement | undefined;
        el?.scrollIntoView?.({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
      },
      { injector: this.injector },
    );
  }

  /** The first part with a question left unanswered (or the review when there is none). */
  private resumeStep(): RunnerStep {
    const def = this.definition()!;
    const answers = this.answers();
    const enabled = this.enabled();
    for (const index of this.parts()) {
      const section = def.sections[index];
      if (!section) continue;
      if (countedItems(section, enabled).some((i) => !answers[i.linkId])) {
        return this.partStep(index);
      }
    }
    return { kind: 'review' };
  }

  /** A part starts with its content notice, if it has one. */
  private partStep(index: number): RunnerStep {
    return this.definition()?.sections[index]?.contentNotice
      ? { kind: 'notice', section: index }
      : { kind: 'section', section: index };
  }

  private goTo(step: RunnerStep): void {
    this.step.set(step);
    // Move focus to the new heading so screen readers and keyboards start at the top.
    afterNextRender(() => this.stepHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected begin(): void {
    const first = this.parts()[0];
    this.goTo(first === undefined ? { kind: 'review' } : this.partStep(first));
  }

  protected next(): void {
    const index = this.sectionIndex();
    const after = this.parts().find((i) => index === null || i > index);
    this.goTo(after === undefined ? { kind: 'review' } : this.partStep(after));
  }

  protected back(): void {
    const step = this.step();
    const parts = this.parts();
    if (step.kind === 'review') {
      const last = parts[parts.length - 1];
      this.goTo(last === undefined ? { kind: 'intro' } : { kind: 'section', section: last });
      return;
    }
    const index = this.sectionIndex();
    const before = [...parts].reverse().find((i) => index !== null && i < index);
    this.goTo(before === undefined ? { kind: 'intro' } : { kind: 'section', section: before });
  }

  protected continueToPart(): void {
    const index = this.sectionIndex();
    if (index !== null) this.goTo({ kind: 'section', section: index });
  }

  protected review(): void {
    this.goTo({ kind: 'review' });
  }

  protected openPart(index: number): void {
    this.goTo({ kind: 'section', section: index });
  }

  protected control(linkId: string): FormControl<FormAnswer> {
    const control = this.form.controls[linkId];
    // Every shown question gets a control when the screener loads; a miss is a bug, not input.
    if (!control) throw new Error(`No form control for question ${linkId}`);
    return control;
  }

  protected questionId(item: ItemDefinition): string {
    return `q-${item.linkId}`;
  }

  /** Saves what is pending and goes back to the list, with a word on what happened. */
  protected async takeBreak(): Promise<void> {
    if (this.leaving()) return;
    this.leaving.set(true);
    const outcome = await this.autosave.flush();
    if (outcome === 'failed') {
      this.leaving.set(false);
      return;
    }
    const message = outcome === 'offline' ? BREAK_OFFLINE_MESSAGE : BREAK_MESSAGE;
    await this.router.navigate(['/client/screeners'], { state: { message } });
  }

  /**
   * Sends the answers. A safety question left blank is asked about once, without forcing:
   * the person can answer it, or send without it (the server then raises a check-in).
   */
  protected async send(): Promise<void> {
    if (this.submitting()) return;
    const def = this.definition();
    if (!this.safetyPrompt() && def && blankSafetyItems(def, this.answers()).length > 0) {
      this.safetyPrompt.set(true);
      afterNextRender(() => this.safetyPromptBox()?.nativeElement.focus(), {
        injector: this.injector,
      });
      return;
    }
    await this.submitNow();
  }

  /** Back to the part with the blank safety question. */
  protected answerSafetyNow(): void {
    const def = this.definition();
    const blank = def ? blankSafetyItems(def, this.answers())[0] : undefined;
    const index = def?.sections.findIndex((s) => s.items.some((i) => i.linkId === blank)) ?? -1;
    this.safetyPrompt.set(false);
    if (index >= 0) this.goTo({ kind: 'section', section: index });
  }

  protected async sendWithoutSafety(): Promise<void> {
    if (this.submitting()) return;
    await this.submitNow();
  }

  private async submitNow(): Promise<void> {
    this.submitting.set(true);
    this.submitError.set('');
    this.submitKey ??= newIdempotencyKey();
    const outcome = await this.autosave.submit(this.submitKey);
    this.submitting.set(false);
    switch (outcome.kind) {
      case 'submitted':
        this.submitKey = null;
        this.goTo({ kind: 'thanks' });
        break;
      case 'replaced':
        // The notice says what happened; the review now shows the latest answers.
        this.submitKey = null;
        break;
      case 'closed':
        this.goTo({ kind: 'closed', message: outcome.message || ALREADY_SENT });
        break;
      case 'failed':
        if (!outcome.retryable) this.submitKey = null;
        this.submitError.set(
          outcome.retryable
            ? `${outcome.message} Your answers are still here. Please try sending again in a moment.`
            : outcome.message,
        );
        break;
    }
  }
}

function validatorsFor(item: ItemDefinition) {
  if (item.type === 'integer') {
    return [
      Validators.pattern(/^-?\d+$/),
      ...(item.min !== undefined ? [Validators.min(item.min)] : []),
      ...(item.max !== undefined ? [Validators.max(item.max)] : []),
    ];
  }
  if (item.type === 'text') return [Validators.maxLength(SCREENING_LIMITS.textAnswerMax)];
  return [];
}
