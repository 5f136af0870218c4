import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { TotpEnrolment } from '@attune/shared';
import { AccountApi } from '../../core/account-api';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { RecoveryCodes } from '../recovery-codes/recovery-codes';

/**
 * Setting up the second step: a QR code (drawn by our server) and the key as text for an
 * authenticator app, a first code to confirm, then the recovery codes. Emits `done` at the end.
 */
@Component({
  selector: 'app-mfa-setup',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    RecoveryCodes,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mfa-setup.html',
  styleUrl: './mfa-setup.scss',
})
export class MfaSetup {
  private readonly api = inject(AccountApi);

  readonly done = output<void>();

  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly codes = signal<string[] | null>(null);
  protected readonly busy = signal(true);
  protected readonly error = signal('');
  protected readonly errorMessage = errorMessage;
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)]],
  });

  constructor() {
    this.start();
  }

  /** The key in groups of four, easier to type. */
  protected grouped(secret: string): string {
    return secret.replace(/(.{4})(?=.)/g, '$1 ');
  }

  protected start(): void {
    this.busy.set(true);
    this.error.set('');
    this.api.startTotp().subscribe({
      next: (e) => {
        this.enrolment.set(e);
        this.busy.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err).message);
        this.busy.set(false);
      },
    });
  }

  protected confirm(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set('');
    this.api.confirmTotp(this.form.getRawValue().code.replace(/\s/g, '')).subscribe({
      next: (r) => {
        this.codes.set(r.recoveryCodes);
        this.busy.set(false);
      },
      error: (err: unknown) => {
        const apiError = toApiError(err);
        applyFieldErrors(this.form, apiError);
        this.error.set(apiError.message);
        this.busy.set(false);
      },
    });
  }
}
