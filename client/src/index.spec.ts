/// <reference types="node" />
// index.html is all a phone shows until the scripts arrive: it must carry the crisis line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRISIS_RESOURCES } from '@attune/shared';

describe('index.html', () => {
  const html = readFileSync(join(process.cwd(), 'src/index.html'), 'utf8');
  const doc = new DOMParser().parseFromString(html, 'text/html');

  it('shows the product name and the crisis line before any script runs', () => {
    const shell = doc.getElementById('boot-shell');
    expect(shell?.querySelector('h1')?.textContent?.trim()).toBe('Attune');
    expect(shell?.querySelector('h2')?.textContent?.trim()).toBe('Need help now?');
    const links = Array.from(shell?.querySelectorAll('a') ?? []).map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Call 988', CRISIS_RESOURCES.lifeline.call],
      ['Text 988', CRISIS_RESOURCES.lifeline.text],
      ['Call 911', CRISIS_RESOURCES.emergency.call],
    ]);
    expect(shell?.querySelector('main')).not.toBeNull();
  });

  it('has no inline script (the CSP allows none) and styles itself inline', () => {
    expect(doc.querySelectorAll('script').length).toBe(0);
    expect(doc.querySelector('head style')?.textContent).toContain('.boot-help');
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
