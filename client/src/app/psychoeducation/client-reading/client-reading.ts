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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  AssignmentSummary,
  PSYCHOED_LIMITS,
  RecommendationsResponse,
  ReflectionView,
} from '@attune/shared';
import { forkJoin, map } from 'rxjs';
import { errorMessage, toApiError } from '../../core/api-error';
import { PsychoeducationApi } from '../../core/psychoeducation-api';
import { ConfirmDialog, ConfirmDialogData } from '../../ui/confirm-dialog/confirm-dialog';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { dueAtFromDate, todayIso } from '../due-date';
import { HELPFUL_LABELS, readingTime, staffProgress } from '../module-labels';
import { PracticeDatePipe, PracticeTimePipe } from '../../core/practice-time';

/** Suggestions shown before "Show all". */
const FIRST_SUGGESTIONS = 5;
const CONFLICT_MESSAGE = 'This reading list changed since you loaded it. Here is the latest.';

function notInPast(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && control.value < todayIso() ? { past: true } : null;
}

/**
 * The "Reading" section of a client's page: suggestions from their latest result (nothing is
 * assigned until the therapist confirms), what they are reading and how far they got, and the
 * reflections they chose to share.
 */
@Component({
  selector: 'app-client-reading',
  imports: [
    PracticeDatePipe,
    PracticeTimePipe,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-reading.html',
  styleUrl: './client-reading.scss',
})
export class ClientReading {
  private readonly api = inject(PsychoeducationApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly clientId = input.required<string>();
  readonly clientName = input.required<string>();

  protected readonly recommendations = signal<RecommendationsResponse | null>(null);
  protected readonly assignments = signal<AssignmentSummary[] | null>(null);
  protected readonly reflections = signal<Record<string, ReflectionView[]>>({});
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly showAll = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly status = signal('');

  protected readonly today = todayIso();
  protected readonly limits = PSYCHOED_LIMITS;
  protected readonly readingTime = readingTime;
  protected readonly form = inject(NonNullableFormBuilder).group({
    note: ['', Validators.maxLength(PSYCHOED_LIMITS.noteMax)],
    dueDate: ['', notInPast],
  });

  protected readonly suggestions = computed(() => {
    const items = this.recommendations()?.items ?? [];
    return this.showAll() ? items : items.slice(0, FIRST_SUGGESTIONS);
  });
  protected readonly hiddenCount = computed(
    () => (this.recommendations()?.items.length ?? 0) - this.suggestions().length,
  );
  protected readonly selectedCount = computed(() => this.selected().size);

  constructor() {
    effect(() => {
      const id = this.clientId();
      untracked(() => this.load(id));
    });
  }

  protected load(clientId = this.clientId()): void {
    this.error.set('');
    this.loadRecommendations(clientId);
    this.loadAssignments(clientId);
  }

  private loadRecommendations(clientId = this.clientId()): void {
    this.api
      .recommendations(clientId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.recommendations.set(r);
          // Keep only choices that are still on offer.
          const ids = new Set(r.items.map((i) => i.module.id));
          this.selected.update((set) => new Set([...set].filter((id) => ids.has(id))));
        },
        error: (err: unknown) => {
          this.recommendations.set(this.recommendations() ?? { basedOn: null, items: [] });
          this.error.set(toApiError(err).message);
        },
      });
  }

  private loadAssignments(clientId = this.clientId(), then?: () => void): void {
    this.api
      .listAssignments(clientId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.setAssignments(list);
          then?.();
        },
        error: (err: unknown) => {
          this.assignments.set(this.assignments() ?? []);
          this.error.set(toApiError(err).message);
        },
      });
  }

  /** Shows the list, then fetches the shared reflections of the readings that have some. */
  private setAssignments(list: AssignmentSummary[]): void {
    this.assignments.set(list);
    const withShared = list.filter((a) => a.reflectionCount > 0);
    if (!withShared.length) {
      this.reflections.set({});
      return;
    }
    forkJoin(
      withShared.map((a) =>
        this.api.listReflections(a.id).pipe(map((items) => [a.id, items] as const)),
      ),
    )
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (pairs) => this.reflections.set(Object.fromEntries(pairs)),
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }

  protected isSelected(moduleId: string): boolean {
    return this.selected().has(moduleId);
  }

  protected toggle(moduleId: string, checked: boolean): void {
    this.selected.update((set) => {
      const next = new Set(set);
      if (checked) next.add(moduleId);
      else next.delete(moduleId);
      return next;
    });
  }

  protected fieldError(name: 'note' | 'dueDate', label: string): string {
    const control = this.form.controls[name];
    if (control.hasError('past')) return 'Choose today or a later date.';
    return errorMessage(control, label);
  }

  protected progress(a: AssignmentSummary): string {
    return staffProgress(a.sectionsRead.length, a.sectionCount);
  }

  protected helpfulText(value: number): string {
    return `${HELPFUL_LABELS[value] ?? value} (${value} of 5)`;
  }

  /** Asks first, then assigns the chosen modules with the optional note and date. */
  protected assignSelected(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const chosen = (this.recommendations()?.items ?? []).filter((i) =>
      this.isSelected(i.module.id),
    );
    if (!chosen.length) return;
    const titles = chosen.map((i) => `“${i.module.title}”`).join(', ');
    const count = chosen.length === 1 ? 'this reading' : `these ${chosen.length} readings`;
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        ...DIALOG_OPTIONS,
        data: {
          title: `Assign ${count}?`,
          message: `${this.clientName()} will see ${titles} on their Reading page, with your note if you wrote one.`,
          confirmLabel: 'Assign',
        },
      })
      .afterClosed()
      .subscribe((confirmed) => {
        if (confirmed) this.assign(chosen.map((i) => i.module.id));
      });
  }

  private assign(moduleIds: string[]): void {
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.error.set('');
    this.status.set('');
    this.api
      .assign(this.clientId(), {
        moduleIds,
        dueAt: dueAtFromDate(v.dueDate),
        note: v.note.trim() || undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.busy.set(false);
          this.selected.set(new Set());
          this.form.reset();
          this.setAssignments(list);
          this.loadRecommendations();
          const n = moduleIds.length;
          this.status.set(
            `${n === 1 ? '1 reading was' : `${n} readings were`} assigned to ${this.clientName()}.`,
          );
        },
        error: (err: unknown) => {
          this.busy.set(false);
          const e = toApiError(err);
          if (e.fields?.['note']) this.form.controls.note.setErrors({ server: e.fields['note'] });
          if (e.fields?.['dueAt'])
            this.form.controls.dueDate.setErrors({ server: e.fields['dueAt'] });
          this.error.set(e.message);
        },
      });
  }

  /** Moves a reading up (-1) or down (+1) the client's list, keeping focus on the button. */
  protected move(a: AssignmentSummary, delta: -1 | 1): void {
    const list = this.assignments() ?? [];
    const index = list.findIndex((x) => x.id === a.id);
    const to = index + delta;
    if (this.busy() || index < 0 || to < 0 || to >= list.length) return;
    this.busy.set(true);
    this.error.set('');
    this.status.set('');
    this.api
      .updateAssignment(a.id, { version: a.version, position: to })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () =>
          this.loadAssignments(this.clientId(), () => {
            this.busy.set(false);
            this.status.set(`“${a.module.title}” moved to place ${to + 1} of ${list.length}.`);
            this.refocus(a.id, delta);
          }),
        error: (err: unknown) => this.afterFailure(err),
      });
  }

  protected withdraw(a: AssignmentSummary): void {
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        ...DIALOG_OPTIONS,
        data: {
          title: 'Withdraw this reading?',
          message: `“${a.module.title}” will no longer show on ${this.clientName()}'s Reading page. Reflections they wrote are kept.`,
          confirmLabel: 'Withdraw',
        },
      })
      .afterClosed()
      .subscribe((confirmed) => {
        if (!confirmed) return;
        this.busy.set(true);
        this.error.set('');
        this.status.set('');
        this.api
          .updateAssignment(a.id, { version: a.version, withdrawn: true })
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe({
            next: () =>
              this.loadAssignments(this.clientId(), () => {
                this.busy.set(false);
                this.status.set(`“${a.module.title}” was withdrawn.`);
                this.loadRecommendations();
              }),
            error: (err: unknown) => this.afterFailure(err),
          });
      });
  }

  private afterFailure(err: unknown): void {
    const e = toApiError(err);
    this.busy.set(false);
    this.error.set(e.statusCode === 409 ? CONFLICT_MESSAGE : e.message);
    this.loadAssignments();
  }

  /** After a move the row is re-rendered: put focus back on the same button (or its partner). */
  private refocus(id: string, delta: -1 | 1): void {
    afterNextRender(
      () => {
        const root = this.host.nativeElement;
        const want = root.querySelector<HTMLButtonElement>(
          `[data-move="${delta < 0 ? 'up' : 'down'}-${id}"]`,
        );
        const other = root.querySelector<HTMLButtonElement>(
          `[data-move="${delta < 0 ? 'down' : 'up'}-${id}"]`,
        );
        (want && !want.disabled ? want : other)?.focus();
      },
      { injector: this.injector },
    );
  }

  protected sharedReflections(a: AssignmentSummary): ReflectionView[] {
    return this.reflections()[a.id] ?? [];
  }
}
