import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Shows module HTML the server has already rendered from Markdown and cleaned (a client's
 * reading: `AssignmentReading.sectionHtml`), looking just like <app-markdown>. Bound with
 * [innerHTML], so Angular's own sanitizer checks it again here. No Markdown parser comes with
 * it: the reader's code stays small and a phone does no parsing before the text shows.
 */
@Component({
  selector: 'app-markdown-html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'markdown', '[innerHTML]': 'html()' },
  template: '',
  styleUrl: './markdown.scss',
})
export class MarkdownHtml {
  readonly html = input<string | null | undefined>('');
}
