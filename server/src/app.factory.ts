import fastifyCookie from '@fastify/cookie';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppModule } from './app.module.js';
import { CsrfTokens, registerCsrf } from './common/csrf.js';
import { registerDrain } from './common/drain.js';
import { AllExceptionsFilter } from './common/exception.filter.js';
import { perimeterHeaders } from './common/http-headers.js';
import { registerInputGuard } from './common/input-guard.js';
import { registerCompression, registerStaticAssets } from './common/static-assets.js';
import { securityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config.js';
import type { MailTransport } from './notifications/mail-transport.js';
import { registerFirstPages } from './first-page/first-page.routes.js';

// Nest's per-route start-up lines drown out what a newcomer needs to read.
const NOISY = new Set([
  'RouterExplorer',
  'RoutesResolver',
  'InstanceLoader',
  'NestFactory',
  'NestApplication',
]);
class StartupQuietLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void {
    if (context && NOISY.has(context)) return;
    super.log(message, context);
  }
}

/** Builds the whole HTTP app (used by main.ts and by the integration tests alike). */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  opts: { quiet?: boolean; docs?: boolean; mailTransport?: MailTransport } = {},
): Promise<NestFastifyApplication> {
  const quiet = opts.quiet ?? false;
  // Proxy headers (client IP, protocol, host) count only from the proxies TRUST_PROXY names.
  // A hop count trusts that many addresses from the socket inwards. (Fastify 5.12 reads a bare
  // number as "trust nothing", so it is given as a function; README says when a count is safe.)
  const hops = config.trustProxy;
  const trustProxy = typeof hops === 'number' ? (_addr: string, i: number) => i < hops : hops;
  const bodyLimit = 1024 * 1024;
  const adapter = new FastifyAdapter({
    trustProxy,
    bodyLimit,
    // A request (headers and body) must arrive whole within this time, so a body that trickles
    // in a byte at a time cannot hold a connection open; Node checks the deadline this often.
    requestTimeout: config.requestTimeoutMs,
    // Errors Fastify raises before routing (a malformed or overlong address): same shape as the
    // rest, and the address is not quoted back.
    frameworkErrors: (err: { statusCode?: number }, _req: unknown, reply: FastifyReply) => {
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 400;
      void reply
        .code(status)
        .header('cache-control', 'no-store')
        .send({
          statusCode: status,
          error: status === 414 ? 'URI Too Long' : 'Bad Request',
          code: 'bad_request',
          message: status === 414 ? 'This address is too long.' : 'This address could not be read.',
        });
    },
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(60_000, config.requestTimeoutMs),
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, config.requestTimeoutMs / 4)),
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl, { mailTransport: opts.mailTransport }),
    adapter,
    {
      logger: quiet ? ['error'] : new StartupQuietLogger(),
    },
  );
  // Declared up front, so that every request object has the same shape from its constructor on
  // (the guard and the CSRF hook set them on each request; added later, each request would
  // change its shape on the hot path).
  const instance = app.getHttpAdapter().getInstance();
  instance.decorateRequest('auth', undefined);
  instance.decorateRequest('xsrfToken', undefined);
  registerInputGuard(app, bodyLimit);
  const secure = (req: { protocol: string }) => config.cookieSecure ?? req.protocol === 'https';

  await app.register(fastifyCookie);
  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular Material sets inline style attributes; no third-party origin is allowed anywhere.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // perimeterHeaders sends it, and only on answers to requests that came over TLS.
    strictTransportSecurity: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // First, so that every request (even one refused by a later hook) counts as in flight.
  registerDrain(fastify);
  // Callback-style hooks (here and in drain, CSRF, input guard): no promise per request.
  fastify.addHook('onSend', (req, reply, payload, done) => {
    perimeterHeaders(req, reply);
    done(null, payload);
  });
  registerCsrf(fastify, secure, app.get(CsrfTokens));

  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  // Before any route is added, so that every route (API and static) gets the compression hook.
  await registerCompression(app);
  const spaPage = await registerStaticAssets(app, config.clientDist);
  app.useGlobalFilters(new AllExceptionsFilter(spaPage));
  // A signed-in client's home and reader come with their first screen and data in the HTML.
  if (spaPage) registerFirstPages(app, spaPage);

  // Building the OpenAPI document takes a moment: most integration tests skip it (docs: false).
  if ((opts.docs ?? true) && config.apiDocs) setupDocs(app);

  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function setupDocs(app: NestFastifyApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Attune API')
    .setDescription(
      'Intake and psychoeducation portal. Cookie session auth; send X-XSRF-TOKEN on writes.',
    )
    .setVersion('0.1.0')
    .addCookieAuth('attune_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
}
