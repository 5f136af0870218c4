import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { MeResponse } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { homeUrlFor } from '../../core/role-home';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

/**
 * Where the sign-up email's link lands: one button creates the practice. A button, not an
 * automatic request, so a mail scanner that opens links cannot use the link up.
 */
@Component({
  selector: 'app-confirm-signup',
  imports: [ErrorAlert, MatButtonModule, MatCardModule, MatProgressBarModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './confirm-signup.html',
  styleUrl: '../accept-invitation/accept-invitation.scss',
})
export class ConfirmSignup {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** From the route `/signup/:token`. */
  readonly token = input.required<string>();

  protected readonly submitting = signal(false);
  protected readonly gone = signal(false);
  protected readonly error = signal('');

  protected confirm(): void {
    if (this.submitting()) return;
    this.submitting.set(true);
    this.error.set('');
    this.http
      .post<MeResponse>(`/api/practices/confirm/${encodeURIComponent(this.token())}`, {})
      .subscribe({
        next: (me) => {
          this.auth.setMe(me);
          void this.router.navigateByUrl(homeUrlFor(me.roles));
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          this.submitting.set(false);
          if (apiError.statusCode === 404) this.gone.set(true);
          else this.error.set(apiError.message);
        },
      });
  }
}
