import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AssignmentSummary } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { PsychoeducationApi } from '../../core/psychoeducation-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { clientProgress, readingTime } from '../module-labels';
import { PracticeDatePipe } from '../../core/practice-time';

/** The client's reading: what their therapist picked, at their own pace, in any order. */
@Component({
  selector: 'app-reading-list',
  imports: [
    PracticeDatePipe,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    NgTemplateOutlet,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reading-list.html',
  styleUrl: './reading-list.scss',
})
export class ReadingList {
  private readonly api = inject(PsychoeducationApi);

  protected readonly assignments = signal<AssignmentSummary[] | null>(null);
  protected readonly error = signal('');
  protected readonly open = computed(() =>
    (this.assignments() ?? []).filter((a) => a.status === 'assigned'),
  );
  protected readonly done = computed(() =>
    (this.assignments() ?? []).filter((a) => a.status === 'completed'),
  );
  protected readonly readingTime = readingTime;
  protected readonly progress = (a: AssignmentSummary) =>
    clientProgress(a.sectionsRead.length, a.sectionCount);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.error.set('');
    this.api
      .listAssignments()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.assignments.set(list),
        error: (err: unknown) => {
          this.assignments.set(this.assignments() ?? []);
          this.error.set(toApiError(err).message);
        },
      });
  }

  protected actionLabel(a: AssignmentSummary): string {
    if (a.status === 'completed') return 'Read again';
    return a.sectionsRead.length > 0 ? 'Continue reading' : 'Start reading';
  }
}
