import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AlertSummary } from '@attune/shared';
import { AlertsApi } from '../../core/alerts-api';
import { toApiError } from '../../core/api-error';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import {
  AcknowledgeAlertData,
  AcknowledgeAlertDialog,
} from '../acknowledge-alert-dialog/acknowledge-alert-dialog';
import { AlertHistory } from '../alert-history/alert-history';

const SHOWN = 100;

/** Open first, most urgent first, newest first (the order the API lists them in). */
export function safetyOrder(a: AlertSummary, b: AlertSummary): number {
  const rank = { immediate: 0, urgent: 1, 'check-in': 2 } as const;
  return (
    Number(!!a.acknowledgedAt) - Number(!!b.acknowledgedAt) ||
    rank[a.level] - rank[b.level] ||
    b.createdAt.localeCompare(a.createdAt)
  );
}

/**
 * The top of a client's page: every safety alert with its level, who acknowledged it, when and
 * the note, and a way to acknowledge the open ones.
 */
@Component({
  selector: 'app-safety-history',
  imports: [AlertHistory, ErrorAlert, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="safety" aria-labelledby="safety-history-heading">
      <h2 id="safety-history-heading" tabindex="-1">Safety alerts</h2>
      <p class="status" role="status">{{ status() }}</p>
      <app-error-alert [message]="error()" />
      @if (alerts(); as alerts) {
        @if (alerts.length === 0) {
          <p class="calm">
            <mat-icon aria-hidden="true">verified_user</mat-icon>
            No safety alerts so far.
          </p>
        } @else {
          <p class="meta">Open ones first, then the history, with who acknowledged each one.</p>
          <app-alert-history
            [alerts]="alerts"
            [showInstrument]="true"
            [canAcknowledge]="true"
            (acknowledge)="acknowledge($event)"
          />
        }
      } @else {
        <mat-progress-bar mode="indeterminate" aria-label="Loading safety alerts" />
      }
    </section>
  `,
  styles: `
    .safety {
      margin-bottom: 8px;
    }
    h2 {
      margin-bottom: 4px;
    }
    .status:empty {
      margin: 0;
    }
    .calm {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .calm mat-icon {
      color: var(--mat-sys-primary);
    }
    .meta {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SafetyHistory {
  private readonly api = inject(AlertsApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  readonly clientId = input.required<string>();

  protected readonly alerts = signal<AlertSummary[] | null>(null);
  protected readonly error = signal('');
  protected readonly status = signal('');

  constructor() {
    effect(() => {
      const id = this.clientId();
      untracked(() => this.load(id));
    });
  }

  private load(clientId: string): void {
    this.api
      .list('all', null, SHOWN, clientId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => this.alerts.set(page.items),
        error: (err: unknown) => {
          this.alerts.set([]);
          this.error.set(toApiError(err).message);
        },
      });
  }

  protected acknowledge(alert: AlertSummary): void {
    this.dialog
      .open<AcknowledgeAlertDialog, AcknowledgeAlertData, AlertSummary>(AcknowledgeAlertDialog, {
        ...DIALOG_OPTIONS,
        data: { alert },
        width: '560px',
      })
      .afterClosed()
      .subscribe((done) => {
        if (!done) return;
        this.alerts.update((list) =>
          (list ?? []).map((a) => (a.id === done.id ? done : a)).sort(safetyOrder),
        );
        this.status.set(`Alert for ${done.client.displayName} acknowledged.`);
      });
  }
}
