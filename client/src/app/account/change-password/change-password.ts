import {
  ChangeDetectionStrategy,
  Component,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { LIMITS } from '@attune/shared';
import { AccountApi } from '../../core/account-api';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { passwordsMatchOf } from '../../core/passwords-match';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

/** Change password: the current one, then the new one twice. Other devices are signed out. */
@Component({
  selector: 'app-change-password',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="password-heading">Password</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Saving" />
    }
    <p class="status" role="status">{{ status() }}</p>
    <app-error-alert [message]="error()" />
    <form [formGroup]="form" (ngSubmit)="save()" novalidate class="stack">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Current password</mat-label>
        <input
          matInput
          type="password"
          formControlName="currentPassword"
          autocomplete="current-password"
          required
        />
        <mat-error>{{ errorMessage(form.controls.currentPassword, 'Current password') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>New password</mat-label>
        <input
          matInput
          type="password"
          formControlName="newPassword"
          autocomplete="new-password"
          required
        />
        <mat-hint>At least {{ min }} characters. A short sentence works well.</mat-hint>
        <mat-error>{{ errorMessage(form.controls.newPassword, 'New password') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Confirm new password</mat-label>
        <input
          matInput
          type="password"
          formControlName="confirmPassword"
          autocomplete="new-password"
          required
        />
        <mat-error>{{
          errorMessage(form.controls.confirmPassword, 'Confirm new password')
        }}</mat-error>
      </mat-form-field>
      <div>
        <button mat-flat-button type="submit" [disabled]="saving()">Change password</button>
      </div>
    </form>
  `,
  styles: `
    .stack {
      display: flex;
      flex-direction: column;
      gap: 12px;
      max-width: 28rem;
    }
  `,
})
export class ChangePassword {
  private readonly api = inject(AccountApi);

  /** Emits after a change (the list of sessions has changed too). */
  readonly changed = output<void>();

  protected readonly min = LIMITS.passwordMin;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', [Validators.required, Validators.maxLength(LIMITS.passwordMax)]],
      newPassword: [
        '',
        [
          Validators.required,
          Validators.minLength(LIMITS.passwordMin),
          Validators.maxLength(LIMITS.passwordMax),
        ],
      ],
      confirmPassword: ['', Validators.required],
    },
    { validators: passwordsMatchOf('newPassword', 'confirmPassword') },
  );
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly error = signal('');
  protected readonly errorMessage = errorMessage;

  protected save(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.saving.set(true);
    this.error.set('');
    this.status.set('');
    this.api.changePassword({ currentPassword, newPassword }).subscribe({
      next: (r) => {
        // Clear the submitted state too, so the emptied form shows no "required" errors.
        this.formDirective().resetForm();
        this.saving.set(false);
        const others = r.otherSessionsEnded;
        this.status.set(
          others === 0
            ? 'Your password is changed.'
            : `Your password is changed, and ${others === 1 ? '1 other device was' : `${others} other devices were`} signed out.`,
        );
        this.changed.emit();
      },
      error: (err: unknown) => {
        const apiError = toApiError(err);
        applyFieldErrors(this.form, apiError);
        this.error.set(apiError.message);
        this.saving.set(false);
      },
    });
  }
}
