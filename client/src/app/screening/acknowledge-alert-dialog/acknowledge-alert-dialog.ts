import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AlertSummary, SCREENING_LIMITS } from '@attune/shared';
import { AlertsApi } from '../../core/alerts-api';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { PracticeTimePipe } from '../../core/practice-time';

export interface AcknowledgeAlertData {
  alert: AlertSummary;
}

/** Records what the clinician did about a safety alert; closes with the acknowledged alert. */
@Component({
  selector: 'app-acknowledge-alert-dialog',
  imports: [
    PracticeTimePipe,
    ErrorAlert,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './acknowledge-alert-dialog.html',
  styleUrl: './acknowledge-alert-dialog.scss',
})
export class AcknowledgeAlertDialog {
  private readonly api = inject(AlertsApi);
  private readonly dialogRef =
    inject<MatDialogRef<AcknowledgeAlertDialog, AlertSummary>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<AcknowledgeAlertData>(MAT_DIALOG_DATA);

  protected readonly limits = SCREENING_LIMITS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    note: [
      '',
      [
        Validators.required,
        Validators.minLength(SCREENING_LIMITS.acknowledgementMin),
        Validators.maxLength(SCREENING_LIMITS.acknowledgementMax),
      ],
    ],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  protected readonly errorMessage = errorMessage;

  protected submit(): void {
    if (this.submitting()) return;
    const note = this.form.controls.note;
    // Whitespace alone is not a note.
    if (note.value.trim() !== note.value) note.setValue(note.value.trim());
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    this.api
      .acknowledge(this.data.alert.id, note.value)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (alert) => this.dialogRef.close(alert),
        error: (err: unknown) => {
          const apiError = toApiError(err);
          applyFieldErrors(this.form, apiError);
          this.error.set(apiError.message);
          this.submitting.set(false);
        },
      });
  }
}
