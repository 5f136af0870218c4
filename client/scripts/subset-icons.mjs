#!/usr/bin/env node
// Cuts the Material Symbols Outlined font (3.9 MB, every icon, four variable axes) down to the
// icons in src/icons/icon-names.txt, at the one style the app draws (FILL 0, wght 400, GRAD 0,
// opsz 24): a few kilobytes. Runs before `ng build`, `ng serve` and `ng test`; offline (harfbuzz
// as WebAssembly, from npm).
//
// Icons are drawn from ligatures: the text "home" becomes the home glyph. Subsetting by text
// alone would keep every ligature that can be spelled with a-z, that is, all of them. So the
// subset keeps the letters plus each wanted icon's own glyph (found by shaping its name and
// reached through its private-use code point) and skips the layout closure: only the wanted
// ligatures survive.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontverter from 'fontverter';
import * as hb from 'harfbuzzjs';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const client = join(dirname(fileURLToPath(import.meta.url)), '..');
const listFile = join(client, 'src/icons/icon-names.txt');
const outDir = join(client, 'src/icons/generated');
const outFile = join(outDir, 'material-symbols-outlined.woff2');
const stampFile = join(outDir, 'stamp.txt');
const sourceFont = require.resolve('material-symbols/material-symbols-outlined.woff2');
const AXES = { FILL: 0, wght: 400, GRAD: 0, opsz: 24 };

const names = readFileSync(listFile, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const bad = names.filter((n) => !/^[a-z0-9_]+$/.test(n));
if (bad.length) fail(`these lines are not icon names: ${bad.join(', ')}`);

// Skip the work when nothing that shapes the output changed since the last run.
const stamp = createHash('sha256')
  .update(JSON.stringify(names))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(require.resolve('material-symbols/package.json')))
  .digest('hex');
if (existsSync(outFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  process.exit(0);
}

const started = Date.now();
const woff2 = readFileSync(sourceFont);
const full = await shaper(woff2);

// Each name must shape to a single icon glyph that a private-use code point also maps to.
const puaByGlyph = new Map();
for (const u of full.face.collectUnicodes()) {
  if (u < 0xe000) continue;
  const g = full.font.nominalGlyph(u);
  if (g !== undefined && !puaByGlyph.has(g)) puaByGlyph.set(g, u);
}
const codePoints = [];
const unknown = [];
for (const name of names) {
  const glyphs = full.shape(name);
  const cp = glyphs.length === 1 ? puaByGlyph.get(glyphs[0]) : undefined;
  if (cp === undefined) unknown.push(name);
  else codePoints.push(cp);
}
if (unknown.length) fail(`not Material Symbols icon names: ${unknown.join(', ')}`);

const letters = [...new Set(names.join(''))].join('');
const subset = await subsetFont(woff2, letters + String.fromCodePoint(...codePoints), {
  targetFormat: 'woff2',
  noLayoutClosure: true,
  variationAxes: AXES,
});

// Check the result: every listed name still becomes one glyph.
const check = await shaper(subset);
const broken = names.filter((n) => check.shape(n).length !== 1);
if (broken.length) fail(`the subset lost these ligatures: ${broken.join(', ')}`);

mkdirSync(outDir, { recursive: true });
writeFileSync(outFile, subset);
writeFileSync(stampFile, stamp);
console.log(
  `icon font: ${names.length} icons, ${(woff2.length / 1024).toFixed(0)} kB -> ` +
    `${(subset.length / 1024).toFixed(1)} kB (${Date.now() - started} ms)`,
);

async function shaper(fontFile) {
  const ttf = await fontverter.convert(fontFile, 'truetype');
  const face = new hb.Face(new hb.Blob(ttf), 0);
  const font = new hb.Font(face);
  return {
    face,
    font,
    shape(text) {
      const buffer = new hb.Buffer();
      buffer.addText(text);
      buffer.guessSegmentProperties();
      hb.shape(font, buffer);
      return buffer.getGlyphInfos().map((g) => g.codepoint);
    },
  };
}

function fail(message) {
  console.error(`subset-icons: ${message} (${listFile})`);
  process.exit(1);
}
