import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SpaPage } from '../common/static-assets.js';
import { type FirstPageAddress, FirstPageService } from './first-page.service.js';

/**
 * The client home and reader addresses, answered with the personal first page when the caller
 * is a signed-in client (FirstPageService) and with the static index.html otherwise. Plain
 * Fastify routes beside the built files: page addresses, not API routes.
 */
export function registerFirstPages(app: NestFastifyApplication, spa: SpaPage): void {
  const pages = app.get(FirstPageService);
  const fastify = app.getHttpAdapter().getInstance();
  const answer = async (req: FastifyRequest, reply: FastifyReply, address: FirstPageAddress) => {
    const html = await pages.render(req, address, spa);
    if (html) spa.sendPersonal(reply, html);
    else spa.send(req, reply);
    return reply;
  };
  fastify.get('/client', (req, reply) => answer(req, reply, { page: 'home' }));
  fastify.get<{ Params: { assignmentId: string } }>('/client/reading/:assignmentId', (req, reply) =>
    answer(req, reply, { page: 'reader', assignmentId: req.params.assignmentId }),
  );
}
