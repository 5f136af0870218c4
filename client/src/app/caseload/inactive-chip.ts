import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ClientStatus } from '@attune/shared';

/** "Inactive" beside a client whose record is closed (nothing when it is open). */
@Component({
  selector: 'app-inactive-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (status() === 'inactive') {
    <span class="chip" data-testid="inactive-chip">Inactive</span>
  }`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-large);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
      border: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class InactiveChip {
  readonly status = input.required<ClientStatus>();
}
