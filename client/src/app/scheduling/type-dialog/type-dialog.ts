import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  APPOINTMENT_KINDS,
  type AppointmentKind,
  type AppointmentTypeView,
  SCHEDULING_LIMITS,
} from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { SchedulingApi } from '../../core/scheduling-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { KIND_LABELS } from '../scheduling-labels';

export interface TypeDialogData {
  /** The type to edit; absent to add one. */
  type?: AppointmentTypeView;
}

/** Adds or edits an appointment type; closes with the saved type. */
@Component({
  selector: 'app-type-dialog',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ editing ? 'Edit ' + editing.name : 'Add appointment type' }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving" />
        }
        <app-error-alert [message]="error()" />
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" [maxlength]="limits.typeNameMax" required />
          <mat-error>{{ errorMessage(form.controls.name, 'Name') }}</mat-error>
        </mat-form-field>
        <div class="form-grid">
          <mat-form-field appearance="outline">
            <mat-label>Length (minutes)</mat-label>
            <input
              matInput
              type="number"
              formControlName="durationMinutes"
              [min]="limits.durationMin"
              [max]="limits.durationMax"
              required
            />
            <mat-error>{{ durationError() }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Kind</mat-label>
            <mat-select formControlName="kind" required>
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ errorMessage(form.controls.kind, 'Kind') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-checkbox formControlName="isDefault">
          Preselect this type when booking (the default for its kind)
        </mat-checkbox>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ editing ? 'Save type' : 'Add type' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      margin-bottom: 8px;
    }
  `,
})
export class TypeDialog {
  private readonly api = inject(SchedulingApi);
  private readonly dialogRef = inject<MatDialogRef<TypeDialog, AppointmentTypeView>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly editing = inject<TypeDialogData>(MAT_DIALOG_DATA)?.type ?? null;
  protected readonly kinds = APPOINTMENT_KINDS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly limits = SCHEDULING_LIMITS;
  protected readonly errorMessage = errorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [
      this.editing?.name ?? '',
      [Validators.required, Validators.maxLength(SCHEDULING_LIMITS.typeNameMax)],
    ],
    durationMinutes: [
      this.editing?.durationMinutes ?? 50,
      [
        Validators.required,
        Validators.min(SCHEDULING_LIMITS.durationMin),
        Validators.max(SCHEDULING_LIMITS.durationMax),
      ],
    ],
    kind: [this.editing?.kind ?? ('ongoing' as AppointmentKind), Validators.required],
    isDefault: [this.editing?.isDefault ?? false],
  });
  protected readonly saving = signal(false);
  protected readonly error = signal('');

  protected durationError(): string {
    const c = this.form.controls.durationMinutes;
    if (c.hasError('server')) return String(c.getError('server'));
    if (c.hasError('required')) return 'Length is required.';
    return `Enter ${SCHEDULING_LIMITS.durationMin} to ${SCHEDULING_LIMITS.durationMax} minutes.`;
  }

  protected submit(): void {
    if (this.saving()) return;
    const c = this.form.controls.durationMinutes;
    if (!Number.isInteger(c.value)) c.setErrors({ whole: true });
    if (!this.form.controls.name.value.trim())
      this.form.controls.name.setErrors({ required: true });
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const body = { ...v, name: v.name.trim() };
    this.saving.set(true);
    this.error.set('');
    (this.editing ? this.api.updateType(this.editing.id, body) : this.api.createType(body))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => this.dialogRef.close(saved),
        error: (err: unknown) => {
          const apiError = toApiError(err);
          applyFieldErrors(this.form, apiError);
          this.error.set(apiError.message);
          this.saving.set(false);
        },
      });
  }
}
