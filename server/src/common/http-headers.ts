import type { FastifyReply, FastifyRequest } from 'fastify';

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers every answer gets on its way out (an onSend hook):
 * - `Cache-Control: no-store` on everything under /api: the API answers with client data, files
 *   to download included (.ics, FHIR), and no browser or proxy may keep a copy;
 * - HSTS only on answers to requests that came over TLS (`req.protocol` is 'https' for a TLS
 *   socket, or when a trusted proxy says so): over plain HTTP the header means nothing, and on a
 *   development machine it would pin localhost to HTTPS.
 */
export function perimeterHeaders(req: FastifyRequest, reply: FastifyReply): void {
  const url = req.url;
  // '/api' alone, or followed by a path or a query string.
  if (url.startsWith('/api') && (url.length === 4 || url[4] === '/' || url[4] === '?'))
    reply.header('cache-control', 'no-store');
  if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
}
