import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { type AppointmentView, type ChangeRequestKind, SCHEDULING_LIMITS } from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { SchedulingApi } from '../../core/scheduling-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { formatDateTime, zoneAbbreviation } from '../zoned-time';

export interface ClientChangeDialogData {
  appointment: AppointmentView;
  /** `cancel`: cancel it online; `request`: too close for that, so ask the therapist. */
  mode: 'cancel' | 'request';
  zone: string;
  noticeHours: number;
}

/** What a client's cancellation says when they leave the note empty. */
export const CLIENT_CANCEL_REASON = 'Cancelled online by the client';

/**
 * A client cancels their own session (before the notice window), or, closer to it, asks their
 * therapist to move or cancel it. Either way the note is optional, and nothing is asked of them.
 */
@Component({
  selector: 'app-client-change-dialog',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ data.mode === 'cancel' ? 'Cancel this session?' : 'Ask for a change' }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (submitting()) {
          <mat-progress-bar mode="indeterminate" aria-label="Sending" />
        }
        <app-error-alert [message]="error()" />
        <p class="intro">{{ when }}, with {{ a.therapist.displayName }}.</p>
        @if (data.mode === 'request') {
          <p>
            This session is less than {{ data.noticeHours }} hours away, so it can't be changed
            online. {{ a.therapist.displayName }} will get your request and be in touch. Until then,
            the session stays booked.
          </p>
          <p id="kind-label" class="label">What would you like?</p>
          <mat-radio-group formControlName="kind" aria-labelledby="kind-label" class="kinds">
            <mat-radio-button value="reschedule">Move it to another time</mat-radio-button>
            <mat-radio-button value="cancel">Cancel it</mat-radio-button>
          </mat-radio-group>
        }
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>{{
            data.mode === 'request'
              ? 'Anything that would help (optional)'
              : 'A note for ' + a.therapist.displayName + ' (optional)'
          }}</mat-label>
          <textarea matInput formControlName="note" rows="3" [maxlength]="maxNote"></textarea>
          @if (data.mode === 'request') {
            <mat-hint>For example, days or times that work for you.</mat-hint>
          }
          <mat-error>{{ errorMessage(form.controls.note, 'Your note') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ data.mode === 'cancel' ? 'Keep my session' : 'Not now' }}
        </button>
        <button mat-flat-button type="submit" [disabled]="submitting()">
          {{ data.mode === 'cancel' ? 'Cancel session' : 'Send request' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .intro {
      margin-top: 0;
      font-weight: 500;
    }
    .label {
      margin-bottom: 4px;
    }
    .kinds {
      display: flex;
      flex-direction: column;
      margin-bottom: 12px;
    }
    mat-form-field {
      margin-top: 8px;
    }
  `,
})
export class ClientChangeDialog {
  private readonly api = inject(SchedulingApi);
  private readonly dialogRef =
    inject<MatDialogRef<ClientChangeDialog, AppointmentView>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<ClientChangeDialogData>(MAT_DIALOG_DATA);
  protected readonly a = this.data.appointment;
  protected readonly when = `${formatDateTime(this.a.startsAt, this.data.zone)} ${zoneAbbreviation(this.a.startsAt, this.data.zone)}`;
  protected readonly maxNote =
    this.data.mode === 'cancel'
      ? SCHEDULING_LIMITS.reasonMax
      : SCHEDULING_LIMITS.changeRequestNoteMax;
  protected readonly errorMessage = errorMessage;

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    kind: this.fb.control<ChangeRequestKind>('reschedule'),
    note: ['', [Validators.maxLength(this.maxNote)]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal('');

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { kind, note } = this.form.getRawValue();
    const text = note.trim();
    this.submitting.set(true);
    this.error.set('');
    const request =
      this.data.mode === 'cancel'
        ? this.api.cancel(this.a.id, { reason: text || CLIENT_CANCEL_REASON })
        : this.api.requestChange(this.a.id, { kind, ...(text ? { note: text } : {}) });
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (a) => this.dialogRef.close(a),
      error: (err: unknown) => {
        const apiError = toApiError(err);
        applyFieldErrors(this.form, apiError);
        // A cancellation's note travels as its reason.
        if (apiError.fields?.['reason'])
          this.form.controls.note.setErrors({ server: apiError.fields['reason'] });
        this.error.set(apiError.message);
        this.submitting.set(false);
      },
    });
  }
}
