import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MfaStatus } from '@attune/shared';
import { filter, switchMap } from 'rxjs';
import { AccountApi } from '../../core/account-api';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { ConfirmDialog, type ConfirmDialogData } from '../../ui/confirm-dialog/confirm-dialog';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { MfaSetup } from '../mfa-setup/mfa-setup';
import { RecoveryCodes } from '../recovery-codes/recovery-codes';

type Mode = 'view' | 'setup' | 'new-codes' | 'codes';

/** The account page's "Second sign-in step": turn it on, make new recovery codes, turn it off. */
@Component({
  selector: 'app-mfa-settings',
  imports: [
    DatePipe,
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MfaSetup,
    ReactiveFormsModule,
    RecoveryCodes,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mfa-settings.html',
})
export class MfaSettings {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);

  /** Emits once turning the step on has signed out the other devices (their list has changed). */
  readonly signedOutOthers = output<void>();

  protected readonly status = signal<MfaStatus | null>(null);
  protected readonly mode = signal<Mode>('view');
  protected readonly codes = signal<string[]>([]);
  protected readonly busy = signal(true);
  protected readonly error = signal('');
  protected readonly message = signal('');
  protected readonly errorMessage = errorMessage;
  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)]],
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.busy.set(true);
    this.api.mfaStatus().subscribe({
      next: (s) => {
        this.status.set(s);
        this.busy.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err).message);
        this.busy.set(false);
      },
    });
  }

  protected setUp(): void {
    this.message.set('');
    this.mode.set('setup');
  }

  protected setUpDone(): void {
    this.mode.set('view');
    this.message.set('Your second sign-in step is on. Other devices were signed out.');
    void this.auth.reload();
    this.load();
    this.signedOutOthers.emit();
  }

  protected makeNewCodes(): void {
    if (this.busy()) return;
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set('');
    this.api.newRecoveryCodes(this.codeForm.getRawValue().code.replace(/\s/g, '')).subscribe({
      next: (r) => {
        this.codes.set(r.recoveryCodes);
        this.mode.set('codes');
        this.codeForm.reset();
        this.busy.set(false);
      },
      error: (err: unknown) => {
        const apiError = toApiError(err);
        applyFieldErrors(this.codeForm, apiError);
        this.error.set(apiError.message);
        this.busy.set(false);
      },
    });
  }

  protected codesSaved(): void {
    this.mode.set('view');
    this.message.set('Your new recovery codes are ready. The old ones no longer work.');
    this.load();
  }

  protected turnOff(): void {
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        ...DIALOG_OPTIONS,
        data: {
          title: 'Turn off the second sign-in step?',
          message:
            'Signing in will ask for your password only. You can turn it back on at any time.',
          confirmLabel: 'Turn off',
        },
      })
      .afterClosed()
      .pipe(
        filter((ok) => ok === true),
        switchMap(() => {
          this.busy.set(true);
          this.error.set('');
          return this.api.turnOffMfa();
        }),
      )
      .subscribe({
        next: () => {
          this.message.set('Your second sign-in step is off.');
          void this.auth.reload();
          this.load();
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.busy.set(false);
        },
      });
  }
}
