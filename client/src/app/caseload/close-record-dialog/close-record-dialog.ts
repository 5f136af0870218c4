import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AppointmentView, ClientSummary } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { ClientsApi } from '../../core/clients-api';
import { SchedulingApi } from '../../core/scheduling-api';
import { formatSessionTime } from '../../scheduling/zoned-time';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

export interface CloseRecordData {
  client: ClientSummary;
  name: string;
  /** The practice's time zone, for the session times. */
  zone: string;
}

/** How far ahead the dialog looks for sessions (the server's list is the final word). */
const AHEAD_DAYS = 400;

/**
 * Deactivating a client: says what happens, lists the upcoming sessions that will be cancelled
 * with it, and sends exactly that list. If the sessions changed meanwhile, the server answers
 * with the current list, shown here to confirm again.
 */
@Component({
  selector: 'app-close-record-dialog',
  imports: [ErrorAlert, MatButtonModule, MatDialogModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Deactivate {{ data.name }}?</h2>
    <mat-dialog-content>
      @if (loading() || submitting()) {
        <mat-progress-bar mode="indeterminate" aria-label="Working" />
      }
      <app-error-alert tone="warning" [message]="changed()" />
      <app-error-alert [message]="error()" />
      <ul class="effects">
        <li>They can no longer sign in, and any device they are signed in on is signed out now.</li>
        <li>
          Nothing in their record is deleted: answers, reading, reflections and sessions stay. You
          can reactivate them later, and you can still download a copy of the record.
        </li>
        <li>Open screeners and reading stay as they are, out of their reach until reactivated.</li>
      </ul>
      @if (!loading()) {
        @if (sessions().length) {
          <p class="sessions-intro" id="close-sessions-label">
            @if (sessions().length === 1) {
              Their upcoming session is cancelled too, and they and their therapist are emailed:
            } @else {
              Their {{ sessions().length }} upcoming sessions are cancelled too, and they and their
              therapist are emailed:
            }
          </p>
          <ul class="sessions" aria-labelledby="close-sessions-label" data-testid="close-sessions">
            @for (s of sessions(); track s.id) {
              <li>{{ when(s) }} with {{ s.therapist.displayName }}</li>
            }
          </ul>
        } @else {
          <p data-testid="close-no-sessions">They have no upcoming sessions.</p>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Keep active</button>
      <button
        mat-flat-button
        type="button"
        data-testid="confirm-deactivate"
        [disabled]="loading() || submitting()"
        (click)="confirm()"
      >
        {{
          sessions().length
            ? 'Cancel ' +
              sessions().length +
              (sessions().length === 1 ? ' session' : ' sessions') +
              ' and deactivate'
            : 'Deactivate'
        }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .effects {
      margin-top: 0;
      padding-left: 20px;
    }
    .effects li,
    .sessions li {
      margin-bottom: 4px;
    }
    .sessions {
      padding-left: 20px;
    }
  `,
})
export class CloseRecordDialog {
  private readonly clients = inject(ClientsApi);
  private readonly scheduling = inject(SchedulingApi);
  private readonly dialogRef = inject<MatDialogRef<CloseRecordDialog, ClientSummary>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<CloseRecordData>(MAT_DIALOG_DATA);

  protected readonly sessions = signal<AppointmentView[]>([]);
  protected readonly loading = signal(true);
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  protected readonly changed = signal('');

  constructor() {
    const now = new Date();
    this.scheduling
      .listAppointments({
        clientId: this.data.client.id,
        from: now.toISOString(),
        to: new Date(now.getTime() + AHEAD_DAYS * 86_400_000).toISOString(),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.sessions.set(
            list.filter((a) => a.status === 'booked' && new Date(a.startsAt) > now),
          );
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.loading.set(false);
        },
      });
  }

  protected when(a: AppointmentView): string {
    return formatSessionTime(a.startsAt, this.data.zone);
  }

  protected confirm(): void {
    if (this.submitting()) return;
    this.submitting.set(true);
    this.error.set('');
    this.changed.set('');
    this.clients
      .deactivate(this.data.client.id, { cancelSessionIds: this.sessions().map((s) => s.id) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (client) => this.dialogRef.close(client),
        error: (err: unknown) => {
          const apiError = toApiError(err);
          this.submitting.set(false);
          if (apiError.code === 'client_has_upcoming_sessions' && Array.isArray(apiError.current)) {
            this.sessions.set(apiError.current as AppointmentView[]);
            this.changed.set(
              'Their upcoming sessions changed since you opened this. Please check the list below and confirm again.',
            );
            return;
          }
          this.error.set(apiError.message);
        },
      });
  }
}
