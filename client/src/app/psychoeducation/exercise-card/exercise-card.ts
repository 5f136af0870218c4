import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ModuleExercise } from '@attune/shared';

/** The practice exercise of a module. `level` is the heading level of its title. */
@Component({
  selector: 'app-exercise-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="exercise">
      <div class="title" role="heading" [attr.aria-level]="level()">
        {{ exercise().title || 'Practice' }}
      </div>
      @if (exercise().intro) {
        <p class="intro">{{ exercise().intro }}</p>
      }
      @if (exercise().steps.length) {
        <ol>
          @for (step of exercise().steps; track $index) {
            <li>{{ step }}</li>
          }
        </ol>
      }
    </div>
  `,
  styles: `
    .exercise {
      padding: 16px;
      border-radius: var(--attune-radius);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      max-width: 720px;
      box-sizing: border-box;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .intro {
      margin: 0 0 8px;
      white-space: pre-line;
    }
    ol {
      margin: 0;
      padding-left: 24px;
    }
    li + li {
      margin-top: 6px;
    }
  `,
})
export class ExerciseCard {
  readonly exercise = input.required<ModuleExercise>();
  readonly level = input(3);
}
