import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type AppointmentView, SCHEDULING_LIMITS } from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { SchedulingApi } from '../../core/scheduling-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { formatDateTime } from '../zoned-time';

export interface CancelDialogData {
  appointment: AppointmentView;
  zone: string;
  /** Cancelling closer than this to the start counts as late. */
  windowHours: number;
  /** For tests. */
  now?: Date;
}

/** Whether cancelling now falls inside the practice's late-cancellation window. */
export function isLateCancel(startsAt: string, windowHours: number, now = new Date()): boolean {
  return new Date(startsAt).getTime() - now.getTime() < windowHours * 3_600_000;
}

/** Cancels a session with a reason, saying first whether it will count as a late cancellation. */
@Component({
  selector: 'app-cancel-dialog',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Cancel session</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (submitting()) {
          <mat-progress-bar mode="indeterminate" aria-label="Cancelling" />
        }
        <app-error-alert [message]="error()" />
        <p class="intro">
          {{ a.client.displayName }} with {{ a.therapist.displayName }}, {{ when }} ({{
            data.zone
          }}).
        </p>
        <p class="window" [class.late]="late">
          @if (late) {
            This is less than {{ data.windowHours }} hours before the start, so it will be recorded
            as a late cancellation.
          } @else {
            This is more than {{ data.windowHours }} hours ahead, so it will not count as a late
            cancellation.
          }
        </p>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Reason</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            [maxlength]="limits.reasonMax"
            required
          ></textarea>
          <mat-hint>Kept with the session for the practice's records.</mat-hint>
          <mat-error>{{ errorMessage(form.controls.reason, 'Reason') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Keep session</button>
        <button mat-flat-button type="submit" [disabled]="submitting()">
          Confirm cancellation
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .intro {
      margin-top: 0;
    }
    .window {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
    .late {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    mat-form-field {
      margin-top: 8px;
    }
  `,
})
export class CancelDialog {
  private readonly api = inject(SchedulingApi);
  private readonly dialogRef = inject<MatDialogRef<CancelDialog, AppointmentView>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<CancelDialogData>(MAT_DIALOG_DATA);
  protected readonly a = this.data.appointment;
  protected readonly when = formatDateTime(this.a.startsAt, this.data.zone);
  protected readonly late = isLateCancel(this.a.startsAt, this.data.windowHours, this.data.now);
  protected readonly limits = SCHEDULING_LIMITS;
  protected readonly errorMessage = errorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(SCHEDULING_LIMITS.reasonMax)]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal('');

  protected submit(): void {
    if (this.submitting()) return;
    const reason = this.form.controls.reason;
    if (!reason.value.trim()) reason.setErrors({ required: true });
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    this.api
      .cancel(this.a.id, { reason: reason.value.trim() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (cancelled) => this.dialogRef.close(cancelled),
        error: (err: unknown) => {
          const apiError = toApiError(err);
          applyFieldErrors(this.form, apiError);
          this.error.set(apiError.message);
          this.submitting.set(false);
        },
      });
  }
}
