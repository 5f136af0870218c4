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
import { AlertSummary, LIMITS, NOT_VALIDATED_LABEL, TherapistDashboard } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { ClientsApi } from '../../core/clients-api';
import { DashboardApi } from '../../core/dashboard-api';
import { clientFullName } from '../../caseload/client-name';
import { AlertsPanel } from '../../screening/alerts-panel/alerts-panel';
import { formatScore, LEVEL_LABELS } from '../../screening/screening-labels';
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
  protected readonly formatScore = formatScore;
  protected readonly notValidated = NOT_VALIDATED_LABEL;
  protected readonly levelLabels = LEVEL_LABELS;

  private readonly api = inject(DashboardApi);
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
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
    this.dashboard.update((d) =>
      d ? { ...d, openAlerts: d.openAlerts.filter((a) => a.id !== alert.id) } : d,
    );
  }
}
