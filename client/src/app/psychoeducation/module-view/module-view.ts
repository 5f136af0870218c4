import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { ApiError, ModuleDetail } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { PsychoeducationApi } from '../../core/psychoeducation-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { ModuleBody } from '../module-body/module-body';
import { readingTime, signTagLabel } from '../module-labels';
import { PracticeDatePipe } from '../../core/practice-time';

/** A library module on one page, as a therapist reads it; its author can edit it from here. */
@Component({
  selector: 'app-module-view',
  imports: [
    PracticeDatePipe,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    ModuleBody,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './module-view.html',
  styleUrl: './module-view.scss',
})
export class ModuleView {
  private readonly api = inject(PsychoeducationApi);
  private readonly destroyRef = inject(DestroyRef);

  /** Route param `:id`. */
  readonly id = input.required<string>();

  protected readonly module = signal<ModuleDetail | null>(null);
  protected readonly loadError = signal<ApiError | null>(null);
  /** A word from the editor, e.g. "Module saved." */
  protected readonly message = signal(
    readMessage(inject(Router).currentNavigation()?.extras.state),
  );
  protected readonly signTagLabel = signTagLabel;
  protected readonly readingTime = readingTime;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    this.loadError.set(null);
    this.api
      .getModule(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (m) => this.module.set(m),
        error: (err: unknown) => this.loadError.set(toApiError(err)),
      });
  }
}

function readMessage(state: Record<string, unknown> | undefined): string {
  const message = state?.['message'];
  return typeof message === 'string' ? message : '';
}
