import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AdminDashboard, AlertSummary } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { DashboardApi } from '../../core/dashboard-api';
import { AlertsPanel } from '../../screening/alerts-panel/alerts-panel';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

@Component({
  selector: 'app-admin-dashboard',
  imports: [
    AlertsPanel,
    ErrorAlert,
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
})
export class Dashboard {
  protected readonly dashboard = signal<AdminDashboard | null>(null);
  protected readonly error = signal('');

  private readonly api = inject(DashboardApi);
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.error.set('');
    this.api
      .admin()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (dashboard) => this.dashboard.set(dashboard),
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }

  protected onAcknowledged(alert: AlertSummary): void {
    this.dashboard.update((d) =>
      d ? { ...d, openAlerts: d.openAlerts.filter((a) => a.id !== alert.id) } : d,
    );
  }
}
