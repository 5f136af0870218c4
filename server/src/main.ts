import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { loadConfig } from './config.js';
import { connectDatabase } from './database/connect.js';
import { migrate } from './database/migrate.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed/demo.js';

async function main(): Promise<void> {
  const logger = new Logger('Attune');
  const config = loadConfig();
  const log = (m: string) => logger.log(m);

  const db = await connectDatabase(config, log);
  log(
    config.databaseUrl
      ? 'Using the Postgres at DATABASE_URL.'
      : `Embedded Postgres is running (data in ${config.embeddedDataDir}).`,
  );
  await migrate(db.url, log);

  const app = await createApp(config, db.url);
  const seeded = config.seedDemo ? await seedDemo(app) : false;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: stopping.`);
    await app.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
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

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
