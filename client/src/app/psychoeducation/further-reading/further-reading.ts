import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FurtherReading } from '@attune/shared';

/** Where a module's ideas come from, credited as author and title. */
@Component({
  selector: 'app-further-reading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length) {
      <div class="title" role="heading" [attr.aria-level]="level()">Further reading</div>
      <ul>
        @for (item of items(); track $index) {
          <li>
            <span class="author">{{ item.author }}</span>, <cite>{{ item.title }}</cite>
            @if (item.note) {
              <span class="note">: {{ item.note }}</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    ul {
      margin: 0;
      padding-left: 24px;
      max-width: 68ch;
    }
    li + li {
      margin-top: 6px;
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class FurtherReadingList {
  readonly items = input.required<readonly FurtherReading[]>();
  readonly level = input(3);
}
