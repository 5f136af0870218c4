import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** A calm "nothing here yet" block; projected content is for actions. */
@Component({
  selector: 'app-empty-state',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
    @if (heading()) {
      <p class="heading">{{ heading() }}</p>
    }
    <p class="message">{{ message() }}</p>
    <ng-content />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      gap: 4px;
      padding: 32px 16px;
      border-radius: var(--attune-radius);
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
    }
    mat-icon {
      width: 40px;
      height: 40px;
      font-size: 40px;
      color: var(--mat-sys-primary);
    }
    p {
      margin: 0;
      max-width: 52ch;
    }
    .heading {
      font: var(--mat-sys-title-medium);
    }
    .message {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class EmptyState {
  readonly icon = input('spa');
  readonly heading = input('');
  readonly message = input.required<string>();
}
