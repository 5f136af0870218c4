import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import DOMPurify from 'dompurify';
import { moduleMarkdownHtml, SAFE_MARKDOWN_LINK } from '@attune/shared';

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
    if (!SAFE_MARKDOWN_LINK.test(href)) {
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
    ALLOWED_URI_REGEXP: SAFE_MARKDOWN_LINK,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    RETURN_TRUSTED_TYPE: false,
  });
}

/**
 * Markdown to safe HTML: rendered by the shared renderer (raw HTML escaped, the same one the server
 * uses for a client's reading), then cleaned by DOMPurify.
 */
export function renderMarkdown(markdown: string | null | undefined): string {
  if (!markdown) return '';
  return sanitizeHtml(moduleMarkdownHtml(markdown));
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
  styleUrl: './markdown.scss',
})
export class Markdown {
  readonly text = input<string | null | undefined>('');
  protected readonly html = computed(() => renderMarkdown(this.text()));
}
