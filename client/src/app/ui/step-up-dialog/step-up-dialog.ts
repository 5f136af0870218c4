import { ChangeDetectionStrategy, Component, inject, type Injector, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ACCOUNT_SECURITY } from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import type { Observable } from 'rxjs';
import { DIALOG_OPTIONS } from '../dialog-options';
import { ErrorAlert } from '../error-alert/error-alert';

/**
 * Step-up: asks for a code from the authenticator app before something sensitive (a role change,
 * an export), checks it with the server, and closes with `true` so the request can be retried.
 */
@Component({
  selector: 'app-step-up-dialog',
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
    @if (checking()) {
      <mat-progress-bar mode="indeterminate" aria-label="Checking the code" />
    }
    <h2 mat-dialog-title>Enter a code to continue</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          For your safety, this needs a fresh code from your authenticator app. A recovery code
          works too.
        </p>
        <app-error-alert [message]="error()" />
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Code</mat-label>
          <input
            matInput
            formControlName="code"
            autocomplete="one-time-code"
            inputmode="text"
            [maxlength]="codeMax"
            required
            cdkFocusInitial
          />
          <mat-hint>The 6 digits your app shows now.</mat-hint>
          <mat-error>{{ errorMessage(form.controls.code, 'Code') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="checking()">Continue</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full-width {
      width: 100%;
    }
  `,
})
export class StepUpDialog {
  private readonly auth = inject(AuthStore);
  private readonly ref = inject<MatDialogRef<StepUpDialog, boolean>>(MatDialogRef);

  protected readonly codeMax = ACCOUNT_SECURITY.codeMax;
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.maxLength(ACCOUNT_SECURITY.codeMax)]],
  });
  protected readonly checking = signal(false);
  protected readonly error = signal('');
  protected readonly errorMessage = errorMessage;

  protected submit(): void {
    if (this.checking()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.checking.set(true);
    this.error.set('');
    this.auth.enterCode(this.form.getRawValue().code.trim()).subscribe({
      next: () => this.ref.close(true),
      error: (err: unknown) => {
        const apiError = toApiError(err);
        applyFieldErrors(this.form, apiError);
        this.error.set(apiError.message);
        this.checking.set(false);
      },
    });
  }
}

/** Opens the step-up dialog; emits whether a code was accepted. (Loaded on demand.) */
export function askForStepUp(injector: Injector): Observable<boolean | undefined> {
  return injector
    .get(MatDialog)
    .open<StepUpDialog, void, boolean>(StepUpDialog, { ...DIALOG_OPTIONS, width: '440px' })
    .afterClosed();
}
