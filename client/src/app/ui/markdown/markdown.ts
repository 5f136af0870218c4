import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

// Only web and mail links; anything else (javascript:, data:, vbscript:, relative paths) is dropped.
const SAFE_LINK = /^(?:https?:|mailto:)/i;

// Tags that run code, pull content from elsewhere (a privacy leak for health data) or post data.
const FORBIDDEN_TAGS = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'link',
  'meta',
  'base',
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'svg',
  'math',
];
const FORBIDDEN_ATTRS = ['style', 'srcset', 'action', 'formaction', 'xlink:href', 'background'];

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// Module text is plain Markdown: raw HTML in it is shown as the text it is, never as markup.
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) =>
      'block' in token && token.block
        ? `<p>${escapeHtml(token.text.trim())}</p>\n`
        : escapeHtml(token.text),
    // The page owns h1 and h2; headings inside a section sit below them.
    heading(token: Tokens.Heading) {
      const level = token.depth <= 2 ? 3 : 4;
      return `<h${level}>${this.parser.parseInline(token.tokens)}</h${level}>\n`;
    },
  },
});

let purifier: ReturnType<typeof DOMPurify> | null = null;

/** One DOMPurify instance of our own, so its link hook never affects anyone else's. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('uponSanitizeAttribute', (_node, data) => {
    // Event handlers never survive, whatever their spelling.
    if (/^on/i.test(data.attrName)) data.keepAttr = false;
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href')?.trim() ?? '';
    if (!SAFE_LINK.test(href)) {
      node.removeAttribute('href');
      node.removeAttribute('target');
      node.removeAttribute('rel');
      return;
    }
    if (/^https?:/i.test(href)) node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = p;
  return p;
}

/** Cleans HTML down to text formatting and safe links. */
export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRS,
    ALLOWED_URI_REGEXP: SAFE_LINK,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    RETURN_TRUSTED_TYPE: false,
  });
}

/** Markdown to safe HTML: rendered by marked (raw HTML escaped), then cleaned by DOMPurify. */
export function renderMarkdown(markdown: string | null | undefined): string {
  if (!markdown) return '';
  return sanitizeHtml(marked.parse(markdown, { async: false }));
}

/**
 * Renders module Markdown safely. The HTML is cleaned here and bound with [innerHTML], so
 * Angular's own sanitizer still checks it on top. Keep this out of the initial bundle: import it
 * only from lazy-loaded pages.
 */
@Component({
  selector: 'app-markdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'markdown', '[innerHTML]': 'html()' },
  template: '',
  styles: `
    :host {
      display: block;
      overflow-wrap: anywhere;
      line-height: 1.6;
    }
    :host ::ng-deep p,
    :host ::ng-deep ul,
    :host ::ng-deep ol,
    :host ::ng-deep blockquote {
      margin: 0 0 12px;
      max-width: 68ch;
    }
    :host ::ng-deep :last-child {
      margin-bottom: 0;
    }
    :host ::ng-deep ul,
    :host ::ng-deep ol {
      padding-left: 24px;
    }
    :host ::ng-deep li + li {
      margin-top: 4px;
    }
    /* A link whose address was removed reads as plain text. */
    :host ::ng-deep a:not([href]) {
      color: inherit;
      text-decoration: none;
    }
    :host ::ng-deep blockquote {
      padding-left: 12px;
      border-left: 3px solid var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
    :host ::ng-deep h1,
    :host ::ng-deep h2,
    :host ::ng-deep h3,
    :host ::ng-deep h4 {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 8px;
    }
  `,
})
export class Markdown {
  readonly text = input<string | null | undefined>('');
  protected readonly html = computed(() => renderMarkdown(this.text()));
}
