import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AccountState } from '@attune/shared';

const LABELS: Record<AccountState, string> = {
  none: 'No account',
  invited: 'Invited',
  active: 'Active',
  disabled: 'Deactivated',
};

/** Whether a person can sign in yet, as a small chip. */
@Component({
  selector: 'app-account-state-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'state-' + state()">{{ label() }}</span>`,
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
    .state-active {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .state-invited {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .state-disabled {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AccountStateChip {
  readonly state = input.required<AccountState>();
  protected readonly label = computed(() => LABELS[this.state()] ?? this.state());
}
