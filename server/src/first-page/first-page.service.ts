import { Injectable, Logger } from '@nestjs/common';
import type { FirstPageData } from '@attune/shared';
import type { FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service.js';
import { type AuthContext, SESSION_COOKIE, SessionResolver } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import type { SpaPage } from '../common/static-assets.js';
import { DashboardService } from '../dashboard/dashboard.service.js';
import { AssignmentsService } from '../psychoeducation/assignments.service.js';
import { homeScreen, readerScreen } from './first-page.view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A client's first page: where it is, and how to draw it and its data. */
export type FirstPageAddress = { page: 'home' } | { page: 'reader'; assignmentId: string };

/**
 * index.html with a signed-in client's first screen and data already in it (their home, or a
 * reading), so a phone shows the page's real content without waiting for the app's code, then
 * for who is signed in, then for the page's data. The data is read by the same service calls as
 * the API's GETs, with their access checks and audit rows; anything short of a client session
 * that the API would serve (no session, staff, a second step pending, a reading that is not
 * theirs, a database error) gets the ordinary static page, whose app then does what it always
 * did (sign-in, a 404 message...).
 */
@Injectable()
export class FirstPageService {
  private readonly logger = new Logger('FirstPage');

  constructor(
    private readonly sessions: SessionResolver,
    private readonly auth: AuthService,
    private readonly dashboard: DashboardService,
    private readonly assignments: AssignmentsService,
  ) {}

  /** The personal page, or null for the static one. Never throws. */
  async render(
    req: FastifyRequest,
    address: FirstPageAddress,
    spa: SpaPage,
  ): Promise<string | null> {
    const help = spa.crisisHelp;
    if (!help) return null;
    if (address.page === 'reader' && !UUID.test(address.assignmentId)) return null;
    try {
      // The same session check as the API's guard, on every request (no cache: a revoked
      // session is refused at once).
      const auth = await this.sessions.resolve(req.cookies?.[SESSION_COOKIE], req.ip ?? null);
      if (!isClient(auth)) return null;
      const me = await this.auth.me(auth);
      if (address.page === 'home') {
        // GET /api/dashboard, as the client's home asks for it.
        const answer = await this.dashboard.get(auth);
        const data: FirstPageData = { me, url: '/api/dashboard', answer };
        return spa.withFirstScreen(homeScreen(me, help), data);
      }
      // GET /api/assignments/:id/reading: a reading that is not theirs is a 404 there too.
      const id = address.assignmentId;
      const answer = await this.assignments.reading(auth, id);
      const data: FirstPageData = { me, url: `/api/assignments/${id}/reading`, answer };
      return spa.withFirstScreen(readerScreen(me, answer, help), data);
    } catch (err) {
      // A refusal (404, 403) is expected here; anything else is worth a line in the log.
      if (!(err instanceof AppError))
        this.logger.warn(
          `Static page instead: ${err instanceof Error ? err.message : String(err)}`,
        );
      return null;
    }
  }
}

/** A client's finished session: what the client routes' guard lets through (@Roles('client')). */
function isClient(auth: AuthContext | null): auth is AuthContext {
  return (
    auth !== null &&
    !auth.assurance?.pending &&
    auth.roles.includes('client') &&
    auth.clientId !== null
  );
}
