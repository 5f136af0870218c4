import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ScreeningStatus } from '@attune/shared';
import { STATUS_LABELS } from '../screening-labels';

/** A screening's status as a small chip. */
@Component({
  selector: 'app-screening-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'status-' + status()">{{ label() }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-large);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    .status-submitted {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .status-in_progress {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .status-cancelled {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ScreeningStatusChip {
  readonly status = input.required<ScreeningStatus>();
  protected readonly label = computed(() => STATUS_LABELS[this.status()] ?? this.status());
}
