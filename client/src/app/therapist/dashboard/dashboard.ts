import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { LIMITS } from '@attune/shared';
import { forkJoin } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { ClientsApi } from '../../core/clients-api';
import { InvitationsApi, isPending } from '../../core/invitations-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

interface Summary {
  clients: string;
  pendingInvitations: string;
}

/** Counts shown as "200+" when there is more than one page. */
function countLabel(count: number, more: boolean): string {
  return more ? `${count}+` : String(count);
}

@Component({
  selector: 'app-therapist-dashboard',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
})
export class Dashboard {
  private readonly clients = inject(ClientsApi);
  private readonly invitations = inject(InvitationsApi);
  private readonly auth = inject(AuthStore);

  protected readonly firstName = computed(() => this.auth.displayName().split(' ')[0]);
  protected readonly summary = signal<Summary | null>(null);
  protected readonly error = signal('');

  constructor() {
    forkJoin({
      clients: this.clients.list({ limit: LIMITS.pageSizeMax }),
      invitations: this.invitations.list(null, LIMITS.pageSizeMax),
    })
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: ({ clients, invitations }) => {
          const now = Date.now();
          const pending = invitations.items.filter((i) => isPending(i, now));
          this.summary.set({
            clients: countLabel(clients.items.length, !!clients.nextCursor),
            pendingInvitations: countLabel(pending.length, !!invitations.nextCursor),
          });
        },
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }
}
