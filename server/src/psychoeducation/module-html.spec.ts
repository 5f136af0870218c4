import { BUILTIN_MODULES } from '@attune/shared';
import { cleanModuleHtml, sectionHtml } from './module-html.js';

/** Every start tag in the HTML, as [tag name, attribute text]. */
function tags(html: string): [string, string][] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => [
    m[1]!.toLowerCase(),
    m[2]!,
  ]);
}

const ALLOWED_TAGS = new Set(
  'p br hr strong em del code pre blockquote ul ol li h3 h4 a table thead tbody tr th td'.split(
    ' ',
  ),
);

function expectHarmless(html: string): void {
  for (const [tag, attrs] of tags(html)) {
    expect(ALLOWED_TAGS).toContain(tag);
    expect(attrs).not.toMatch(/\son\w*\s*=/i);
    expect(attrs).not.toMatch(/\s(style|src|srcset|action|formaction)\s*=/i);
    expect(attrs).not.toMatch(/javascript:|vbscript:|data:/i);
    for (const [, href] of attrs.matchAll(/href="([^"]*)"/g))
      expect(href).toMatch(/^(https?:|mailto:)/i);
  }
}

// Markdown a therapist might paste, on purpose or by accident, aimed at the client who reads it.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '![tracking pixel](https://evil.example/p.png)',
  '![x](javascript:alert(1))',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](  javascript:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](https://ok.example/ "t\\" onmouseover=\\"alert(1)")',
  '<iframe src="https://evil.example/"></iframe>',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<form action="https://evil.example/"><button>Go</button></form>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)">hi</p>',
  '- [x] done\n- [ ] not yet',
  '<details open ontoggle=alert(1)>x</details>',
  '`<script>` in code and\n\n    <script>in a block</script>',
];

describe('cleanModuleHtml (module Markdown as the client reader gets it)', () => {
  it.each(HOSTILE)('leaves nothing runnable or remote from %s', (input) => {
    expectHarmless(cleanModuleHtml(input));
  });

  it('shows raw HTML as the text it is', () => {
    const html = cleanModuleHtml('Hi <script>alert(1)</script> <b>there</b>');
    expect(html).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;there&lt;/b&gt;</p>\n');
  });

  it('shows an image as its description, fetching nothing', () => {
    expect(cleanModuleHtml('![A calm lake](https://evil.example/p.png)')).toBe(
      '<p>A calm lake</p>\n',
    );
  });

  it('keeps web and mail links, opening web links in a new tab without a hold on this page', () => {
    const html = cleanModuleHtml(
      '[988](https://988lifeline.org/) and [write](mailto:c@example.com)',
    );
    expect(html).toContain(
      '<a href="https://988lifeline.org/" rel="noopener noreferrer" target="_blank">988</a>',
    );
    expect(html).toContain('<a href="mailto:c@example.com" rel="noopener noreferrer">write</a>');
  });

  it('turns javascript:, data: and relative links into plain link text', () => {
    for (const input of ['[click](javascript:alert(1))', '[click](/admin)', '[click](../x)'])
      expect(cleanModuleHtml(input)).toBe('<p><a>click</a></p>\n');
  });

  it('renders the Markdown modules are written in, headings below the page’s own', () => {
    const html = cleanModuleHtml(
      '# Big\n\nA **bold** and *kind* idea.\n\n- one\n- two\n\n> a quote\n\n3. third',
    );
    expect(html).toContain('<h3>Big</h3>');
    expect(html).not.toMatch(/<h[12]/);
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>kind</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<ol start="3">');
  });

  it('is empty for empty input', () => {
    expect(cleanModuleHtml('')).toBe('');
  });
});

describe('sectionHtml', () => {
  it('gives every built-in module part as clean HTML, in order, the same each time', () => {
    for (const module of BUILTIN_MODULES) {
      const html = sectionHtml(module);
      expect(html).toHaveLength(module.sections.length);
      html.forEach((part, i) => {
        expectHarmless(part);
        expect(part).toBe(cleanModuleHtml(module.sections[i]!.body));
        expect(part).toMatch(/^<(p|ul|ol|h3|blockquote)>/);
      });
      expect(sectionHtml(module)).toEqual(html);
    }
  });

  it('renders an edited text afresh (kept by text, never by module)', () => {
    expect(sectionHtml({ sections: [{ heading: 'A', body: 'First' }] })).toEqual([
      '<p>First</p>\n',
    ]);
    expect(sectionHtml({ sections: [{ heading: 'A', body: 'Second' }] })).toEqual([
      '<p>Second</p>\n',
    ]);
  });
});
