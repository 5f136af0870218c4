import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { InstrumentSummary, SCREENING_LIMITS, ScreeningSummary } from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { InstrumentsApi } from '../../core/instruments-api';
import { ScreeningsApi } from '../../core/screenings-api';
import { optionalText } from '../../caseload/client-name';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { ValidationChip } from '../validation-chip/validation-chip';
import { forStaff } from '../screening-labels';

export interface AssignScreenerData {
  clientId: string;
  clientName: string;
}

/** Today as YYYY-MM-DD in the browser's time zone (the earliest due date). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A due date (YYYY-MM-DD) as the end of that day, local time, in ISO 8601. */
export function dueAtFromDate(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

function notInPast(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && control.value < todayIso() ? { past: true } : null;
}

/** Assigns a screener from the practice's catalogue; closes with the new screening. */
@Component({
  selector: 'app-assign-screener-dialog',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ReactiveFormsModule,
    ValidationChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './assign-screener-dialog.html',
  styleUrl: './assign-screener-dialog.scss',
})
export class AssignScreenerDialog {
  protected readonly forStaff = forStaff;
  private readonly screenings = inject(ScreeningsApi);
  private readonly dialogRef =
    inject<MatDialogRef<AssignScreenerDialog, ScreeningSummary>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<AssignScreenerData>(MAT_DIALOG_DATA);

  protected readonly limits = SCREENING_LIMITS;
  protected readonly today = todayIso();
  protected readonly form = inject(NonNullableFormBuilder).group({
    instrumentId: ['', Validators.required],
    dueDate: ['', notInPast],
    note: ['', Validators.maxLength(SCREENING_LIMITS.noteMax)],
  });
  protected readonly instruments = signal<InstrumentSummary[] | null>(null);
  protected readonly submitting = signal(false);
  protected readonly error = signal('');

  constructor() {
    inject(InstrumentsApi)
      .list()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => {
          this.instruments.set(list);
          // With one choice, choose it.
          const [only] = list;
          if (only && list.length === 1) this.form.controls.instrumentId.setValue(only.id);
        },
        error: (err: unknown) => {
          this.instruments.set([]);
          this.error.set(toApiError(err).message);
        },
      });
  }

  protected fieldError(name: 'instrumentId' | 'dueDate' | 'note', label: string): string {
    const control = this.form.controls[name];
    if (control.hasError('past')) return 'Choose today or a later date.';
    if (name === 'instrumentId' && control.hasError('required')) return 'Choose a screener.';
    return errorMessage(control, label);
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set('');
    this.screenings
      .assign(this.data.clientId, {
        instrumentId: v.instrumentId,
        dueAt: dueAtFromDate(v.dueDate),
        note: optionalText(v.note),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (screening) => this.dialogRef.close(screening),
        error: (err: unknown) => {
          const apiError = toApiError(err);
          applyFieldErrors(this.form, {
            ...apiError,
            fields: apiError.fields?.['dueAt']
              ? { ...apiError.fields, dueDate: apiError.fields['dueAt'] }
              : apiError.fields,
          });
          this.error.set(apiError.message);
          this.submitting.set(false);
        },
      });
  }
}
