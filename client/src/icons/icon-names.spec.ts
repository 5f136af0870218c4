/// <reference types="node" />
// The icon font is cut down at build time to the names in icon-names.txt. A name used in a
// template but missing from the list would render as its letters ("visibility_off"), so this
// reads every template and component and checks the list against what they use.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const APP = join(process.cwd(), 'src/app');
const NAME = /^[a-z0-9_]+$/;

/** Where a computed icon name comes from; each source's names are collected by a rule below. */
const KNOWN_DYNAMIC = [
  'icon()', // app-empty-state: its `icon="..."` inputs
  'item.icon', // shell navigation: `icon: '...'` entries
  'place.icon', // client home: `icon: '...'` entries
  'levelIcons[alert.level]', // LEVEL_ICONS
  'levelIcons[level]', // LEVEL_ICONS
  'icon(s)', // signed-in-on: DEVICE_ICONS
];

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    if (!/\.(html|ts)$/.test(e.name) || e.name.endsWith('.spec.ts')) return [];
    return [{ path, text: readFileSync(path, 'utf8') }];
  });
}

function listed(): string[] {
  return readFileSync(join(process.cwd(), 'src/icons/icon-names.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function used(): { names: Set<string>; unknown: string[] } {
  const names = new Set<string>();
  const unknown: string[] = [];
  // String literals, less those compared against (`m.source === 'builtin' ? 'verified' : ...`).
  const literals = (s: string) =>
    [...s.matchAll(/([=!]=\s*)?'([a-z0-9_]+)'/g)].filter((m) => !m[1]).map((m) => m[2] as string);
  for (const { path, text } of sources(APP)) {
    for (const m of text.matchAll(/<mat-icon\b[^>]*>([\s\S]*?)<\/mat-icon\s*>/g)) {
      const content = (m[1] as string).trim();
      if (NAME.test(content)) {
        names.add(content);
        continue;
      }
      const expr = /^\{\{([\s\S]*)\}\}$/.exec(content)?.[1]?.trim() ?? content;
      const found = literals(expr);
      if (found.length) found.forEach((n) => names.add(n));
      else if (!KNOWN_DYNAMIC.includes(expr)) unknown.push(`${path}: ${content}`);
    }
    for (const m of text.matchAll(/\bicon="([^"]*)"/g)) names.add(m[1] as string);
    for (const m of text.matchAll(/\[icon\]="([^"]*)"/g)) unknown.push(`${path}: [icon]=${m[1]}`);
    for (const m of text.matchAll(/\bicon: '([a-z0-9_]+)'/g)) names.add(m[1] as string);
    for (const m of text.matchAll(/_ICONS\b[^=]*=\s*\{([^}]*)\}/g))
      literals(m[1] as string).forEach((n) => names.add(n));
  }
  return { names, unknown };
}

describe('the icon font subset', () => {
  const list = listed();
  const { names, unknown } = used();

  it('knows where every computed icon name comes from', () => {
    // A new way of choosing an icon at run time needs a rule above, so its names are collected.
    expect(unknown).toEqual([]);
  });

  it('lists every icon the templates use, and only those', () => {
    expect([...names].filter((n) => !list.includes(n)).sort()).toEqual([]);
    expect(list.filter((n) => !names.has(n))).toEqual([]);
  });

  it('keeps the list sorted, unique and in icon-name form', () => {
    expect(list).toEqual([...new Set(list)].sort());
    expect(list.filter((n) => !NAME.test(n))).toEqual([]);
    // The scanner found a realistic number of icons (it did not silently match nothing).
    expect(names.size).toBeGreaterThan(40);
  });
});
