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
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { NOT_VALIDATED_LABEL, ScreeningSummary } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { ScreeningsApi } from '../../core/screenings-api';
import { ConfirmDialog, ConfirmDialogData } from '../../ui/confirm-dialog/confirm-dialog';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import {
  AssignScreenerData,
  AssignScreenerDialog,
} from '../assign-screener-dialog/assign-screener-dialog';
import { formatScore, LEVEL_LABELS } from '../screening-labels';
import { ScreeningStatusChip } from '../screening-status-chip/screening-status-chip';
import { PracticeDatePipe } from '../../core/practice-time';

/** The "Screeners" section of a client's page: history, assign, cancel, open results. */
@Component({
  selector: 'app-client-screenings',
  imports: [
    PracticeDatePipe,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    ScreeningStatusChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-screenings.html',
  styleUrl: './client-screenings.scss',
})
export class ClientScreenings {
  private readonly api = inject(ScreeningsApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  readonly clientId = input.required<string>();
  readonly clientName = input.required<string>();
  readonly area = input.required<'therapist' | 'admin'>();

  protected readonly screenings = signal<ScreeningSummary[] | null>(null);
  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly busyId = signal<string | null>(null);
  protected readonly formatScore = formatScore;
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly notValidated = NOT_VALIDATED_LABEL;

  constructor() {
    effect(() => {
      const id = this.clientId();
      untracked(() => this.load(id));
    });
  }

  protected load(clientId = this.clientId()): void {
    this.error.set('');
    this.api
      .listForClient(clientId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => this.screenings.set(list),
        error: (err: unknown) => {
          this.screenings.set(this.screenings() ?? []);
          this.error.set(toApiError(err).message);
        },
      });
  }

  protected resultLink(s: ScreeningSummary): string[] {
    return ['/', this.area(), 'screenings', s.id, 'result'];
  }

  protected isOpen(s: ScreeningSummary): boolean {
    return s.status === 'assigned' || s.status === 'in_progress';
  }

  protected assign(): void {
    this.dialog
      .open<AssignScreenerDialog, AssignScreenerData, ScreeningSummary>(AssignScreenerDialog, {
        ...DIALOG_OPTIONS,
        data: { clientId: this.clientId(), clientName: this.clientName() },
        width: '600px',
      })
      .afterClosed()
      .subscribe((screening) => {
        if (!screening) return;
        this.status.set(`${screening.instrument.title} was assigned to ${this.clientName()}.`);
        this.screenings.update((list) => [screening, ...(list ?? [])]);
      });
  }

  protected cancel(s: ScreeningSummary): void {
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        ...DIALOG_OPTIONS,
        data: {
          title: 'Withdraw this screener?',
          message: `${this.clientName()} will no longer see ${s.instrument.title}. Answers they saved so far are not sent in.`,
          confirmLabel: 'Withdraw',
        },
      })
      .afterClosed()
      .subscribe((confirmed) => {
        if (!confirmed) return;
        this.busyId.set(s.id);
        this.error.set('');
        this.api
          .cancel(s.id)
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe({
            next: (updated) => {
              this.busyId.set(null);
              this.status.set(`${s.instrument.title} was withdrawn.`);
              this.screenings.update((list) =>
                (list ?? []).map((x) => (x.id === updated.id ? updated : x)),
              );
            },
            error: (err: unknown) => {
              this.busyId.set(null);
              this.error.set(toApiError(err).message);
              this.load();
            },
          });
      });
  }
}
