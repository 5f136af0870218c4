import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AppointmentView } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { SchedulingApi } from '../../core/scheduling-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { formatDateLong, formatTimeRange, zoneAbbreviation } from '../zoned-time';

interface SessionCard {
  appointment: AppointmentView;
  date: string;
  time: string;
  icsUrl: string;
}

/** The client's own upcoming sessions, next one first, each with an "Add to calendar" file. */
@Component({
  selector: 'app-client-sessions',
  imports: [EmptyState, ErrorAlert, MatButtonModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-sessions.html',
  styleUrl: './client-sessions.scss',
})
export class ClientSessions {
  private readonly api = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);

  protected readonly zone = computed(() => this.auth.practice()?.timeZone ?? 'UTC');
  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? 'your practice');
  private readonly appointments = signal<AppointmentView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly error = signal('');

  protected readonly sessions = computed<SessionCard[]>(() => {
    const zone = this.zone();
    return this.appointments()
      .filter((a) => a.status === 'booked')
      .map((a) => ({
        appointment: a,
        date: formatDateLong(a.startsAt, zone),
        time: `${formatTimeRange(a.startsAt, a.endsAt, zone)} ${zoneAbbreviation(a.startsAt, zone)}`,
        icsUrl: this.api.icsUrl(a.id),
      }));
  });
  protected readonly next = computed(() => this.sessions()[0] ?? null);
  protected readonly later = computed(() => this.sessions().slice(1));

  constructor() {
    const now = Date.now();
    this.api
      .listAppointments({
        from: new Date(now).toISOString(),
        to: new Date(now + 365 * 86_400_000).toISOString(),
      })
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => {
          this.appointments.set(list);
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
