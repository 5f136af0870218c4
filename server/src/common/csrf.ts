import {
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './auth-context.js';

export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
// Verified token pairs kept (about 250 bytes each); emptied when full.
const VERIFIED_MAX = 10_000;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * OWASP's signed double submit: the token is a random value plus an HMAC, under the server's
 * secret, of that value and the session cookie it belongs to (empty before sign-in). A token
 * planted from a sibling subdomain or taken from another session does not verify.
 */
export class CsrfTokens {
  // Imported once: every request verifies a token, and a string key is converted on each call.
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  private mac(session: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`xsrf\0${session}\0${nonce}`).digest('base64url');
  }

  issue(session: string | null | undefined): string {
    const nonce = randomBytes(18).toString('base64url');
    return `${nonce}.${this.mac(session ?? '', nonce)}`;
  }

  // Pairs of token and session cookie that verified, as token -> cookie. Whether a pair verifies
  // depends on nothing else (the secret is fixed for the process), so a browser's next request
  // with the same pair skips the HMAC, the largest cost of a GET's check. A token verifies with
  // one cookie only (the HMAC binds them), so one entry per token is enough, and the lookup needs
  // no string built per request. It remembers no session: whether the session is live (not
  // signed out, revoked or expired) is still asked of the database on every request. Only pairs
  // that verified go in, short ones, at most VERIFIED_MAX at a time.
  private readonly verified = new Map<string, string>();

  verify(token: string | undefined, session: string | null | undefined): boolean {
    if (!token || token.length > 200) return false;
    const cookie = session ?? '';
    if (this.verified.get(token) === cookie) return true;
    const dot = token.indexOf('.');
    if (dot <= 0) return false;
    const ok = same(token.slice(dot + 1), this.mac(cookie, token.slice(0, dot)));
    if (ok && cookie.length <= 200) {
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, cookie);
    }
    return ok;
  }

  /** Sets a fresh XSRF-TOKEN cookie bound to `session` (on every sign-in and sign-out). */
  set(reply: FastifyReply, session: string | null, secure: boolean): string {
    const token = this.issue(session);
    void reply.setCookie(XSRF_COOKIE, token, {
      path: '/',
      sameSite: 'lax',
      secure,
      httpOnly: false,
    });
    return token;
  }
}

/**
 * Angular's double-submit convention: the server sets a readable XSRF-TOKEN cookie and every
 * state-changing request must echo it in X-XSRF-TOKEN. A third-party page can send the cookie
 * but cannot read it, so it cannot forge the header; the HMAC ties the token to the session.
 */
export function registerCsrf(
  app: FastifyInstance,
  secure: (req: { protocol: string }) => boolean,
  tokens: CsrfTokens,
): void {
  app.addHook('onRequest', (req: FastifyRequest, reply, done) => {
    const session = req.cookies?.[SESSION_COOKIE] ?? null;
    const cookie = req.cookies?.[XSRF_COOKIE];
    const valid = tokens.verify(cookie, session);
    if (!valid) req.xsrfToken = tokens.set(reply, session, secure(req));
    if (SAFE.has(req.method) || !req.url.startsWith('/api/')) return done();
    const header = req.headers[XSRF_HEADER];
    if (!valid || typeof header !== 'string' || !same(cookie!, header)) {
      // Answered here: done() is not called, so the request goes no further.
      void reply.status(403).send({
        statusCode: 403,
        error: 'Forbidden',
        code: 'csrf_failed',
        message:
          'This request was missing its security token. Please reload the page and try again.',
      });
      return;
    }
    done();
  });
}
