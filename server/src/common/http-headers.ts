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
export async function perimeterHeaders(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const path = req.url.split('?')[0]!;
  if (path === '/api' || path.startsWith('/api/')) reply.header('cache-control', 'no-store');
  if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
}
