import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type {
  FurtherReading,
  ModuleExercise,
  ModuleSection,
  ReflectionPrompt,
} from '@attune/shared';
import { Markdown } from '../../ui/markdown/markdown';
import { ExerciseCard } from '../exercise-card/exercise-card';
import { FurtherReadingList } from '../further-reading/further-reading';
import { NextSteps } from '../next-steps/next-steps';

/**
 * A whole module on one page (the library reader and the editor's live preview): sections,
 * exercise, reflection prompts, next steps and further reading. `level` is the heading level of the parts.
 */
@Component({
  selector: 'app-module-body',
  imports: [ExerciseCard, FurtherReadingList, Markdown, MatIconModule, NextSteps],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (section of sections(); track $index) {
      <section class="part">
        <div class="heading" role="heading" [attr.aria-level]="level()">
          {{ section.heading || 'Untitled part' }}
        </div>
        <app-markdown [text]="section.body" />
      </section>
    }
    @if (exercise(); as exercise) {
      <app-exercise-card class="part" [exercise]="exercise" [level]="level()" />
    }
    @if (prompts().length) {
      <section class="part">
        <div class="heading" role="heading" [attr.aria-level]="level()">Reflection prompts</div>
        <ul class="prompts">
          @for (prompt of prompts(); track $index) {
            <li>
              <mat-icon aria-hidden="true">edit_note</mat-icon>
              <span>{{ prompt.text }}</span>
            </li>
          }
        </ul>
      </section>
    }
    <app-next-steps class="part" [steps]="nextSteps()" [level]="level()" />
    <app-further-reading class="part" [items]="furtherReading()" [level]="level()" />
  `,
  styles: `
    :host {
      display: block;
    }
    .part {
      display: block;
      margin-bottom: 24px;
    }
    .heading {
      font: var(--mat-sys-title-large);
      margin: 0 0 8px;
    }
    .prompts {
      list-style: none;
      margin: 0;
      padding: 0;
      li {
        display: flex;
        gap: 8px;
        align-items: flex-start;
        margin-bottom: 6px;
      }
      mat-icon {
        flex: none;
        color: var(--mat-sys-primary);
      }
    }
  `,
})
export class ModuleBody {
  readonly sections = input.required<readonly ModuleSection[]>();
  readonly exercise = input<ModuleExercise | null>(null);
  readonly prompts = input<readonly ReflectionPrompt[]>([]);
  readonly nextSteps = input<readonly string[]>([]);
  readonly furtherReading = input<readonly FurtherReading[]>([]);
  readonly level = input(2);
}
