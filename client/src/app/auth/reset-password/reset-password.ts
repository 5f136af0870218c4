import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { isMfaChallenge, LIMITS } from '@attune/shared';
import { AccountApi } from '../../core/account-api';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { passwordsMatch } from '../../core/passwords-match';
import { landingUrlFor } from '../../core/role-home';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

type State = 'loading' | 'ready' | 'gone' | 'error';

/** The page a reset link opens: choose a new password, then go on signed in. */
@Component({
  selector: 'app-reset-password',
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
  templateUrl: './reset-password.html',
  styleUrl: './reset-password.scss',
})
export class ResetPassword {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** From the route `/reset-password/:token`. */
  readonly token = input.required<string>();

  protected readonly limits = LIMITS;
  protected readonly state = signal<State>('loading');
  protected readonly email = signal('');
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  protected readonly errorMessage = errorMessage;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      password: [
        '',
        [
          Validators.required,
          Validators.minLength(LIMITS.passwordMin),
          Validators.maxLength(LIMITS.passwordMax),
        ],
      ],
      confirmPassword: ['', Validators.required],
    },
    { validators: passwordsMatch },
  );

  constructor() {
    effect(() => this.load(this.token()));
  }

  protected load(token: string): void {
    this.state.set('loading');
    this.api
      .previewReset(token)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (p) => {
          this.email.set(p.email);
          this.state.set('ready');
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          this.error.set(apiError.message);
          this.state.set(apiError.statusCode === 404 ? 'gone' : 'error');
        },
      });
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    this.api.completeReset(this.token(), this.form.getRawValue().password).subscribe({
      next: (r) => {
        this.auth.signedIn(r);
        // With a second step, the sign-in page asks for the code next.
        void this.router.navigateByUrl(isMfaChallenge(r) ? '/login' : landingUrlFor(r));
      },
      error: (err: unknown) => {
        const apiError = toApiError(err);
        this.submitting.set(false);
        if (apiError.statusCode === 404) {
          this.state.set('gone');
          return;
        }
        applyFieldErrors(this.form, apiError);
        this.error.set(apiError.message);
      },
    });
  }
}
