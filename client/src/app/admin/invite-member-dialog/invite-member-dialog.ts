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
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { InvitationCreated, LIMITS, StaffRole } from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { InvitationsApi } from '../../core/invitations-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { InviteLink } from '../../ui/invite-link/invite-link';

function atLeastOneRole(group: AbstractControl): ValidationErrors | null {
  const value = group.value as Record<StaffRole, boolean>;
  return value.admin || value.therapist ? null : { atLeastOne: true };
}

/** Invites a staff member; closes with the created invitation. */
@Component({
  selector: 'app-invite-member-dialog',
  imports: [
    ErrorAlert,
    InviteLink,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invite-member-dialog.html',
  styleUrl: './invite-member-dialog.scss',
})
export class InviteMemberDialog {
  private readonly invitations = inject(InvitationsApi);
  private readonly dialogRef =
    inject<MatDialogRef<InviteMemberDialog, InvitationCreated>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(LIMITS.emailMax)]],
    displayName: ['', [Validators.required, Validators.maxLength(LIMITS.nameMax)]],
    roles: this.fb.group({ admin: [false], therapist: [true] }, { validators: atLeastOneRole }),
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  protected readonly created = signal<InvitationCreated | null>(null);
  protected readonly errorMessage = errorMessage;

  /** The roles group's message once the user has touched it (or tried to submit). */
  protected rolesError(): string {
    const roles = this.form.controls.roles;
    if (!roles.invalid || !(roles.touched || roles.dirty)) return '';
    const server: unknown = roles.getError('server');
    return typeof server === 'string' ? server : 'Choose at least one role.';
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const roles = (['admin', 'therapist'] as const).filter((role) => v.roles[role]);
    this.submitting.set(true);
    this.error.set('');
    this.invitations
      .create({
        kind: 'member',
        email: v.email.trim(),
        displayName: v.displayName.trim(),
        roles,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (invitation) => {
          this.created.set(invitation);
          this.submitting.set(false);
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          applyFieldErrors(this.form, apiError);
          this.error.set(apiError.message);
          this.submitting.set(false);
        },
      });
  }

  protected done(): void {
    this.dialogRef.close(this.created() ?? undefined);
  }
}
