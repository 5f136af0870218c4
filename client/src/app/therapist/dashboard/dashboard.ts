import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  AlertSummary,
  LIMITS,
  NOT_VALIDATED_LABEL,
  TherapistDashboard,
  TodaySession,
} from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { ClientsApi } from '../../core/clients-api';
import { DashboardApi } from '../../core/dashboard-api';
import { clientFullName } from '../../caseload/client-name';
import { AlertsPanel } from '../../screening/alerts-panel/alerts-panel';
import { STATUS_LABELS } from '../../scheduling/scheduling-labels';
import { formatDateLong, formatTimeRange, zoneAbbreviation } from '../../scheduling/zoned-time';
import { formatScore, LEVEL_ICONS, LEVEL_LABELS } from '../../screening/screening-labels';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { PracticeDatePipe } from '../../core/practice-time';

@Component({
  selector: 'app-therapist-dashboard',
  imports: [
    PracticeDatePipe,
    AlertsPanel,
    EmptyState,
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
  private readonly auth = inject(AuthStore);
  private readonly clients = inject(ClientsApi);

  protected readonly firstName = computed(() => this.auth.displayName().split(' ')[0]);
  protected readonly dashboard = signal<TherapistDashboard | null>(null);
  protected readonly error = signal('');
  /** Client names for "Recently submitted" (a screening summary carries only the id). */
  private readonly names = signal<Map<string, string>>(new Map());
  protected readonly recent = computed(() =>
    (this.dashboard()?.recentlySubmitted ?? []).map((s) => ({
      screening: s,
      clientName: this.names().get(s.clientId) ?? 'A client',
      total: s.result?.total ?? null,
    })),
  );
  /** Refreshed each minute, so "Now" moves along the day. */
  private readonly now = signal(Date.now());
  protected readonly todayLine = computed(() => {
    const today = this.dashboard()?.today;
    if (!today) return 'Here is your day.';
    const noon = `${today.date}T12:00:00Z`;
    return `Today is ${formatDateLong(noon, 'UTC')}. Times are in ${today.timeZone} (${zoneAbbreviation(new Date(this.now()), today.timeZone)}).`;
  });
  /** Today's sessions in time order, each marked as past, now or later. */
  protected readonly sessions = computed(() => {
    const today = this.dashboard()?.today;
    if (!today) return [];
    const now = this.now();
    return today.sessions.map((session: TodaySession) => ({
      session,
      time: formatTimeRange(session.startsAt, session.endsAt, today.timeZone),
      phase:
        new Date(session.endsAt).getTime() <= now
          ? ('past' as const)
          : new Date(session.startsAt).getTime() <= now
            ? ('now' as const)
            : ('later' as const),
    }));
  });
  protected readonly shared = computed(() => this.dashboard()?.sharedReflections ?? []);
  protected readonly formatScore = formatScore;
  protected readonly notValidated = NOT_VALIDATED_LABEL;
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly levelIcons = LEVEL_ICONS;
  protected readonly statusLabels = STATUS_LABELS;

  private readonly api = inject(DashboardApi);
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    const tick = setInterval(() => this.now.set(Date.now()), 60_000);
    this.destroyRef.onDestroy(() => clearInterval(tick));
    this.load();
  }

  protected load(): void {
    this.error.set('');
    this.api
      .therapist()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (dashboard) => {
          this.dashboard.set(dashboard);
          if (dashboard.recentlySubmitted.length > 0) this.loadNames();
        },
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }

  private loadNames(): void {
    this.clients.list({ limit: LIMITS.pageSizeMax }).subscribe({
      next: (page) =>
        this.names.set(new Map(page.items.map((c) => [c.id, clientFullName(c)] as const))),
      error: () => undefined, // The list still works without names.
    });
  }

  protected onAcknowledged(alert: AlertSummary): void {
    this.dashboard.update((d) => {
      if (!d) return d;
      const openAlerts = d.openAlerts.filter((a) => a.id !== alert.id);
      // The session's flag goes once none of the client's open alerts is left on the list.
      const stillOpen = openAlerts.some((a) => a.client.id === alert.client.id);
      const sessions = d.today.sessions.map((s) =>
        s.client.id === alert.client.id && !stillOpen ? { ...s, openAlertLevel: null } : s,
      );
      return { ...d, openAlerts, today: { ...d.today, sessions } };
    });
  }
}
