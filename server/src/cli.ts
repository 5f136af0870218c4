import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isValidTimeZone, LIMITS } from '@attune/shared';
import { randomBytes } from 'node:crypto';
import { loadConfig, withSessionSecret } from './config.js';
import { connectDatabase, throwawayDatabase } from './database/connect.js';
import { createDataSource } from './database/data-source.js';
import { drift, migrate, migrateAndGrant } from './database/migrate.js';
import { REPO_ROOT } from './database/paths.js';
import { ENTITIES } from './entities.js';
import {
  appRoleGrantsSql,
  createAppRoleSql,
  ensureAppRole,
  grantAppRole,
} from './database/roles.js';

const USAGE = `Attune server CLI
  run                         apply pending migrations (DATABASE_URL or the embedded Postgres)
  check                       fail if entities and migrations disagree (uses a throwaway Postgres)
  generate <PascalName>       write migrations/<timestamp>-<PascalName>.ts from the entity changes
  create-practice --name N --time-zone TZ --email E --display-name D [--therapist]
                              create a practice and its first admin; password from ATTUNE_ADMIN_PASSWORD
  create-app-role <role>      as MIGRATION_DATABASE_URL (the owner): create the app's login role
                              (password from ATTUNE_APP_DB_PASSWORD) unless it exists, and grant it
                              least privilege; use it in DATABASE_URL
  grants-sql <role> <owner>   print the SQL that gives <role> least privilege (run it as <owner>)`;

const log = (m: string) => console.log(m);

async function withThrowaway<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const pg = await throwawayDatabase(56000 + Math.floor(Math.random() * 2000));
  try {
    await migrate(pg.ownerUrl);
    return await fn(pg.ownerUrl);
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
      await migrateAndGrant(db, log);
      await db.stop();
      return 0;
    }
    case 'check': {
      const sql = await withThrowaway((url) => drift(url, ENTITIES));
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
        const ds = createDataSource(url, ENTITIES);
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
      await migrateAndGrant(db, log);
      const { createApp } = await import('./app.factory.js');
      const { PracticesService } = await import('./practices/practices.service.js');
      // The CLI issues no cookies; a secret is only needed to build the app.
      const withSecret = config.production
        ? { ...config, sessionSecret: config.sessionSecret ?? randomBytes(32).toString('hex') }
        : withSessionSecret(config);
      const app = await createApp(withSecret, db.url, { quiet: true });
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
    case 'create-app-role': {
      const role = rest[0];
      const password = process.env.ATTUNE_APP_DB_PASSWORD ?? '';
      const owner = config.migrationDatabaseUrl ?? config.databaseUrl;
      if (!role || !/^[a-z_][a-z0-9_]{0,62}$/.test(role) || !owner || password.length < 16) {
        console.error(
          'Usage: MIGRATION_DATABASE_URL=postgres://owner:...@host/db ATTUNE_APP_DB_PASSWORD=<16+ characters> ' +
            'cli.js create-app-role attune_app',
        );
        return 2;
      }
      await ensureAppRole(owner, role, password);
      await migrate(owner, log);
      await grantAppRole(owner, role);
      log(`Role ${role} can sign in and has least privilege. Use it in DATABASE_URL.`);
      return 0;
    }
    case 'grants-sql': {
      const [role, owner] = rest;
      if (!role || !owner) {
        console.error('Usage: cli.js grants-sql <app-role> <owner-role>');
        return 2;
      }
      console.log(
        [
          `-- ${createAppRoleSql(role, '<password>')};`,
          ...appRoleGrantsSql(role, owner).map((q) => `${q};`),
        ].join('\n'),
      );
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
