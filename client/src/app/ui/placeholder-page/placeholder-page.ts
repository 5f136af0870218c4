import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { EmptyState } from '../empty-state/empty-state';

/** A routed page for features that arrive later; texts come from route data. */
@Component({
  selector: 'app-placeholder-page',
  imports: [EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>{{ heading() }}</h1>
      <app-empty-state [icon]="icon()" [message]="message()" />
    </div>
  `,
})
export class PlaceholderPage {
  readonly heading = input.required<string>();
  readonly message = input.required<string>();
  readonly icon = input('spa');
}
