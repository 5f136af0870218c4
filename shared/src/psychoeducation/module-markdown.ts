/**
 * Module Markdown to HTML, one renderer for the server (which sends a reading's parts ready to
 * show, so a phone runs no Markdown parser on the way to the text) and the client (a therapist's
 * live preview). Safe by construction, before any sanitizer sees it: raw HTML in the text is
 * shown as the text it is, images become their description (no request to another host: this is
 * health data), task-list boxes are left out, and a link keeps its address only when it is a web
 * or mail address. Both callers still clean the result with an HTML sanitizer on top.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from '../html.js';

/** Only web and mail links; anything else (javascript:, data:, vbscript:, relative paths) is dropped. */
export const SAFE_MARKDOWN_LINK = /^(?:https?:|mailto:)/i;

let renderer: Marked | null = null;

/** Made on first use, so code that never renders Markdown never builds it. */
function moduleMarked(): Marked {
  renderer ??= new Marked({
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
      link(token: Tokens.Link) {
        const text = this.parser.parseInline(token.tokens);
        const href = token.href.trim();
        if (!SAFE_MARKDOWN_LINK.test(href)) return `<a>${text}</a>`;
        const opens = /^https?:/i.test(href) ? ' target="_blank"' : '';
        return `<a href="${escapeHtml(href)}" rel="noopener noreferrer"${opens}>${text}</a>`;
      },
      image: (token: Tokens.Image) => escapeHtml(token.text),
      checkbox: () => '',
    },
  });
  return renderer;
}

/** A module's Markdown as HTML (see the file's comment for what it lets through). */
export function moduleMarkdownHtml(markdown: string | null | undefined): string {
  if (!markdown) return '';
  return moduleMarked().parse(markdown, { async: false });
}
