import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AlertSummary } from '@attune/shared';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { LEVEL_ICONS, LEVEL_LABELS, reasonLabel } from '../screening-labels';
import {
  AcknowledgeAlertData,
  AcknowledgeAlertDialog,
} from '../acknowledge-alert-dialog/acknowledge-alert-dialog';
import { PracticeTimePipe } from '../../core/practice-time';

/**
 * Open safety alerts, IMMEDIATE first, then URGENT, then CHECK-IN, each with a way to
 * acknowledge it and a word when a later, worse answer escalated it. Shown first on dashboards.
 */
@Component({
  selector: 'app-alerts-panel',
  imports: [PracticeTimePipe, MatButtonModule, MatIconModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './alerts-panel.html',
  styleUrl: './alerts-panel.scss',
})
export class AlertsPanel {
  private readonly dialog = inject(MatDialog);

  /** Open alerts in the order the API gives (open, urgent, newest first). */
  readonly alerts = input.required<AlertSummary[]>();
  readonly area = input.required<'therapist' | 'admin'>();
  /** False until the alerts have been loaded (so "no alerts" does not flash). */
  readonly loaded = input(true);
  readonly acknowledged = output<AlertSummary>();

  protected readonly status = signal('');
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly levelIcons = LEVEL_ICONS;
  protected readonly reasonLabel = reasonLabel;
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected clientLink(alert: AlertSummary): string[] {
    return ['/', this.area(), 'clients', alert.client.id];
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
        this.status.set(`Alert for ${done.client.displayName} acknowledged.`);
        this.acknowledged.emit(done);
        // The alert's row (and its button) is gone: keep keyboard focus in the panel.
        this.heading().nativeElement.focus();
      });
  }
}
