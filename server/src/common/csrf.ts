import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Angular's double-submit convention: the server sets a readable XSRF-TOKEN cookie and every
 * state-changing request must echo it in X-XSRF-TOKEN. A third-party page can send the cookie
 * but cannot read it, so it cannot forge the header.
 */
export function registerCsrf(
  app: FastifyInstance,
  secure: (req: { protocol: string }) => boolean,
): void {
  app.addHook('onRequest', async (req, reply) => {
    const cookie = req.cookies?.[XSRF_COOKIE];
    if (!cookie) {
      const token = randomBytes(24).toString('base64url');
      req.xsrfToken = token;
      void reply.setCookie(XSRF_COOKIE, token, {
        path: '/',
        sameSite: 'lax',
        secure: secure(req),
        httpOnly: false,
      });
    }
    if (SAFE.has(req.method) || !req.url.startsWith('/api/')) return;
    const header = req.headers[XSRF_HEADER];
    if (!cookie || typeof header !== 'string' || !same(cookie, header)) {
      await reply.status(403).send({
        statusCode: 403,
        error: 'Forbidden',
        message:
          'This request was missing its security token. Please reload the page and try again.',
      });
    }
  });
}
