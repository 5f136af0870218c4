import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { LIMITS } from '@attune/shared';
import { AccountApi } from '../../core/account-api';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

/** "Forgot password?": asks for a reset link. The answer is the same for every address. */
@Component({
  selector: 'app-forgot-password',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="auth-page">
      <mat-card appearance="outlined" class="auth-card">
        @if (sending()) {
          <mat-progress-bar mode="indeterminate" aria-label="Sending" />
        }
        <mat-card-content>
          <p class="brand" aria-hidden="true">Attune</p>
          <h1>Forgot your password?</h1>
          @if (sent()) {
            <p role="status" class="sent" data-testid="reset-requested">{{ sent() }}</p>
            <p><a routerLink="/login">Back to sign in</a></p>
          } @else {
            <p class="lead">
              It happens to everyone. Type the email address you sign in with, and we'll send a link
              to choose a new password.
            </p>
            <app-error-alert [message]="error()" />
            <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
              <mat-form-field appearance="outline" class="full-width">
                <mat-label>Email</mat-label>
                <input
                  matInput
                  type="email"
                  formControlName="email"
                  autocomplete="username"
                  required
                />
                <mat-error>{{ errorMessage(form.controls.email, 'Email') }}</mat-error>
              </mat-form-field>
              <button
                mat-flat-button
                type="submit"
                class="full-width submit"
                [disabled]="sending()"
              >
                Send me a link
              </button>
            </form>
            <p class="help"><a routerLink="/login">Back to sign in</a></p>
          }
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .submit {
      margin-top: 8px;
      height: 48px;
    }
    .help {
      margin: 24px 0 0;
    }
    .sent {
      font: var(--mat-sys-body-large);
    }
  `,
})
export class ForgotPassword {
  private readonly api = inject(AccountApi);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(LIMITS.emailMax)]],
  });
  protected readonly sending = signal(false);
  protected readonly sent = signal('');
  protected readonly error = signal('');
  protected readonly errorMessage = errorMessage;

  protected submit(): void {
    if (this.sending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.sending.set(true);
    this.error.set('');
    this.api.requestReset(this.form.getRawValue().email.trim()).subscribe({
      next: (r) => {
        this.sent.set(r.message);
        this.sending.set(false);
      },
      error: (err: unknown) => {
        const apiError = toApiError(err);
        applyFieldErrors(this.form, apiError);
        this.error.set(apiError.message);
        this.sending.set(false);
      },
    });
  }
}
