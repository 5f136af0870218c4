import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  ClientSummary,
  CreateClientRequest,
  InvitationCreated,
  LIMITS,
  TherapistRef,
} from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { ClientsApi } from '../../core/clients-api';
import { InvitationsApi } from '../../core/invitations-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { InviteLink } from '../../ui/invite-link/invite-link';
import { clientFullName, optionalText } from '../client-name';
import { TherapistOptions } from '../therapist-options';

export interface AddClientDialogData {
  /** Admins choose the primary therapist; a therapist's new client is their own. */
  chooseTherapist: boolean;
}

/** Creates a client and, if asked, an invitation link for them. Closes with the new client. */
@Component({
  selector: 'app-add-client-dialog',
  imports: [
    ErrorAlert,
    InviteLink,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-client-dialog.html',
  styleUrl: './add-client-dialog.scss',
})
export class AddClientDialog {
  private readonly clients = inject(ClientsApi);
  private readonly invitations = inject(InvitationsApi);
  private readonly dialogRef = inject<MatDialogRef<AddClientDialog, ClientSummary>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<AddClientDialogData>(MAT_DIALOG_DATA);

  protected readonly form = inject(NonNullableFormBuilder).group({
    firstName: ['', [Validators.required, Validators.maxLength(LIMITS.nameMax)]],
    lastName: ['', [Validators.required, Validators.maxLength(LIMITS.nameMax)]],
    preferredName: ['', Validators.maxLength(LIMITS.nameMax)],
    pronouns: ['', Validators.maxLength(LIMITS.pronounsMax)],
    email: ['', [Validators.email, Validators.maxLength(LIMITS.emailMax)]],
    primaryTherapistId: [''],
    invite: [false],
  });
  protected readonly therapists = signal<TherapistRef[]>([]);
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  protected readonly created = signal<ClientSummary | null>(null);
  protected readonly invitation = signal<InvitationCreated | null>(null);
  protected readonly inviteError = signal('');
  protected readonly errorMessage = errorMessage;
  protected readonly fullName = clientFullName;

  constructor() {
    if (this.data.chooseTherapist) {
      inject(TherapistOptions)
        .load()
        .pipe(takeUntilDestroyed())
        .subscribe({
          next: (list) => this.therapists.set(list),
          error: (err: unknown) => this.error.set(toApiError(err).message),
        });
    }
    // An invitation goes to an email address, so it becomes required when inviting.
    this.form.controls.invite.valueChanges.pipe(takeUntilDestroyed()).subscribe((invite) => {
      const email = this.form.controls.email;
      if (invite) {
        email.addValidators(Validators.required);
      } else {
        email.removeValidators(Validators.required);
      }
      email.updateValueAndValidity();
    });
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const body: CreateClientRequest = {
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      preferredName: optionalText(v.preferredName),
      pronouns: optionalText(v.pronouns),
      email: optionalText(v.email),
      primaryTherapistId: this.data.chooseTherapist
        ? optionalText(v.primaryTherapistId)
        : undefined,
    };
    this.submitting.set(true);
    this.error.set('');
    this.clients
      .create(body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (client) => {
          this.created.set(client);
          if (v.invite) {
            this.invite(client);
          } else {
            this.dialogRef.close(client);
          }
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          applyFieldErrors(this.form, apiError);
          this.error.set(apiError.message);
          this.submitting.set(false);
        },
      });
  }

  private invite(client: ClientSummary): void {
    this.invitations
      .create({ kind: 'client', clientId: client.id })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (invitation) => {
          this.invitation.set(invitation);
          this.created.set({ ...client, account: 'invited' });
          this.submitting.set(false);
        },
        error: (err: unknown) => {
          this.inviteError.set(
            `The client was added, but we couldn't create the invitation: ${toApiError(err).message} You can try again from their page.`,
          );
          this.submitting.set(false);
        },
      });
  }

  protected done(): void {
    this.dialogRef.close(this.created() ?? undefined);
  }
}
