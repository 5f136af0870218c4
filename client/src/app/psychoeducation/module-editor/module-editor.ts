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
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { ApiError, ModuleDetail, ModuleDraft, MODULE_LIMITS } from '@attune/shared';
import { debounceTime, map } from 'rxjs';
import { errorMessage, toApiError } from '../../core/api-error';
import { PsychoeducationApi } from '../../core/psychoeducation-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { ModuleBody } from '../module-body/module-body';
import { SIGN_TAG_OPTIONS } from '../module-labels';
import {
  applyModuleFieldErrors,
  fillModuleForm,
  moduleDraft,
  moduleForm,
  newPromptId,
  nextStepControl,
  promptForm,
  readingForm,
  sectionForm,
  stepControl,
} from './module-form';
import { PracticeTimePipe } from '../../core/practice-time';
import { HasUnsavedChanges, warnBeforeUnload } from '../../core/unsaved-changes';

const FIX_MESSAGE = 'Some fields need a look before this can be saved. They are marked below.';

function isModuleDetail(value: unknown): value is ModuleDetail {
  const v = value as ModuleDetail | null;
  return !!v && typeof v === 'object' && typeof v.id === 'string' && !!v.content;
}

/**
 * Write a new module or edit one you wrote: a Markdown form with a live preview rendered through
 * the same safe Markdown component clients see. Server field errors land on their controls; an
 * edit made elsewhere meanwhile (409) can be loaded, or overwritten on purpose.
 */
@Component({
  selector: 'app-module-editor',
  imports: [
    PracticeTimePipe,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ModuleBody,
    ReactiveFormsModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './module-editor.html',
  styleUrl: './module-editor.scss',
})
export class ModuleEditor implements HasUnsavedChanges {
  private readonly api = inject(PsychoeducationApi);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Route param `:id` when editing; absent when writing a new module. */
  readonly id = input<string>();

  protected readonly form = moduleForm();
  protected readonly c = this.form.controls;
  protected readonly limits = MODULE_LIMITS;
  protected readonly tagOptions = SIGN_TAG_OPTIONS;
  protected readonly isNew = computed(() => !this.id());
  protected readonly loaded = signal<ModuleDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal('');
  /** The newer copy saved elsewhere since this one was opened (a 409). */
  protected readonly conflict = signal<ModuleDetail | null>(null);
  protected readonly errorMessage = errorMessage;

  /** The draft as the preview shows it, a moment after each change. */
  protected readonly preview = toSignal(
    this.form.valueChanges.pipe(
      debounceTime(150),
      map(() => moduleDraft(this.form)),
    ),
    { initialValue: moduleDraft(this.form) },
  );
  private readonly previewNow = signal<ModuleDraft | null>(null);
  protected readonly shown = computed(() => this.previewNow() ?? this.preview());
  /** What the preview draws: only what has been written so far. */
  protected readonly previewParts = computed(() => {
    const d = this.shown();
    const steps = d.exercise.steps.filter(Boolean);
    const exercise =
      d.exercise.title || d.exercise.intro || steps.length ? { ...d.exercise, steps } : null;
    const parts = {
      sections: d.sections.filter((s) => s.heading || s.body),
      exercise,
      prompts: d.reflectionPrompts.filter((p) => p.text),
      nextSteps: (d.nextSteps ?? []).filter(Boolean),
      furtherReading: d.furtherReading.filter((r) => r.author || r.title),
    };
    const empty =
      !parts.sections.length &&
      !exercise &&
      !parts.prompts.length &&
      !parts.nextSteps.length &&
      !parts.furtherReading.length;
    return { ...parts, empty };
  });

  /** The draft as last loaded or saved: leaving with anything else asks first. */
  private savedDraft = JSON.stringify(moduleDraft(this.form));

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (id) this.load(id);
      });
    });
    // Once typing starts, the debounced value takes over from a freshly loaded one.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.previewNow.set(null));
  }

  protected load(id = this.id()): void {
    if (!id) return;
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .getModule(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (m) => {
          this.loading.set(false);
          if (!m.canEdit) {
            this.loadError.set({
              statusCode: 403,
              error: 'Forbidden',
              message:
                m.source === 'builtin'
                  ? 'Built-in modules cannot be edited. You can write your own module instead.'
                  : 'Only the therapist who wrote this module can edit it.',
            });
            return;
          }
          this.useModule(m);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.loadError.set(toApiError(err));
        },
      });
  }

  private useModule(m: ModuleDetail): void {
    this.loaded.set(m);
    fillModuleForm(this.form, m.content);
    this.previewNow.set(moduleDraft(this.form));
    this.savedDraft = JSON.stringify(moduleDraft(this.form));
  }

  hasUnsavedChanges(): boolean {
    return JSON.stringify(moduleDraft(this.form)) !== this.savedDraft;
  }

  protected fieldError(control: AbstractControl | null, label: string): string {
    return errorMessage(control, label);
  }

  /** A list-level problem from the server (e.g. "needs at least one prompt"). */
  protected listError(control: AbstractControl): string {
    return control.touched && control.errors?.['server'] ? String(control.errors['server']) : '';
  }

  protected addSection(): void {
    this.c.sections.push(sectionForm());
    this.focusLast('section-heading');
  }

  protected removeSection(index: number): void {
    if (this.c.sections.length > MODULE_LIMITS.sectionsMin) this.c.sections.removeAt(index);
  }

  protected addStep(): void {
    this.c.exercise.controls.steps.push(stepControl());
    this.focusLast('step');
  }

  protected removeStep(index: number): void {
    if (this.c.exercise.controls.steps.length > MODULE_LIMITS.stepsMin) {
      this.c.exercise.controls.steps.removeAt(index);
    }
  }

  protected addNextStep(): void {
    this.c.nextSteps.push(nextStepControl());
    this.focusLast('next-step');
  }

  protected removeNextStep(index: number): void {
    this.c.nextSteps.removeAt(index);
  }

  protected addPrompt(): void {
    const taken = this.c.reflectionPrompts.getRawValue().map((p) => p.id);
    this.c.reflectionPrompts.push(promptForm({ id: newPromptId(taken), text: '' }));
    this.focusLast('prompt');
  }

  protected removePrompt(index: number): void {
    if (this.c.reflectionPrompts.length > MODULE_LIMITS.promptsMin) {
      this.c.reflectionPrompts.removeAt(index);
    }
  }

  protected addReading(): void {
    this.c.furtherReading.push(readingForm());
    this.focusLast('reading-author');
  }

  protected removeReading(index: number): void {
    this.c.furtherReading.removeAt(index);
  }

  protected save(): void {
    if (this.saving()) return;
    this.error.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set(FIX_MESSAGE);
      this.focusFirstInvalid();
      return;
    }
    const draft = moduleDraft(this.form);
    const current = this.loaded();
    const request = current
      ? this.api.updateModule(current.id, { ...draft, version: current.version })
      : this.api.createModule(draft);
    this.saving.set(true);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.savedDraft = JSON.stringify(moduleDraft(this.form));
        void this.router.navigate(['/therapist/library', saved.id], {
          state: {
            message: current ? 'Module saved.' : 'Module saved. It is now in your library.',
          },
        });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        if (e.statusCode === 409 && isModuleDetail(e.current)) {
          this.conflict.set(e.current);
          this.reveal('conflict');
          return;
        }
        const hit = applyModuleFieldErrors(this.form, e.fields);
        this.error.set(hit.length ? `${hit.join(' ')} It is marked below.` : e.message);
        if (hit.length) this.focusFirstInvalid();
        else this.reveal('error');
      },
    });
  }

  /** After a 409: replace the form with the newer copy. */
  protected loadLatest(): void {
    const latest = this.conflict();
    if (!latest) return;
    this.conflict.set(null);
    this.error.set('');
    this.useModule(latest);
  }

  /** After a 409: keep this form's text and save it as the next version on purpose. */
  protected saveMineOverIt(): void {
    const latest = this.conflict();
    if (!latest) return;
    this.conflict.set(null);
    this.loaded.set(latest);
    this.save();
  }

  private focusLast(kind: string): void {
    afterNextRender(
      () => {
        const all = this.host.nativeElement.querySelectorAll<HTMLElement>(`[data-focus="${kind}"]`);
        all[all.length - 1]?.focus();
      },
      { injector: this.injector },
    );
  }

  /** Brings a message at the top into view (Save sits at the bottom of a long form). */
  private reveal(what: 'conflict' | 'error'): void {
    afterNextRender(
      () => {
        const el = this.host.nativeElement.querySelector<HTMLElement>(`[data-reveal="${what}"]`);
        el?.scrollIntoView({ block: 'start' });
        if (what === 'conflict') el?.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }

  private focusFirstInvalid(): void {
    afterNextRender(
      () => {
        const first = this.host.nativeElement.querySelector<HTMLElement>(
          'form .ng-invalid:is(input, textarea, mat-select), form .list-error',
        );
        first?.focus();
        first?.scrollIntoView({ block: 'center' });
      },
      { injector: this.injector },
    );
  }
}
