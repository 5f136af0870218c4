import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The headers helmet sets for these options, worked out once. They depend on the options
 * alone, never on the request, unless a CSP directive is a function (a per-request nonce):
 * that is refused here, as it would need helmet on every request.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const csp = options.contentSecurityPolicy;
  const directives =
    csp && typeof csp === 'object' && csp.directives ? Object.values(csp.directives) : [];
  for (const d of directives)
    if (
      d &&
      typeof d === 'object' &&
      [...(d as Iterable<unknown>)].some((v) => typeof v !== 'string')
    )
      throw new Error('securityHeaders: a CSP directive varies per request; use @fastify/helmet');
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('securityHeaders: helmet failed');
    finished = true;
  });
  if (!finished) throw new Error('securityHeaders: helmet did not finish synchronously');
  return headers;
}

/** Fastify's own object of a reply's headers (fastify/lib/symbols.js), or null if not found. */
export function replyHeaderStore(reply: object): symbol | null {
  return (
    Object.getOwnPropertySymbols(reply).find((s) => s.description === 'fastify.reply.headers') ??
    null
  );
}

/**
 * Helmet's headers on every answer, computed at start-up and copied onto each reply (a Fastify
 * plugin taking helmet's options, registered like @fastify/helmet). @fastify/helmet builds
 * helmet again for every request, re-reading the whole policy: a measurable share of a small
 * authenticated read. Not encapsulated, so it covers every route, 404s included.
 */
export const securityHeaders = Object.assign(
  (fastify: FastifyInstance, options: HelmetOptions, done: (err?: Error) => void) => {
    const headers = helmetHeaders(options);
    // Fastify keeps a reply's headers in a plain object of its own until it writes them; copied
    // into it in one step, the constant set costs a third of a reply.header() call for each
    // (lower-casing and checking every name). Names are lower-case already and none is
    // set-cookie, so the result is the same. Should Fastify ever keep them elsewhere, the
    // ordinary call is used.
    // Looked for on the first reply only (undefined until then; null: not found, so the ordinary
    // call from then on, without searching every reply's symbols again).
    let store: symbol | null | undefined;
    fastify.addHook('onRequest', (_req, reply, next) => {
      if (store === undefined) store = replyHeaderStore(reply);
      const own = store ? (reply as unknown as Record<symbol, unknown>)[store] : undefined;
      if (own && typeof own === 'object') Object.assign(own, headers);
      else void reply.headers(headers);
      next();
    });
    done();
  },
  // Fastify's own marker (what fastify-plugin sets): apply to the parent, not a child context.
  { [Symbol.for('skip-override')]: true },
);
