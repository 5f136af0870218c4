import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Markdown, renderMarkdown, sanitizeHtml } from './markdown';
import { MarkdownHtml } from './markdown-html';

/** Parses HTML into a detached container, to ask what elements and attributes survived. */
function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

/** Every attribute on every element, as `tag[name=value]`. */
function attributes(root: HTMLElement): string[] {
  return [...root.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].map((a) => `${el.tagName.toLowerCase()}[${a.name}=${a.value}]`),
  );
}

function expectHarmless(html: string): void {
  const root = dom(html);
  expect(
    root.querySelectorAll('script, style, iframe, object, embed, form, svg, img, math, base, link'),
  ).toHaveLength(0);
  for (const attr of attributes(root)) {
    expect(attr).not.toMatch(/^\w+\[on/i);
    expect(attr).not.toMatch(/javascript:|vbscript:|data:/i);
  }
  for (const a of root.querySelectorAll('a[href]')) {
    expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:)/i);
  }
}

// Each hostile input goes through both layers on their own: Markdown rendering (marked with raw
// HTML escaped, then DOMPurify) and DOMPurify alone on raw HTML (the layer that must hold even if
// rendering ever let HTML through).
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img/src=x/onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](  javascript:alert(1))',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '<iframe src="https://evil.example/"></iframe>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="java&#x09;script:alert(1)">click</a>',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<svg/onload=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="https://evil.example/"><button>Go</button></form>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)">hi</p>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<details open ontoggle=alert(1)>x</details>',
  '<body onload=alert(1)>',
];

describe('renderMarkdown', () => {
  it.each(HOSTILE)('leaves nothing runnable from %s', (input) => {
    expectHarmless(renderMarkdown(input));
  });

  it('shows raw HTML as the text it is, not as markup', () => {
    const root = dom(renderMarkdown('Hi <script>alert(1)</script> <b>there</b>'));
    expect(root.querySelector('script, b')).toBeNull();
    expect(root.textContent).toContain('<script>alert(1)</script>');
  });

  it('turns a javascript: link into plain text with no href', () => {
    const root = dom(renderMarkdown('[click me](javascript:alert(1))'));
    const a = root.querySelector('a');
    expect(a?.hasAttribute('href')).toBe(false);
    expect(root.textContent).toContain('click me');
  });

  it('keeps web and mail links, opening web links safely in a new tab', () => {
    const root = dom(
      renderMarkdown('[988](https://988lifeline.org/) and [write](mailto:care@example.com)'),
    );
    const [web, mail] = [...root.querySelectorAll('a')];
    expect(web?.getAttribute('href')).toBe('https://988lifeline.org/');
    expect(web?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(web?.getAttribute('target')).toBe('_blank');
    expect(mail?.getAttribute('href')).toBe('mailto:care@example.com');
    expect(mail?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('drops relative links (only http, https and mailto are allowed)', () => {
    const root = dom(renderMarkdown('[home](/admin) [rel](../x)'));
    for (const a of root.querySelectorAll('a')) expect(a.hasAttribute('href')).toBe(false);
  });

  it('renders the Markdown modules are written in', () => {
    const root = dom(
      renderMarkdown('# Big\n\nA **bold** and *kind* idea.\n\n- one\n- two\n\n1. first'),
    );
    expect(root.querySelector('h3')?.textContent).toBe('Big');
    expect(root.querySelector('h1, h2')).toBeNull();
    expect(root.querySelector('strong')?.textContent).toBe('bold');
    expect(root.querySelector('em')?.textContent).toBe('kind');
    expect(root.querySelectorAll('ul li')).toHaveLength(2);
    expect(root.querySelectorAll('ol li')).toHaveLength(1);
  });

  it('is empty for empty input', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown(null)).toBe('');
  });
});

describe('sanitizeHtml (raw HTML straight into DOMPurify)', () => {
  it.each(HOSTILE)('leaves nothing runnable from %s', (input) => {
    expectHarmless(sanitizeHtml(input));
  });

  it('keeps text formatting', () => {
    const root = dom(sanitizeHtml('<p>A <strong>b</strong> <em>c</em></p><ul><li>d</li></ul>'));
    expect(root.querySelector('p strong')?.textContent).toBe('b');
    expect(root.querySelector('ul li')?.textContent).toBe('d');
  });

  it('removes an unsafe href but keeps the link text', () => {
    const root = dom(sanitizeHtml('<a href="JaVaScRiPt:alert(1)" target="_blank">click</a>'));
    const a = root.querySelector('a')!;
    expect(a.hasAttribute('href')).toBe(false);
    expect(a.hasAttribute('target')).toBe(false);
    expect(a.textContent).toBe('click');
  });

  it('adds rel="noopener noreferrer" to safe links', () => {
    const root = dom(sanitizeHtml('<a href="https://example.org" rel="opener">x</a>'));
    expect(root.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

@Component({
  imports: [Markdown],
  template: '<app-markdown [text]="text()" />',
})
class Host {
  readonly text = signal('');
}

describe('Markdown component', () => {
  it('renders sanitized HTML into the page and never runs hostile input', async () => {
    const win = window as unknown as { __xss?: number };
    delete win.__xss;
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.text.set(
      'Hello **there**\n\n<img src=x onerror="window.__xss=1">\n\n<script>window.__xss=1</script>\n\n[click](javascript:window.__xss=1)',
    );
    await fixture.whenStable();
    const el = (fixture.nativeElement as HTMLElement).querySelector('app-markdown')!;
    expect(el.querySelector('strong')?.textContent).toBe('there');
    expect(el.querySelector('script, img, iframe, [onerror]')).toBeNull();
    expect(el.querySelector('a')?.hasAttribute('href')).toBe(false);
    el.querySelector('a')?.dispatchEvent(new MouseEvent('click'));
    expect(win.__xss).toBeUndefined();
  });
});

@Component({
  imports: [MarkdownHtml],
  template: '<app-markdown-html [html]="html()" />',
})
class HtmlHost {
  readonly html = signal('');
}

describe('MarkdownHtml component (HTML the server rendered)', () => {
  it('shows the HTML with the Markdown look, and Angular still strips anything runnable', async () => {
    const win = window as unknown as { __xss?: number };
    delete win.__xss;
    const fixture = TestBed.createComponent(HtmlHost);
    fixture.componentInstance.html.set(
      '<p>Hello <strong>there</strong></p><img src=x onerror="window.__xss=1"><script>window.__xss=1</script><a href="javascript:window.__xss=1">click</a>',
    );
    await fixture.whenStable();
    const el = (fixture.nativeElement as HTMLElement).querySelector('app-markdown-html')!;
    expect(el.classList).toContain('markdown');
    expect(el.querySelector('p strong')?.textContent).toBe('there');
    expect(el.querySelector('script, [onerror]')).toBeNull();
    expect(el.querySelector('a')?.getAttribute('href') ?? '').not.toMatch(/^javascript:/i);
    el.querySelector('a')?.dispatchEvent(new MouseEvent('click'));
    await new Promise((r) => setTimeout(r));
    expect(win.__xss).toBeUndefined();
  });
});
