import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** A visible, announced error message (role="alert"). Renders nothing when `message` is empty. */
@Component({
  selector: 'app-error-alert',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message()) {
      <div role="alert" class="alert" [class.warning]="tone() === 'warning'">
        <mat-icon aria-hidden="true">{{ tone() === 'warning' ? 'info' : 'error' }}</mat-icon>
        <span>{{ message() }}</span>
      </div>
    }
  `,
  styles: `
    .alert {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      padding: 12px 16px;
      margin: 8px 0 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .warning {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    mat-icon {
      flex: none;
    }
  `,
})
export class ErrorAlert {
  readonly message = input<string | null | undefined>('');
  readonly tone = input<'error' | 'warning'>('error');
}
