import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  type AlertSummary,
  type ApiError,
  type BriefScoreChange,
  type BriefSession,
  type ClientBrief as Brief,
  NOT_VALIDATED_LABEL,
  type ScaleChange,
} from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { ClientsApi } from '../../core/clients-api';
import { formatDateTime, formatTimeRange, zoneAbbreviation } from '../../scheduling/zoned-time';
import {
  AcknowledgeAlertData,
  AcknowledgeAlertDialog,
} from '../../screening/acknowledge-alert-dialog/acknowledge-alert-dialog';
import { AlertHistory } from '../../screening/alert-history/alert-history';
import { safetyOrder } from '../../screening/safety-history/safety-history';
import { changeLabel, formatChange, formatScore } from '../../screening/screening-labels';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { PracticeDatePipe, PracticeTimePipe } from '../../core/practice-time';

/** The headline change of one instrument: the total, else its first scale. */
function headline(s: BriefScoreChange): ScaleChange | null {
  return s.change?.total ?? s.change?.scales[0] ?? null;
}

/**
 * The pre-session brief: safety first, then what changed since the last session (scores,
 * shared reflections, reading) and what is due, from one request.
 */

@Component({
  selector: 'app-client-brief',
  imports: [
    AlertHistory,
    PracticeDatePipe,
    PracticeTimePipe,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-brief.html',
  styleUrl: './client-brief.scss',
})
export class ClientBrief {
  private readonly api = inject(ClientsApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  /** Route param `:id`. */
  readonly id = input.required<string>();

  protected readonly brief = signal<Brief | null>(null);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly status = signal('');
  private readonly safetyHeading = viewChild<ElementRef<HTMLElement>>('safetyHeading');

  protected readonly openAlerts = computed(
    () => (this.brief()?.alerts ?? []).filter((a) => !a.acknowledgedAt).length,
  );
  protected readonly notValidated = NOT_VALIDATED_LABEL;
  protected readonly formatScore = formatScore;
  protected readonly formatChange = formatChange;
  protected readonly changeLabel = changeLabel;
  protected readonly headline = headline;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id: string): void {
    this.loadError.set(null);
    this.api
      .brief(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (brief) => this.brief.set(brief),
        error: (err: unknown) => this.loadError.set(toApiError(err)),
      });
  }

  protected session(s: BriefSession, zone: string): string {
    return `${formatDateTime(s.startsAt, zone)} ${zoneAbbreviation(s.startsAt, zone)}`;
  }

  protected sessionTime(s: BriefSession, zone: string): string {
    return formatTimeRange(s.startsAt, s.endsAt, zone);
  }

  protected progress(read: number, count: number): number {
    return count > 0 ? Math.round((read / count) * 100) : 0;
  }

  protected acknowledge(alert: AlertSummary): void {
    this.dialog
      .open<AcknowledgeAlertDialog, AcknowledgeAlertData, AlertSummary>(AcknowledgeAlertDialog, {
        ...DIALOG_OPTIONS,
        data: { alert },
        width: '560px',
      })
      .afterClosed()
      .subscribe((done) => {
        if (!done) return;
        this.brief.update((b) =>
          b
            ? { ...b, alerts: b.alerts.map((a) => (a.id === done.id ? done : a)).sort(safetyOrder) }
            : b,
        );
        this.status.set('Alert acknowledged. Your note is saved with it.');
        // The button is gone: keep keyboard focus in the safety section.
        this.safetyHeading()?.nativeElement.focus();
      });
  }
}
