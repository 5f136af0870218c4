import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isValidTimeZone, LIMITS } from '@attune/shared';
import { loadConfig } from './config.js';
import { connectDatabase, throwawayDatabase } from './database/connect.js';
import { createDataSource } from './database/data-source.js';
import { drift, migrate } from './database/migrate.js';
import { REPO_ROOT } from './database/paths.js';

const USAGE = `Attune server CLI
  run                         apply pending migrations (DATABASE_URL or the embedded Postgres)
  check                       fail if entities and migrations disagree (uses a throwaway Postgres)
  generate <PascalName>       write migrations/<timestamp>-<PascalName>.ts from the entity changes
  create-practice --name N --time-zone TZ --email E --display-name D [--therapist]
                              create a practice and its first admin; password from ATTUNE_ADMIN_PASSWORD`;

const log = (m: string) => console.log(m);

async function withThrowaway<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const pg = await throwawayDatabase(56000 + Math.floor(Math.random() * 2000));
  try {
    await migrate(pg.url);
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const config = loadConfig();
  switch (cmd) {
    case 'run': {
      const db = await connectDatabase(config, log);
      await migrate(db.url, log);
      await db.stop();
      return 0;
    }
    case 'check': {
      const sql = await withThrowaway(drift);
      if (sql.length === 0) {
        log('Migrations and entities agree: no drift.');
        return 0;
      }
      console.error(
        'Entities and migrations drift. A migration would still need:\n' + sql.join(';\n'),
      );
      return 1;
    }
    case 'generate': {
      const name = rest[0];
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
        console.error('generate needs a PascalCase name, e.g. AddScreenings');
        return 2;
      }
      const ts = Date.now();
      const { up, down } = await withThrowaway(async (url) => {
        const ds = createDataSource(url);
        await ds.initialize();
        try {
          const l = await ds.driver.createSchemaBuilder().log();
          return {
            up: l.upQueries.map((q) => q.query),
            down: l.downQueries.map((q) => q.query).reverse(),
          };
        } finally {
          await ds.destroy();
        }
      });
      if (up.length === 0) {
        log('No changes: nothing to generate.');
        return 0;
      }
      const q = (s: string) => `    await queryRunner.query(\`${s.replace(/`/g, '\\`')}\`);`;
      const file = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(q).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map(q).join('\n')}
  }
}
`;
      const path = join(REPO_ROOT, 'migrations', `${ts}-${name}.ts`);
      writeFileSync(path, file);
      log(`Wrote ${path}. Add it to migrations/index.ts.`);
      return 0;
    }
    case 'create-practice': {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          'time-zone': { type: 'string' },
          email: { type: 'string' },
          'display-name': { type: 'string' },
          therapist: { type: 'boolean', default: false },
        },
      });
      const password = process.env.ATTUNE_ADMIN_PASSWORD ?? '';
      if (!values.name || !values.email || !values['display-name'] || !values['time-zone']) {
        console.error(USAGE);
        return 2;
      }
      if (!isValidTimeZone(values['time-zone'])) {
        console.error('--time-zone must be an IANA name such as America/New_York');
        return 2;
      }
      if (password.length < LIMITS.passwordMin || password.length > LIMITS.passwordMax) {
        console.error(
          `Set ATTUNE_ADMIN_PASSWORD (${LIMITS.passwordMin}-${LIMITS.passwordMax} characters).`,
        );
        return 2;
      }
      const db = await connectDatabase(config, log);
      await migrate(db.url, log);
      const { createApp } = await import('./app.factory.js');
      const { PracticesService } = await import('./practices/practices.service.js');
      const app = await createApp(config, db.url, { quiet: true });
      try {
        const { practice } = await app.get(PracticesService).createWithAdmin(
          {
            practiceName: values.name,
            timeZone: values['time-zone'],
            adminEmail: values.email,
            adminDisplayName: values['display-name'],
            adminPassword: password,
            adminIsTherapist: values.therapist,
          },
          null,
        );
        log(`Created practice ${practice.name} (${practice.id}) with admin ${values.email}.`);
      } finally {
        await app.close();
        await db.stop();
      }
      return 0;
    }
    default:
      console.log(USAGE);
      return cmd ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
