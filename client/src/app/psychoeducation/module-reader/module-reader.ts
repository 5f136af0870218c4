import { BreakpointObserver } from '@angular/cdk/layout';
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
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { ApiError, AssignmentReading, ModuleDetail, ReflectionView } from '@attune/shared';
import { map } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { PsychoeducationApi } from '../../core/psychoeducation-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { MarkdownHtml } from '../../ui/markdown/markdown-html';
import { CrisisFooter } from '../crisis-footer/crisis-footer';
import { ExerciseCard } from '../exercise-card/exercise-card';
import { FurtherReadingList } from '../further-reading/further-reading';
import { NextSteps } from '../next-steps/next-steps';
import { clientProgress, HELPFUL_LABELS, readingTime } from '../module-labels';
import { ReadingProgress } from '../reading-progress';
import { ReflectionEditor } from '../reflection-editor/reflection-editor';
import { PracticeDatePipe } from '../../core/practice-time';

/**
 * One reading for the client, one part per screen (any order), then the practice exercise,
 * reflections and optional next steps. Opens where they left off. "I'm done with this for now" whenever it feels enough.
 */
@Component({
  selector: 'app-module-reader',
  imports: [
    PracticeDatePipe,
    CrisisFooter,
    EmptyState,
    ErrorAlert,
    ExerciseCard,
    FurtherReadingList,
    MarkdownHtml,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    NextSteps,
    ReactiveFormsModule,
    ReflectionEditor,
    RouterLink,
  ],
  providers: [ReadingProgress],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './module-reader.html',
  styleUrl: './module-reader.scss',
})
export class ModuleReader {
  private readonly api = inject(PsychoeducationApi);
  private readonly progress = inject(ReadingProgress);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  /** Route param `:assignmentId`. */
  readonly assignmentId = input.required<string>();

  private readonly viewHeading = viewChild<ElementRef<HTMLElement>>('viewHeading');
  private readonly practiceHeading = viewChild<ElementRef<HTMLElement>>('practiceHeading');

  protected readonly isNarrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 839.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /**
   * On a phone the list of parts starts folded, so its buttons are made when it is first
   * unfolded (a click on its summary, which keyboard and screen readers send too) rather than
   * with the first part (less work before the page answers on a slow
   * phone); once made they stay. On wider screens it is open and made at once.
   */
  protected readonly partsDrawn = signal(false);
  protected readonly module = signal<ModuleDetail | null>(null);
  /** Each part's body as HTML, rendered and cleaned by the server. */
  protected readonly sectionHtml = signal<string[]>([]);
  protected readonly reflections = signal<ReflectionView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal(false);
  /** 0..n-1: a part; n: practice and reflection. */
  protected readonly view = signal(0);

  protected readonly assignment = this.progress.assignment;
  protected readonly read = this.progress.read;
  protected readonly problem = this.progress.problem;
  protected readonly sections = computed(() => this.module()?.content.sections ?? []);
  protected readonly partCount = computed(() => this.sections().length);
  protected readonly onPractice = computed(() => this.view() >= this.partCount());
  /**
   * On the last part or past it: the practice part's code starts loading then, while they read,
   * rather than when the page first goes quiet (on a slow phone that work would hold up the page
   * just as it becomes usable).
   */
  protected readonly nearPractice = computed(() => this.view() >= this.partCount() - 1);
  protected readonly section = computed(() => this.sections()[this.view()] ?? null);
  protected readonly progressText = computed(() =>
    clientProgress(this.progress.readCount(), this.partCount()),
  );
  protected readonly completed = computed(() => this.assignment()?.status === 'completed');
  protected readonly readingTime = readingTime;
  protected readonly helpfulOptions = Object.entries(HELPFUL_LABELS).map(([value, label]) => ({
    value: Number(value),
    label,
  }));
  protected readonly helpful = new FormControl<number | null>(null);
  protected readonly helpfulValue = signal<number | null>(null);

  constructor() {
    effect(() => {
      const id = this.assignmentId();
      untracked(() => this.load(id));
    });
    this.helpful.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      this.helpfulValue.set(value);
      void this.saveHelpful(value);
    });
  }

  protected load(id = this.assignmentId()): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .getReading(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (reading) => this.begin(reading),
        error: (err: unknown) => {
          this.loadError.set(toApiError(err));
          this.loading.set(false);
        },
      });
  }

  private begin({ assignment: a, module, sectionHtml, reflections }: AssignmentReading): void {
    this.module.set(module);
    this.sectionHtml.set(sectionHtml);
    this.reflections.set(reflections);
    this.helpful.setValue(a.helpful, { emitEvent: false });
    this.helpfulValue.set(a.helpful);
    this.view.set(this.progress.start({ ...a, sectionCount: module.content.sections.length }));
    this.loading.set(false);
  }

  /** A fresh editor per reading and prompt (prompt ids repeat across modules). */
  protected promptKey(promptId: string): string {
    return `${this.assignment()?.id ?? ''}:${promptId}`;
  }

  protected reflectionFor(promptId: string): ReflectionView | null {
    return this.reflections().find((r) => r.promptId === promptId) ?? null;
  }

  protected isRead(index: number): boolean {
    return this.read().has(index);
  }

  /** Opens a part (or n for practice), then moves focus to its heading. */
  protected go(index: number): void {
    const n = this.partCount();
    if (index < 0 || index > n) return;
    this.view.set(index);
    if (index < n) this.progress.open(index);
    this.status.set('');
    afterNextRender(
      () => {
        const heading = (index < n ? this.viewHeading() : this.practiceHeading())?.nativeElement;
        heading?.focus({ preventScroll: true });
        heading?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      },
      { injector: this.injector },
    );
  }

  protected async setCompleted(completed: boolean): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    const updated = await this.progress.setCompleted(completed);
    this.busy.set(false);
    if (!updated) return;
    this.status.set(
      completed
        ? 'Marked as done for now. You can come back to it whenever you like.'
        : 'Opened again. Take all the time you need.',
    );
  }

  private async saveHelpful(value: number | null): Promise<void> {
    const updated = await this.progress.setHelpful(value);
    if (updated) this.status.set(value === null ? 'Your answer was cleared.' : 'Thank you.');
  }

  protected clearHelpful(): void {
    this.helpful.setValue(null);
  }
}
