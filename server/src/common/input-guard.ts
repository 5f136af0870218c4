import { HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyRequest } from 'fastify';
import { AppError, badField } from './errors.js';

/**
 * What a JSON body may look like before anything walks it. Checked on the raw text in one pass,
 * so a hostile body (thousands of levels deep, tens of thousands of keys) costs a linear scan and
 * never reaches JSON.parse's objects, class-transformer or a validator.
 */
export interface BodyLimits {
  /** Nesting levels of objects and arrays. */
  maxDepth: number;
  /** Object members plus array elements, all levels together. */
  maxNodes: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { maxDepth: 16, maxNodes: 2_000 };

/** Route config key (set with `@RouteConfig({ [BODY_LIMITS]: {...} })`) for routes that need more. */
export const BODY_LIMITS = 'bodyLimits';

/** Where a bad value sits, safe to print: short, with odd characters escaped. */
function fieldName(parts: (string | number)[]): string {
  if (!parts.length) return 'body';
  return parts
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      const safe = /^[A-Za-z0-9_$-]{1,60}$/.test(p) ? p : JSON.stringify(p.slice(0, 40));
      return i === 0 ? safe : `.${safe}`;
    })
    .join('');
}

/** NUL (which Postgres text cannot hold) or a lone UTF-16 surrogate (not a character at all). */
export function unstorable(s: string): boolean {
  // String.prototype.isWellFormed (Node 20+; TypeScript's lib here predates it).
  return s.includes('\u0000') || !(s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

const UNSTORABLE =
  'contains a character that cannot be stored (a NUL byte or a broken character); please remove it';

/** One linear pass over raw JSON text: depth and member count, strings skipped. */
function scan(text: string, limits: BodyLimits): string | null {
  let depth = 0;
  let nodes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, honouring escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limits.maxDepth)
        return `the request body is nested too deeply (at most ${limits.maxDepth} levels)`;
      nodes++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === 0x2c) {
      if (++nodes > limits.maxNodes)
        return `the request body has too many fields or list items (at most ${limits.maxNodes})`;
    }
  }
  return null;
}

/** Finds the first unstorable string (value or key) in a parsed body; iterative, depth is bounded. */
export function findUnstorable(root: unknown, base: (string | number)[] = []): string | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: root, path: base }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable(v)) return fieldName(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        if (unstorable(k)) return fieldName([...path, k]);
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
  return null;
}

/**
 * True for what route parameters and query strings nearly always are: absent, or one level of
 * storable strings. Checked without allocating (this runs on every request); anything else
 * (a list, a bad character) goes to findUnstorable, which names the field.
 */
function flatStorable(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'object') return typeof v !== 'string' || !unstorable(v);
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const x = (v as Record<string, unknown>)[k];
    if (typeof x !== 'string' || unstorable(k) || unstorable(x)) return false;
  }
  return true;
}

function limitsFor(req: FastifyRequest): BodyLimits {
  const config = req.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  const own = config?.[BODY_LIMITS];
  return { ...DEFAULT_BODY_LIMITS, ...(own as Partial<BodyLimits> | undefined) };
}

/**
 * Replaces the JSON body parser (shape checked on the raw text first, then parsed with Fastify's
 * own prototype-poisoning protection, then every string checked), refuses form bodies (the app
 * speaks JSON only), and checks query strings and route parameters the same way.
 */
export function registerInputGuard(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, raw, done) => {
    const req = request as unknown as FastifyRequest;
    const text = raw.toString('utf8');
    const problem = scan(text, limitsFor(req));
    if (problem)
      return done(new AppError(HttpStatus.BAD_REQUEST, 'bad_request', problem), undefined);
    void parseJson(req, text, (err, value) => {
      if (err) return done(err, undefined);
      const field = findUnstorable(value);
      if (field) return done(badField(field, `${field} ${UNSTORABLE}`), undefined);
      done(null, value);
    });
  });
  app.useBodyParser('application/x-www-form-urlencoded', {}, (_req, _raw, done) =>
    done(
      new AppError(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported_media_type',
        'Send the request body as JSON.',
      ),
      undefined,
    ),
  );
  fastify.addHook('preValidation', (req, _reply, done) => {
    const params = flatStorable(req.params) ? null : findUnstorable(req.params);
    if (params) return done(badField(params, `${params} ${UNSTORABLE}`) as FastifyError);
    const query = flatStorable(req.query) ? null : findUnstorable(req.query);
    if (query) return done(badField(query, `${query} ${UNSTORABLE}`) as FastifyError);
    // The headers the app reads and keeps.
    const agent = req.headers['user-agent'];
    if (typeof agent === 'string' && unstorable(agent))
      return done(badField('user-agent', `user-agent ${UNSTORABLE}`) as FastifyError);
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && unstorable(key))
      return done(badField('idempotency-key', `idempotency-key ${UNSTORABLE}`) as FastifyError);
    done();
  });
}
