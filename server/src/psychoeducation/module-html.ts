import { moduleMarkdownHtml, type ModuleContent } from '@attune/shared';
import sanitizeHtml from 'sanitize-html';

/**
 * What a part's HTML may hold: text formatting, lists, quotes, tables, headings below the page's
 * own, and web or mail links (the shared renderer gives them rel="noopener noreferrer", and web
 * links target="_blank"). Everything else is dropped, its text kept.
 */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'h3',
    'h4',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'target', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
};

/** Markdown to cleaned HTML: the shared renderer, then sanitize-html on top. */
export function cleanModuleHtml(markdown: string): string {
  return sanitizeHtml(moduleMarkdownHtml(markdown), ALLOWED);
}

// A module version's text never changes, so its parts are rendered once per text and kept
// (bounded: the oldest goes first). Keyed by the text itself, so an edit can never be served
// stale. Text only, nothing about who may read it: access is checked on every request.
const rendered = new Map<string, string>();
const KEEP = 500;

/** Each part's body as cleaned HTML, in order. */
export function sectionHtml(content: Pick<ModuleContent, 'sections'>): string[] {
  return content.sections.map(({ body }) => {
    const hit = rendered.get(body);
    if (hit !== undefined) return hit;
    const html = cleanModuleHtml(body);
    if (rendered.size >= KEEP) rendered.delete(rendered.keys().next().value!);
    rendered.set(body, html);
    return html;
  });
}
