import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { CsrfTokens, registerCsrf } from './common/csrf.js';
import { registerDrain } from './common/drain.js';
import { AllExceptionsFilter } from './common/exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config.js';

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
  opts: { quiet?: boolean; docs?: boolean } = {},
): Promise<NestFastifyApplication> {
  const quiet = opts.quiet ?? false;
  // Proxy headers (client IP, protocol, host) count only from the proxies TRUST_PROXY names.
  // A hop count trusts that many addresses from the socket inwards. (Fastify 5.12 reads a bare
  // number as "trust nothing", so it is given as a function; README says when a count is safe.)
  const hops = config.trustProxy;
  const trustProxy = typeof hops === 'number' ? (_addr: string, i: number) => i < hops : hops;
  const adapter = new FastifyAdapter({ trustProxy, bodyLimit: 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl),
    adapter,
    {
      logger: quiet ? ['error'] : new StartupQuietLogger(),
    },
  );
  const secure = (req: { protocol: string }) => config.cookieSecure ?? req.protocol === 'https';

  await app.register(fastifyCookie);
  await app.register(helmet, {
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
    strictTransportSecurity: config.production,
  });
  // First, so that every request (even one refused by a later hook) counts as in flight.
  registerDrain(app.getHttpAdapter().getInstance());
  registerCsrf(app.getHttpAdapter().getInstance(), secure, app.get(CsrfTokens));

  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  const indexFile = join(config.clientDist, 'index.html');
  const spaIndex = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  app.useGlobalFilters(new AllExceptionsFilter(spaIndex));
  if (spaIndex) {
    app.useStaticAssets({
      root: config.clientDist,
      prefix: '/',
      index: false,
      setHeaders: (res, path) => {
        // Angular fingerprints file names, so they can be cached for good. @fastify/static 10
        // passes the Fastify reply here (Nest's typing still describes the raw response).
        if (/[.-][A-Z0-9]{8,}\.(js|css)$/i.test(path))
          (res as unknown as FastifyReply).header(
            'cache-control',
            'public, max-age=31536000, immutable',
          );
      },
    });
  }

  // Jest cannot load @fastify/static's ESM build through Swagger's require(); the API docs are
  // checked against the real server in the browser tests instead.
  if (opts.docs ?? true) setupDocs(app);

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
