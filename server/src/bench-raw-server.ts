import fastifyCookie from '@fastify/cookie';
import { SESSION } from '@attune/shared';
import Fastify from 'fastify';
import pg from 'pg';
import { AUDIT_INSERT, auditValues } from './audit/audit.repository.js';
import { hashToken } from './auth/tokens.js';
import { LIVE_SESSION, type SessionRow } from './auth/sessions.repository.js';
import { CLIENT_SUMMARY, type ClientRow, toClientSummary } from './clients/clients.repository.js';
import type { Statement } from './database/statements.js';

/**
 * The yardstick for `npm run bench:baseline`, not part of the app: plain Fastify and pg serving
 * GET /api/clients/:id with the very statements Attune runs for it (imported from its
 * repositories: session lookup, the client in the caller's scope, the audit row), prepared the
 * same way, and nothing else: no Nest, no TypeORM, no security headers, no CSRF.
 * DATABASE_URL, PORT, PG_POOL_MAX, PG_POOL_IDLE_TIMEOUT_MS; RAW_UNNAMED=1 sends the statements unnamed.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('bench-raw-server: DATABASE_URL is required');
// Idle connections kept, as Attune keeps them (PG_POOL_IDLE_TIMEOUT_MS): with pg-pool's 10 s
// default, each server's p99 was set by a dozen connections reopened at once after a quiet spell.
const pool = new pg.Pool({
  connectionString: url,
  max: Number(process.env.PG_POOL_MAX ?? 20),
  idleTimeoutMillis: Number(process.env.PG_POOL_IDLE_TIMEOUT_MS ?? 0),
});
const named = process.env.RAW_UNNAMED !== '1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function query<T extends pg.QueryResultRow>(st: Statement, values: unknown[]): Promise<T[]> {
  const { rows } = await pool.query<T>(
    named ? { name: st.name, text: st.text, values } : { text: st.text, values },
  );
  return rows;
}

const app = Fastify();
await app.register(fastifyCookie);

app.get<{ Params: { id: string } }>('/api/clients/:id', async (req, reply) => {
  const id = req.params.id;
  if (!UUID.test(id)) return reply.code(400).send({ statusCode: 400, code: 'bad_request' });
  const token = req.cookies.attune_session;
  if (!token) return reply.code(401).send({ statusCode: 401, code: 'unauthenticated' });
  const [s] = await query<SessionRow & pg.QueryResultRow>(LIVE_SESSION, [
    hashToken(token),
    SESSION.idleMs / 1000,
  ]);
  const practiceId = s?.member_practice_id ?? s?.client_practice_id;
  if (!s || !practiceId) return reply.code(401).send({ statusCode: 401, code: 'unauthenticated' });
  const roles = s.roles ?? [];
  const scope = roles.includes('admin')
    ? [practiceId, null, null]
    : roles.includes('therapist')
      ? [practiceId, s.member_id, null]
      : [practiceId, null, s.client_id];
  const [row] = await query<ClientRow & pg.QueryResultRow>(CLIENT_SUMMARY, [...scope, id]);
  if (!row) return reply.code(404).send({ statusCode: 404, code: 'not_found' });
  await query(
    AUDIT_INSERT,
    auditValues({
      action: 'client.read',
      practiceId,
      actorUserId: s.user_id,
      entityType: 'client',
      entityId: id,
      clientId: id,
      ip: req.ip,
    }),
  );
  void reply.header('cache-control', 'no-store');
  return toClientSummary(row);
});

const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
console.log('raw server ready');
