import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { ClientScreeningSummary } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { ScreeningsApi } from '../../core/screenings-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { PracticeDatePipe } from '../../core/practice-time';

/** The client's screeners: the ones to do (no pressure) and the ones already sent in. */
@Component({
  selector: 'app-screener-list',
  imports: [
    PracticeDatePipe,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './screener-list.html',
  styleUrl: './screener-list.scss',
})
export class ScreenerList {
  private readonly api = inject(ScreeningsApi);
  private readonly auth = inject(AuthStore);

  protected readonly screenings = signal<ClientScreeningSummary[] | null>(null);
  protected readonly error = signal('');
  /** A word from the runner, e.g. after "Take a break". */
  protected readonly message = signal<string>(
    readMessage(inject(Router).currentNavigation()?.extras.state),
  );
  protected readonly toDo = computed(() =>
    (this.screenings() ?? []).filter((s) => s.status === 'assigned' || s.status === 'in_progress'),
  );
  protected readonly sentIn = computed(() =>
    (this.screenings() ?? []).filter((s) => s.status === 'submitted'),
  );

  constructor() {
    this.load();
  }

  protected load(): void {
    const clientId = this.auth.me()?.clientId;
    if (!clientId) {
      this.screenings.set([]);
      return;
    }
    this.error.set('');
    this.api
      .listOwn(clientId)
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.screenings.set(list),
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }
}

function readMessage(state: Record<string, unknown> | undefined): string {
  const message = state?.['message'];
  return typeof message === 'string' ? message : '';
}
