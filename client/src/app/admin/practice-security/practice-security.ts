import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { PracticeApi } from '../../core/practice-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

/** Practice settings, "Sign-in security": require a second sign-in step for staff. */
@Component({
  selector: 'app-practice-security',
  imports: [ErrorAlert, MatSlideToggleModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="security-heading">Sign-in security</h2>
    <mat-slide-toggle
      [checked]="required()"
      [disabled]="saving() || loading()"
      (change)="toggle($event)"
      aria-describedby="security-hint"
      >Require a second sign-in step for staff</mat-slide-toggle
    >
    <p id="security-hint" class="hint">
      When this is on, therapists and admins must set up an authenticator app before they can open
      anything, and each sign-in asks for a code after the password. Clients can choose it for
      themselves on their account page. Set up your own first on
      <a routerLink="/admin/account">your account page</a>.
    </p>
    <p class="status" role="status">{{ status() }}</p>
    <app-error-alert [message]="error()" />
  `,
  styles: `
    .hint {
      color: var(--mat-sys-on-surface-variant);
      margin: 8px 0 0;
      max-width: 65ch;
    }
  `,
})
export class PracticeSecurity {
  private readonly api = inject(PracticeApi);
  private readonly auth = inject(AuthStore);

  protected readonly required = signal(false);
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly error = signal('');

  constructor() {
    this.api.get().subscribe({
      next: (p) => {
        this.required.set(p.requireStaffMfa ?? false);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err).message);
        this.loading.set(false);
      },
    });
  }

  protected toggle(change: MatSlideToggleChange): void {
    const wanted = change.checked;
    this.saving.set(true);
    this.error.set('');
    this.status.set('');
    // A step-up may be asked for first (the step-up interceptor shows it).
    this.api.update({ requireStaffMfa: wanted }).subscribe({
      next: (p) => {
        this.required.set(p.requireStaffMfa ?? false);
        this.auth.setPractice(p);
        this.saving.set(false);
        this.status.set(
          wanted
            ? 'A second sign-in step is now required for staff.'
            : 'A second sign-in step is now optional for staff.',
        );
      },
      error: (err: unknown) => {
        change.source.checked = !wanted;
        this.required.set(!wanted);
        this.error.set(toApiError(err).message);
        this.saving.set(false);
      },
    });
  }
}
