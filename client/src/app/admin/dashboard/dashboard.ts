import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { LIMITS, Page } from '@attune/shared';
import { forkJoin } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { ClientsApi } from '../../core/clients-api';
import { InvitationsApi, isPending } from '../../core/invitations-api';
import { MembersApi } from '../../core/members-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

interface Summary {
  members: string;
  clients: string;
  unassigned: string;
  pendingInvitations: string;
}

function count<T>(page: Page<T>, keep: (item: T) => boolean = () => true): string {
  const n = page.items.filter(keep).length;
  return page.nextCursor ? `${n}+` : String(n);
}

@Component({
  selector: 'app-admin-dashboard',
  imports: [ErrorAlert, MatButtonModule, MatCardModule, MatProgressBarModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
})
export class Dashboard {
  protected readonly summary = signal<Summary | null>(null);
  protected readonly error = signal('');

  constructor() {
    const max = LIMITS.pageSizeMax;
    forkJoin({
      members: inject(MembersApi).list(null, max),
      clients: inject(ClientsApi).list({ limit: max }),
      invitations: inject(InvitationsApi).list(null, max),
    })
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: ({ members, clients, invitations }) => {
          const now = Date.now();
          this.summary.set({
            members: count(members, (m) => m.account !== 'disabled'),
            clients: count(clients),
            unassigned: count(clients, (c) => !c.primaryTherapist),
            pendingInvitations: count(invitations, (i) => isPending(i, now)),
          });
        },
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }
}
