import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { InvitationPreview, LIMITS } from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { InvitationsApi } from '../../core/invitations-api';
import { homeUrlFor } from '../../core/role-home';
import { CrisisLine } from '../../ui/crisis-line/crisis-line';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

type PreviewState =
  | { kind: 'loading' }
  | { kind: 'ready'; invitation: InvitationPreview }
  | { kind: 'gone' }
  | { kind: 'error'; message: string };

/** Marks `confirmPassword` when it differs from `password`. */
function passwordsMatch(group: AbstractControl): ValidationErrors | null {
  const password: unknown = group.get('password')?.value;
  const confirm = group.get('confirmPassword');
  if (!confirm) return null;
  const mismatch = !!confirm.value && password !== confirm.value;
  const { mismatch: _, ...others } = confirm.errors ?? {};
  if (mismatch) {
    confirm.setErrors({ ...others, mismatch: true });
  } else if (confirm.hasError('mismatch')) {
    confirm.setErrors(Object.keys(others).length ? others : null);
  }
  return null;
}

@Component({
  selector: 'app-accept-invitation',
  imports: [
    CrisisLine,
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
  templateUrl: './accept-invitation.html',
  styleUrl: './accept-invitation.scss',
})
export class AcceptInvitation {
  private readonly invitations = inject(InvitationsApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** From the route `/invite/:token`. */
  readonly token = input.required<string>();

  protected readonly limits = LIMITS;
  protected readonly state = signal<PreviewState>({ kind: 'loading' });
  protected readonly invitation = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.invitation : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.kind === 'error' ? state.message : '';
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  protected readonly errorMessage = errorMessage;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      displayName: ['', [Validators.required, Validators.maxLength(LIMITS.nameMax)]],
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
    effect(() => this.loadPreview(this.token()));
  }

  private loadPreview(token: string): void {
    this.state.set({ kind: 'loading' });
    this.invitations
      .preview(token)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (invitation) => {
          this.form.controls.displayName.setValue(invitation.displayName);
          this.state.set({ kind: 'ready', invitation });
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          this.state.set(
            apiError.statusCode === 404 || apiError.statusCode === 410
              ? { kind: 'gone' }
              : { kind: 'error', message: apiError.message },
          );
        },
      });
  }

  protected retry(): void {
    this.loadPreview(this.token());
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { displayName, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set('');
    this.invitations.accept(this.token(), { displayName: displayName.trim(), password }).subscribe({
      next: (me) => {
        this.auth.setMe(me);
        void this.router.navigateByUrl(homeUrlFor(me.roles));
      },
      error: (err: unknown) => {
        const apiError = toApiError(err);
        this.submitting.set(false);
        if (apiError.statusCode === 404 || apiError.statusCode === 410) {
          this.state.set({ kind: 'gone' });
          return;
        }
        applyFieldErrors(this.form, apiError);
        this.error.set(apiError.message);
      },
    });
  }
}
