import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import {
  AbstractControl,
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { ACCOUNT_SECURITY, isMfaChallenge, LIMITS, SESSION, type MeResponse } from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { CrisisLine } from '../../ui/crisis-line/crisis-line';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { landingUrlFor, safeReturnUrl } from '../../core/role-home';

/** Sign-in: the password, then (for an account with a second step) the code from the app. */
@Component({
  selector: 'app-login',
  imports: [
    CrisisLine,
    ErrorAlert,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.html',
  styleUrl: './login.scss',
})
export class Login {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Where to go after signing in (bound from the query string). */
  readonly returnUrl = input<string | undefined>();

  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(LIMITS.emailMax)]],
    password: ['', [Validators.required, Validators.maxLength(LIMITS.passwordMax)]],
  });
  protected readonly codeForm = this.fb.group({
    code: ['', [Validators.required, Validators.maxLength(ACCOUNT_SECURITY.codeMax)]],
  });
  protected readonly codeMax = ACCOUNT_SECURITY.codeMax;
  /** The code step shows while the sign-in waits for it (also after a reload or a reset). */
  protected readonly codeStep = this.auth.mfaPending;
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

  /** When a field shows its error: as Material's fields do, once touched or the form was sent. */
  protected showError(control: AbstractControl, form: FormGroupDirective): boolean {
    return control.invalid && (control.touched || form.submitted);
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    this.auth.login(this.form.getRawValue()).subscribe({
      next: (res) => {
        if (isMfaChallenge(res)) {
          this.submitting.set(false);
          this.codeForm.reset();
          return;
        }
        this.land(res);
      },
      error: (err: unknown) => this.fail(err, this.form),
    });
  }

  protected submitCode(): void {
    if (this.submitting()) return;
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    this.auth.enterCode(this.codeForm.getRawValue().code.trim()).subscribe({
      next: (me) => this.land(me),
      error: (err: unknown) => {
        // The wait for the code ran out: start again from the password.
        if (toApiError(err).statusCode === 401 && toApiError(err).code === 'unauthenticated')
          this.auth.mfaPending.set(false);
        this.fail(err, this.codeForm);
      },
    });
  }

  protected startOver(): void {
    this.auth.mfaPending.set(false);
    this.error.set('');
    this.form.controls.password.reset();
  }

  private land(me: MeResponse): void {
    const target = me.mfa?.setupRequired
      ? landingUrlFor(me)
      : (safeReturnUrl(this.returnUrl()) ?? landingUrlFor(me));
    void this.router.navigateByUrl(target);
  }

  private fail(err: unknown, form: typeof this.form | typeof this.codeForm): void {
    const apiError = toApiError(err);
    applyFieldErrors(form, apiError);
    this.error.set(apiError.message);
    this.submitting.set(false);
  }
}
