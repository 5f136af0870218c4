import { negotiate } from '@fastify/accept-negotiator';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { FIRST_PAGE_DATA_ID } from '@attune/shared';
import { jsonForScript } from './html.js';

/** Fingerprinted files (the name changes with the content) may be kept for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else the browser must check again before use (a cheap 304 when unchanged). */
export const REVALIDATE = 'no-cache';
/** A page drawn for one signed-in person: never kept by the browser or anything in between. */
export const PERSONAL = 'no-store';

// Angular's output hashing: `main-RMOTPUSR.js`, `media/roboto-latin-400-normal-D6YDQ3CR.woff2`.
const FINGERPRINTED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

export function cacheControlFor(path: string): string {
  const name = path.replace(/\.(br|gz)$/, '');
  return FINGERPRINTED.test(name) ? IMMUTABLE : REVALIDATE;
}

const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

/** The browser's preferred encoding among those we send, honouring q-values (q=0 refuses). */
function encodingFor(req: FastifyRequest): Encoding | null {
  const header = req.headers['accept-encoding'];
  return header ? negotiate(String(header), [...ENCODINGS]) : null;
}

/**
 * The built client's index.html, for `/` and every page address (deep links): compressed once
 * at start-up, sent as the browser accepts it, and never cached without a check (a new release
 * must reach the next page load).
 */
export class SpaPage {
  private readonly variants: Record<Encoding | 'identity', Buffer>;
  /** The static boot shell (from its opening tag up to `<app-root>`), which a first screen replaces. */
  private readonly shell: { start: number; end: number; help: string } | null;

  constructor(private readonly html: string) {
    const start = html.indexOf('<div id="boot-shell"');
    const end = html.indexOf('<app-root');
    const help = /<section class="boot-help"[\s\S]*?<\/section>/.exec(html)?.[0];
    // A build without the shell's landmarks simply never gets a first screen.
    this.shell = start >= 0 && end > start && help ? { start, end, help } : null;
    const body = Buffer.from(html, 'utf8');
    this.variants = {
      identity: body,
      br: brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
      }),
      gzip: gzipSync(body, { level: 9 }),
    };
  }

  send(req: FastifyRequest, reply: FastifyReply): void {
    const encoding = encodingFor(req);
    void reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', REVALIDATE)
      .header('vary', 'accept-encoding');
    if (encoding) void reply.header('content-encoding', encoding);
    void reply.send(this.variants[encoding ?? 'identity']);
  }

  /** The static shell's crisis section (HTML), for a first screen to show as it is. */
  get crisisHelp(): string | null {
    return this.shell?.help ?? null;
  }

  /**
   * index.html with `screen` (HTML, already escaped) in the boot shell's place, followed by
   * `data` as a JSON block the app reads instead of asking for it. Null when this build has no
   * shell to replace.
   */
  withFirstScreen(screen: string, data: unknown): string | null {
    if (!this.shell) return null;
    const { start, end } = this.shell;
    const json = `<script type="application/json" id="${FIRST_PAGE_DATA_ID}">${jsonForScript(data)}</script>\n    `;
    return this.html.slice(0, start) + screen + '\n    ' + json + this.html.slice(end);
  }

  /**
   * A page drawn for the signed-in caller: never stored (Cache-Control no-store, and Vary:
   * Cookie for anything that ignores that); compressed on the way out by the same hook as the
   * API's answers (registerCompression).
   */
  sendPersonal(reply: FastifyReply, html: string): void {
    void reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', PERSONAL)
      .header('vary', 'accept-encoding, cookie')
      .send(html);
  }
}

/**
 * Compression on the fly for API answers of 1 kB or more (brotli or gzip, as the browser asks).
 * Answers that already carry a Content-Encoding, and types that are compressed by nature (fonts,
 * images), are left as they are. Registered before any route so every route gets the hook.
 */
export async function registerCompression(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, {
    globalCompression: true,
    // Answers only: request bodies are never inflated (no zip bombs past the body limit and the
    // input guard, which measure what arrives).
    globalDecompression: false,
    threshold: 1024,
    encodings: [...ENCODINGS],
  });
}

/**
 * Serves the built client from `dist`: each file under its own route, with the `.br`/`.gz`
 * siblings written at build time (client/scripts/precompress.mjs) sent in its place when the
 * browser accepts them. Returns the page for deep links, or null when no client is built.
 */
export async function registerStaticAssets(
  app: NestFastifyApplication,
  dist: string,
): Promise<SpaPage | null> {
  const indexFile = join(dist, 'index.html');
  if (!existsSync(indexFile)) return null;
  // Registered directly (not app.useStaticAssets, whose lazy import jest cannot follow), so the
  // integration tests serve a built client exactly as production does.
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    // One route per built file: '/' and folders are not file routes, so they fall through to
    // the not-found handler, which answers page addresses with the app (see the filter).
    wildcard: false,
    index: false,
    preCompressed: true,
    // The compressed copies are not files of their own to the outside.
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', cacheControlFor(path));
    },
  });
  return new SpaPage(readFileSync(indexFile, 'utf8'));
}
