import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { AppointmentView } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { SchedulingApi } from '../../core/scheduling-api';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { CancelDialog, CancelDialogData } from '../cancel-dialog/cancel-dialog';
import { STATUS_LABELS } from '../scheduling-labels';
import { formatDateTime, formatTimeRange } from '../zoned-time';
import { type AgendaDay, agendaDays } from './agenda';

const DAY = 86_400_000;

/** A therapist's agenda: sessions that need an outcome, then today and the next eight weeks. */
@Component({
  selector: 'app-therapist-schedule',
  imports: [
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './therapist-schedule.html',
  styleUrl: './therapist-schedule.scss',
})
export class TherapistSchedule {
  private readonly api = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly zone = computed(() => this.auth.practice()?.timeZone ?? 'UTC');
  protected readonly appointments = signal<AppointmentView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly busyId = signal<string | null>(null);
  private readonly now = signal(Date.now());
  protected readonly statusLabels = STATUS_LABELS;

  /** Booked sessions that have started: the therapist records how they went. */
  protected readonly needsOutcome = computed(() =>
    this.appointments().filter(
      (a) => a.status === 'booked' && new Date(a.startsAt).getTime() <= this.now(),
    ),
  );
  /** Today's sessions (also those that have started), then the days ahead. */
  protected readonly upcoming = computed<AgendaDay[]>(() =>
    agendaDays(this.appointments(), this.zone(), new Date(this.now())),
  );

  protected started(a: AppointmentView): boolean {
    return new Date(a.startsAt).getTime() <= this.now();
  }

  constructor() {
    this.load();
  }

  protected load(): void {
    const now = Date.now();
    this.now.set(now);
    this.loading.set(true);
    this.error.set('');
    this.api
      .listAppointments({
        from: new Date(now - 14 * DAY).toISOString(),
        to: new Date(now + 56 * DAY).toISOString(),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.appointments.set(list);
          this.loading.set(false);
          this.loaded.set(true);
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.loading.set(false);
        },
      });
  }

  protected time(a: AppointmentView): string {
    return formatTimeRange(a.startsAt, a.endsAt, this.zone());
  }

  protected when(a: AppointmentView): string {
    return formatDateTime(a.startsAt, this.zone());
  }

  protected mark(a: AppointmentView, status: 'completed' | 'no_show'): void {
    this.busyId.set(a.id);
    this.status.set('');
    this.error.set('');
    this.api
      .update(a.id, { version: a.version, status })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.replace(updated);
          this.busyId.set(null);
          this.status.set(
            `${updated.client.displayName}, ${this.when(updated)}: marked ${STATUS_LABELS[status].toLowerCase()}.`,
          );
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          this.busyId.set(null);
          this.error.set(apiError.message);
          this.load();
        },
      });
  }

  protected cancel(a: AppointmentView): void {
    this.dialog
      .open<CancelDialog, CancelDialogData, AppointmentView>(CancelDialog, {
        ...DIALOG_OPTIONS,
        width: '520px',
        data: {
          appointment: a,
          zone: this.zone(),
          windowHours: this.auth.practice()?.cancellationWindowHours ?? 24,
        },
      })
      .afterClosed()
      .subscribe((cancelled) => {
        if (!cancelled) return;
        this.replace(cancelled);
        this.status.set(
          `Cancelled ${cancelled.client.displayName}'s session on ${this.when(cancelled)}.`,
        );
      });
  }

  /** "Asked to move: <note>" for a client's pending request. */
  protected requestText(a: AppointmentView): string {
    const r = a.changeRequest;
    if (!r) return '';
    const what = r.kind === 'cancel' ? 'Client asked to cancel' : 'Client asked to move';
    return r.note ? `${what}: “${r.note}”` : `${what}.`;
  }

  /** The therapist has dealt with the client's request (by phone, say) without moving it. */
  protected resolve(a: AppointmentView): void {
    this.busyId.set(a.id);
    this.status.set('');
    this.error.set('');
    this.api
      .resolveChangeRequest(a.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.replace(updated);
          this.busyId.set(null);
          this.status.set(`${updated.client.displayName}'s request is marked handled.`);
        },
        error: (err: unknown) => {
          this.busyId.set(null);
          this.error.set(toApiError(err).message);
        },
      });
  }

  private replace(updated: AppointmentView): void {
    this.appointments.update((list) => list.map((a) => (a.id === updated.id ? updated : a)));
  }
}
