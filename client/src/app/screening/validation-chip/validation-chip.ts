import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { validationLabel } from '../screening-labels';

/** "Validated" / "Not validated": how much weight an instrument's scores can carry. */
@Component({
  selector: 'app-validation-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class.validated]="validated()">{{ label() }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      border: 1px solid var(--mat-sys-outline);
      color: var(--mat-sys-on-surface-variant);
    }
    .validated {
      border-color: var(--mat-sys-primary);
      color: var(--mat-sys-primary);
    }
  `,
})
export class ValidationChip {
  readonly validated = input.required<boolean>();
  protected readonly label = computed(() => validationLabel(this.validated()));
}
