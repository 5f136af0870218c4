import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/**
 * The concrete, optional things a reader can do after a module. Said to be optional in so many
 * words: a list of tasks at the end of a reading must not feel like homework to be graded.
 */
@Component({
  selector: 'app-next-steps',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (steps().length) {
      <div class="next-steps" data-testid="next-steps">
        <div class="title" role="heading" [attr.aria-level]="level()">
          Next steps, if you want them
        </div>
        <p class="hint">Pick one, or none. They are here for when you are ready.</p>
        <ul>
          @for (step of steps(); track $index) {
            <li>
              <mat-icon aria-hidden="true">arrow_forward</mat-icon>
              <span>{{ step }}</span>
            </li>
          }
        </ul>
      </div>
    }
  `,
  styles: `
    .next-steps {
      padding: 16px;
      border-radius: var(--attune-radius);
      border: 1px solid var(--mat-sys-outline-variant);
      max-width: 720px;
      box-sizing: border-box;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 4px;
    }
    .hint {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      overflow-wrap: anywhere;
    }
    li + li {
      margin-top: 8px;
    }
    mat-icon {
      flex: none;
      color: var(--mat-sys-primary);
    }
  `,
})
export class NextSteps {
  readonly steps = input.required<readonly string[]>();
  readonly level = input(3);
}
