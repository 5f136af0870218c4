#!/usr/bin/env node
// Writes `<file>.br` and `<file>.gz` beside every text file of the built client, at the
// strongest settings (done once here, not per request). The server sends them to browsers that
// accept them (@fastify/static `preCompressed`). Fonts and images are compressed already.
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2];
if (!root) {
  console.error('usage: precompress.mjs <dist folder>');
  process.exit(1);
}
const TEXT = /\.(js|mjs|css|html|json|svg|txt|map|webmanifest|ico|xml)$/;

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* files(path);
    else yield path;
  }
}

const started = Date.now();
let raw = 0;
let br = 0;
let count = 0;
for (const path of [...files(root)]) {
  if (/\.(br|gz)$/.test(path)) {
    unlinkSync(path); // from an earlier run over the same folder
    continue;
  }
  if (!TEXT.test(path)) continue;
  const body = readFileSync(path);
  const variants = {
    br: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gz: gzipSync(body, { level: 9 }),
  };
  raw += body.length;
  for (const [ext, packed] of Object.entries(variants)) {
    // Not worth a second file (and a Vary dance) when it saves nothing.
    if (packed.length >= body.length) continue;
    writeFileSync(`${path}.${ext}`, packed);
    if (ext === 'br') br += packed.length;
  }
  count += 1;
}
console.log(
  `precompressed ${count} files: ${(raw / 1024).toFixed(0)} kB -> ${(br / 1024).toFixed(0)} kB brotli ` +
    `(${Date.now() - started} ms)`,
);
