import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { LIMITS, SESSION } from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { CrisisLine } from '../../ui/crisis-line/crisis-line';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { homeUrlFor, safeReturnUrl } from '../../core/role-home';

@Component({
  selector: 'app-login',
  imports: [
    CrisisLine,
    ErrorAlert,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.html',
  styleUrl: './login.scss',
})
export class Login {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** Where to go after signing in (bound from the query string). */
  readonly returnUrl = input<string | undefined>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(LIMITS.emailMax)]],
    password: ['', [Validators.required, Validators.maxLength(LIMITS.passwordMax)]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  protected readonly showPassword = signal(false);
  protected readonly errorMessage = errorMessage;
  /** Why they are here again, when the session ended while the app was open. */
  protected readonly signedOutNote = computed(() => {
    const out = this.auth.signedOut();
    if (!out) return '';
    const why =
      out.reason === 'idle'
        ? `You were signed out after ${SESSION.idleMs / 60_000} quiet minutes.`
        : 'You were signed out.';
    return out.wordsKept
      ? `${why} Your words are saved. Sign in to pick up where you left off.`
      : `${why} Sign in to pick up where you left off.`;
  });

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    this.auth.login(this.form.getRawValue()).subscribe({
      next: (me) => {
        const target = safeReturnUrl(this.returnUrl()) ?? homeUrlFor(me.roles);
        void this.router.navigateByUrl(target);
      },
      error: (err: unknown) => {
        const apiError = toApiError(err);
        applyFieldErrors(this.form, apiError);
        this.error.set(apiError.message);
        this.submitting.set(false);
      },
    });
  }
}
