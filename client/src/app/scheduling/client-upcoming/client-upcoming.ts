import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AppointmentView } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { SchedulingApi } from '../../core/scheduling-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { formatDateLong, formatTimeRange, zoneAbbreviation } from '../zoned-time';

const DAY = 86_400_000;
const SHOWN = 5;

/** A client's next booked sessions (the caller's calendar: a therapist sees their own with them). */
@Component({
  selector: 'app-client-upcoming',
  imports: [ErrorAlert, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="client-upcoming-heading">
      <h2 id="client-upcoming-heading">Upcoming sessions</h2>
      <app-error-alert [message]="error()" />
      @if (sessions() === null) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading upcoming sessions" />
      } @else if (rows().length === 0) {
        <p class="meta">No sessions booked in the next 90 days.</p>
      } @else {
        <ul class="sessions">
          @for (r of rows(); track r.id) {
            <li data-testid="client-upcoming-session">
              <span class="when">{{ r.date }}</span>
              <span>{{ r.time }} · {{ r.type }} · with {{ r.therapist }}</span>
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .meta {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .sessions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 6px;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 12px;
    }
    .when {
      font-weight: 500;
    }
  `,
})
export class ClientUpcoming {
  private readonly api = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);
  private readonly destroyRef = inject(DestroyRef);

  readonly clientId = input.required<string>();

  protected readonly sessions = signal<AppointmentView[] | null>(null);
  protected readonly error = signal('');
  private readonly zone = computed(() => this.auth.practice()?.timeZone ?? 'UTC');
  protected readonly rows = computed(() => {
    const zone = this.zone();
    return (this.sessions() ?? [])
      .filter((a) => a.status === 'booked')
      .slice(0, SHOWN)
      .map((a) => ({
        id: a.id,
        date: formatDateLong(a.startsAt, zone),
        time: `${formatTimeRange(a.startsAt, a.endsAt, zone)} ${zoneAbbreviation(a.startsAt, zone)}`,
        type: a.type.name,
        therapist: a.therapist.displayName,
      }));
  });

  constructor() {
    effect(() => {
      const id = this.clientId();
      untracked(() => this.load(id));
    });
  }

  private load(clientId: string): void {
    const now = Date.now();
    this.api
      .listAppointments({
        clientId,
        from: new Date(now).toISOString(),
        to: new Date(now + 90 * DAY).toISOString(),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => this.sessions.set(list),
        error: (err: unknown) => {
          this.sessions.set([]);
          this.error.set(toApiError(err).message);
        },
      });
  }
}
