import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { AlertSummary } from '@attune/shared';
import { LEVEL_ICONS, LEVEL_LABELS, reasonLabel } from '../screening-labels';
import { PracticeTimePipe } from '../../core/practice-time';

/**
 * Safety alerts with their history: level, why, when, whether a worse answer escalated them,
 * and who acknowledged each one, when, with their note. On a client's page, a result page and
 * the pre-session brief (where open ones can be acknowledged).
 */
@Component({
  selector: 'app-alert-history',
  imports: [PracticeTimePipe, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="history">
      @for (alert of alerts(); track alert.id) {
        <li class="level-{{ alert.level }}" data-testid="alert-history-item">
          <p class="head">
            <mat-icon aria-hidden="true">{{ levelIcons[alert.level] }}</mat-icon>
            <span class="level">{{ levelLabels[alert.level] }}</span>
            <span class="when">{{ alert.createdAt | practiceTime }}</span>
            @if (showInstrument()) {
              <span class="when">· {{ alert.instrumentTitle }}</span>
            }
          </p>
          <p>{{ alert.message }}</p>
          <p class="meta">
            {{ reasonLabel(alert) }}
            @if (alert.escalatedFrom; as from) {
              · came after the {{ levelLabels[from.level].toLowerCase() }} alert acknowledged
              {{ from.acknowledgedAt | practiceTime: 'short' }}
            } @else if (alert.escalatedAt) {
              · raised by a later answer {{ alert.escalatedAt | practiceTime: 'short' }}
            }
          </p>
          @if (alert.acknowledgedAt) {
            <p class="ack" data-testid="alert-acknowledgement">
              <mat-icon aria-hidden="true">task_alt</mat-icon>
              <span>
                Acknowledged by {{ alert.acknowledgedBy ?? 'a former team member' }} on
                {{ alert.acknowledgedAt | practiceTime }}:
                <q>{{ alert.acknowledgementNote }}</q>
              </span>
            </p>
          } @else {
            <p class="open"><strong>Open:</strong> not acknowledged yet.</p>
            @if (canAcknowledge()) {
              <button
                mat-flat-button
                type="button"
                [attr.aria-label]="
                  'Acknowledge ' +
                  levelLabels[alert.level].toLowerCase() +
                  ' alert for ' +
                  alert.client.displayName
                "
                (click)="acknowledge.emit(alert)"
              >
                Acknowledge
              </button>
            }
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .history {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      display: grid;
      gap: 10px;
    }
    li {
      padding: 10px 14px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      border-inline-start: 4px solid var(--mat-sys-tertiary);
    }
    li.level-urgent,
    li.level-immediate {
      border-inline-start-color: var(--mat-sys-error);
    }
    li.level-immediate {
      border-inline-start-width: 8px;
    }
    p {
      margin: 4px 0;
      max-width: 75ch;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 10px;
      align-items: center;
    }
    .level {
      font: var(--mat-sys-label-large);
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    .when,
    .meta {
      color: var(--mat-sys-on-surface-variant);
    }
    .ack {
      display: flex;
      gap: 6px;
      align-items: flex-start;
    }
    .ack mat-icon {
      color: var(--mat-sys-primary);
      flex: none;
    }
  `,
})
export class AlertHistory {
  readonly alerts = input.required<AlertSummary[]>();
  readonly showInstrument = input(false);
  /** Open alerts get an "Acknowledge" button that emits `acknowledge`. */
  readonly canAcknowledge = input(false);
  readonly acknowledge = output<AlertSummary>();
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly levelIcons = LEVEL_ICONS;
  protected readonly reasonLabel = reasonLabel;
}
