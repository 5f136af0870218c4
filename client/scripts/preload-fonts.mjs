#!/usr/bin/env node
// Adds `<link rel="preload">` for the fonts every first page paints with (Roboto 400 and 500, the
// icon font) to the built index.html. Without it the browser finds them only once the page has
// been laid out with them, a round trip after the stylesheet; text and icons wait for them.
// Their names carry a content hash, so this runs after `ng build`, reading the built stylesheet.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) {
  console.error('usage: preload-fonts.mjs <dist folder>');
  process.exit(1);
}
const WANTED = [
  /roboto-latin-400-normal-[^/"]*\.woff2/,
  /roboto-latin-500-normal-[^/"]*\.woff2/,
  /material-symbols-outlined-[^/"]*\.woff2/,
];

const indexPath = join(root, 'index.html');
const css = readdirSync(root).find((f) => /^styles-.*\.css$/.test(f));
if (!css) throw new Error(`no styles-*.css in ${root}`);
const styles = readFileSync(join(root, css), 'utf8');
let html = readFileSync(indexPath, 'utf8').replace(/<link rel="preload" as="font"[^>]*>/g, '');
const links = WANTED.map((pattern) => {
  const found = styles.match(pattern);
  if (!found) throw new Error(`${css} names no font like ${pattern}`);
  return `<link rel="preload" as="font" type="font/woff2" href="media/${found[0]}" crossorigin>`;
});
const stylesheet = `<link rel="stylesheet" href="${css}">`;
if (!html.includes(stylesheet)) throw new Error(`index.html does not link ${css}`);
html = html.replace(stylesheet, `${links.join('')}${stylesheet}`);
writeFileSync(indexPath, html);
console.log(`preloaded ${links.length} fonts in index.html`);
