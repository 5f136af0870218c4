import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { SelfBookingStatus } from '@attune/shared';
import { SchedulingApi } from '../../core/scheduling-api';

/**
 * On a client's page, for their therapist and admins: whether the client can book online, and
 * above all when it is paused because a safety alert of theirs is open. Says nothing while the
 * practice does not offer self-booking.
 */
@Component({
  selector: 'app-self-booking-status',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (status(); as s) {
      @switch (s.state) {
        @case ('paused') {
          <p class="paused" data-testid="self-booking-status">
            <mat-icon aria-hidden="true">pause_circle</mat-icon>
            <span>
              <strong>Online booking paused.</strong> A safety alert for this client is open, so
              they are asked to contact you to book or change a session. It resumes once the alert
              is acknowledged.
            </span>
          </p>
        }
        @case ('open') {
          <p class="open" data-testid="self-booking-status">
            <mat-icon aria-hidden="true">event_available</mat-icon>
            <span>Online booking is on for this client.</span>
          </p>
        }
        @case ('no_therapist') {
          <p class="open" data-testid="self-booking-status">
            <mat-icon aria-hidden="true">event_busy</mat-icon>
            <span>Online booking needs a therapist for this client.</span>
          </p>
        }
      }
    }
  `,
  styles: `
    p {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin: 0 0 16px;
      max-width: 80ch;
    }
    mat-icon {
      flex: none;
    }
    .paused {
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .open {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SelfBookingStatusLine {
  private readonly api = inject(SchedulingApi);

  readonly clientId = input.required<string>();
  protected readonly status = signal<SelfBookingStatus | null>(null);

  constructor() {
    effect((onCleanup) => {
      const sub = this.api.selfBookingStatus(this.clientId()).subscribe({
        next: (s) => this.status.set(s),
        // Not knowing is not worth an error on the client's page: show nothing.
        error: () => this.status.set(null),
      });
      onCleanup(() => sub.unsubscribe());
    });
  }
}
