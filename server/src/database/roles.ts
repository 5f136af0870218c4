import pg from 'pg';

/** The role the app connects as in the embedded and Docker setups. */
export const APP_ROLE = 'attune_app';

/**
 * Least privilege for the app's role: it reads and writes rows, nothing more. It may DELETE only
 * where rows are replaced wholesale or expire; it may only append to and read the audit trail;
 * it may read the migrations table (to report pending migrations) and never owns anything, so it
 * cannot ALTER, DROP, TRUNCATE, disable triggers or change `session_replication_role`.
 */
export const DELETABLE_TABLES = [
  'availability_rules',
  'time_off',
  'sign_in_throttles',
  // A second step is removed whole (turned off or reset), with its recovery codes.
  'user_mfa',
  'mfa_recovery_codes',
] as const;
export const APPEND_ONLY_TABLES = ['audit_events'] as const;
export const READ_ONLY_TABLES = ['migrations'] as const;

const ident = (s: string) => pg.escapeIdentifier(s);

/**
 * The statements that give `appRole` exactly the privileges above on every current table, and
 * (through default privileges of the role running them, the schema owner) on future ones.
 * Safe to run again: it resets the table privileges first. Run as the schema owner.
 */
export function appRoleGrantsSql(appRole: string, ownerRole: string): string[] {
  const app = ident(appRole);
  const owner = ident(ownerRole);
  // Tables are named in code; a missing one (an older schema) is skipped, not an error.
  const guarded = (names: readonly string[], sql: string) =>
    names.map(
      (n) =>
        `DO $$ BEGIN IF to_regclass('public.${n}') IS NOT NULL THEN EXECUTE ${pg.escapeLiteral(
          sql.replace('%T', `public.${ident(n)}`),
        )}; END IF; END $$`,
    );
  return [
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`,
    `GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${app}`,
    ...guarded(DELETABLE_TABLES, `GRANT DELETE ON %T TO ${app}`),
    ...guarded(APPEND_ONLY_TABLES, `REVOKE UPDATE ON %T FROM ${app}`),
    ...guarded(READ_ONLY_TABLES, `REVOKE INSERT, UPDATE ON %T FROM ${app}`),
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `DO $$ BEGIN IF to_regclass('public.migrations_id_seq') IS NOT NULL THEN REVOKE ALL ON public.migrations_id_seq FROM ${app}; END IF; END $$`,
    // Tables a later migration creates get row access at once (DELETE and the audit rules
    // still come from the list above, applied again after every migration run).
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
  ];
}

/** The SQL that creates the app's login role (run once, by someone who may create roles). */
export function createAppRoleSql(appRole: string, password: string): string {
  return (
    `CREATE ROLE ${ident(appRole)} LOGIN PASSWORD ${pg.escapeLiteral(password)} ` +
    'NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS'
  );
}

/** The user name in a postgres:// URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the app role when it does not exist yet, or sets its password; run as a role admin. */
export async function ensureAppRole(
  adminUrl: string,
  appRole: string,
  password: string,
): Promise<void> {
  await withClient(adminUrl, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole]);
    if (found.rowCount === 0) {
      // Two servers starting at once may race here; the loser finds the role made.
      await c.query(createAppRoleSql(appRole, password)).catch(async (e: { code?: string }) => {
        if (e.code !== '42710' && e.code !== '23505') throw e;
      });
    } else {
      await c.query(`ALTER ROLE ${ident(appRole)} PASSWORD ${pg.escapeLiteral(password)}`);
    }
  });
}

/** Applies `appRoleGrantsSql` as the owner at `ownerUrl`, in one transaction. */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  await withClient(ownerUrl, async (c) => {
    const { rows } = await c.query<{ u: string; db: string }>(
      'SELECT current_user AS u, current_database() AS db',
    );
    const owner = rows[0]!.u;
    if (owner === appRole) return;
    await c.query('BEGIN');
    try {
      await c.query(`GRANT CONNECT ON DATABASE ${ident(rows[0]!.db)} TO ${ident(appRole)}`);
      for (const sql of appRoleGrantsSql(appRole, owner)) await c.query(sql);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
}

/**
 * What the app's own connection may do that it should not. Empty when the role is least
 * privileged: no superuser, no ownership of the schema's tables, no rewriting the audit trail.
 */
export async function appRoleProblems(appUrl: string): Promise<string[]> {
  return withClient(appUrl, async (c) => {
    const { rows } = await c.query<{
      role: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
      owns: number;
      audit_rewrite: boolean | null;
      can_create: boolean;
    }>(
      `SELECT current_user AS role, r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns,
              CASE WHEN to_regclass('public.audit_events') IS NULL THEN NULL ELSE
                has_table_privilege('public.audit_events', 'UPDATE')
                OR has_table_privilege('public.audit_events', 'DELETE')
                OR has_table_privilege('public.audit_events', 'TRUNCATE') END AS audit_rewrite,
              has_schema_privilege('public', 'CREATE') AS can_create
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const r = rows[0]!;
    const problems: string[] = [];
    if (r.rolsuper) problems.push(`the role "${r.role}" is a superuser`);
    if (r.rolbypassrls) problems.push(`the role "${r.role}" bypasses row security`);
    if (r.owns > 0) problems.push(`the role "${r.role}" owns ${r.owns} objects in the schema`);
    if (r.audit_rewrite) problems.push(`the role "${r.role}" may rewrite audit_events`);
    if (r.can_create) problems.push(`the role "${r.role}" may create tables in schema public`);
    return problems;
  });
}
