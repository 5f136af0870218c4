import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { AppointmentView } from '@attune/shared';
import { SchedulingApi } from '../../core/scheduling-api';
import { STATUS_LABELS } from '../scheduling-labels';
import { formatDateLong, formatTimeRange } from '../zoned-time';

export interface AppointmentDialogData {
  appointment: AppointmentView;
  /** The practice time zone. */
  zone: string;
  /** Offer "Move on the calendar" (the grid's keyboard move) beside Reschedule. */
  canMoveOnGrid?: boolean;
}

export type AppointmentDialogAction = 'reschedule' | 'cancel' | 'move';

/** One session's details, with Reschedule and Cancel for a session still to come. */
@Component({
  selector: 'app-appointment-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Session with {{ a.client.displayName }}</h2>
    <mat-dialog-content>
      <dl class="details">
        <dt>When</dt>
        <dd>{{ when() }}</dd>
        <dt>Client</dt>
        <dd>{{ a.client.displayName }}</dd>
        <dt>Therapist</dt>
        <dd>{{ a.therapist.displayName }}</dd>
        <dt>Type</dt>
        <dd>{{ a.type.name }} ({{ a.type.durationMinutes }} min)</dd>
        <dt>Status</dt>
        <dd>
          {{ statusLabels[a.status] }}
          @if (a.lateCancel) {
            (late cancellation)
          }
        </dd>
        @if (a.cancelReason) {
          <dt>Cancel reason</dt>
          <dd>{{ a.cancelReason }}</dd>
        }
        @if (a.overrideReason) {
          <dt>Outside hours because</dt>
          <dd>{{ a.overrideReason }}</dd>
        }
        @if (a.bookedByClient) {
          <dt>Booked by</dt>
          <dd>The client, online</dd>
        }
        @if (a.changeRequest; as r) {
          <dt>Client asked to</dt>
          <dd class="request">
            {{ r.kind === 'cancel' ? 'Cancel' : 'Move' }} it
            @if (r.note) {
              : “{{ r.note }}”
            }
            (moving or cancelling the session answers it)
          </dd>
        }
      </dl>
      <p class="download">
        <a [href]="icsUrl" download="session.ics">
          <mat-icon aria-hidden="true">download</mat-icon>
          Download calendar file (.ics)
        </a>
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
      @if (changeable()) {
        <button mat-stroked-button type="button" (click)="choose('cancel')">Cancel session</button>
        @if (data.canMoveOnGrid) {
          <button mat-stroked-button type="button" (click)="choose('move')">
            Move on the calendar
          </button>
        }
        <button mat-flat-button type="button" (click)="choose('reschedule')">Reschedule</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .request {
      font-weight: 500;
    }
    .download {
      margin: 16px 0 0;
      a {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
    }
  `,
})
export class AppointmentDialog {
  private readonly dialogRef =
    inject<MatDialogRef<AppointmentDialog, AppointmentDialogAction>>(MatDialogRef);
  protected readonly data = inject<AppointmentDialogData>(MAT_DIALOG_DATA);
  protected readonly a = this.data.appointment;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly icsUrl = inject(SchedulingApi).icsUrl(this.a.id);

  protected readonly when = computed(
    () =>
      `${formatDateLong(this.a.startsAt, this.data.zone)}, ` +
      `${formatTimeRange(this.a.startsAt, this.a.endsAt, this.data.zone)} (${this.data.zone})`,
  );
  /** Only booked sessions that have not ended can still move or be cancelled. */
  protected readonly changeable = computed(
    () => this.a.status === 'booked' && new Date(this.a.endsAt).getTime() > Date.now(),
  );

  protected choose(action: AppointmentDialogAction): void {
    this.dialogRef.close(action);
  }
}
