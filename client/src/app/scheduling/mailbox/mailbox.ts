import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { DevMailboxMessage } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { AuthStore } from '../../core/auth-store';
import { SchedulingApi } from '../../core/scheduling-api';
import { formatSessionTime } from '../zoned-time';

const STATUS_TEXT: Record<DevMailboxMessage['status'], string> = {
  pending: 'Waiting to send',
  sent: 'Sent',
  skipped: 'Not needed',
  failed: 'Failed',
};

/**
 * The practice's outgoing mail (confirmations, changes, reminders). Without SMTP set up this
 * is the development mailbox: nothing leaves the server, and this page is where mail lands.
 */
@Component({
  selector: 'app-mailbox',
  imports: [
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatExpansionModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mailbox.html',
  styleUrl: './mailbox.scss',
})
export class Mailbox {
  private readonly api = inject(SchedulingApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly auth = inject(AuthStore);

  protected readonly messages = signal<DevMailboxMessage[]>([]);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly error = signal('');
  protected readonly statusText = STATUS_TEXT;

  constructor() {
    this.load();
  }

  /** A time in the practice zone, named: "Monday, March 9, 2026 at 9:00 AM EDT". */
  protected when(iso: string): string {
    const zone = this.auth.practice()?.timeZone ?? 'UTC';
    return formatSessionTime(iso, zone);
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set('');
    this.api
      .mailbox()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.messages.set(list);
          this.loading.set(false);
          this.loaded.set(true);
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.loading.set(false);
        },
      });
  }
}
