import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { type SeededPractice, seedAtSize } from '../src/seed/at-size.js';
import { asOwner, bootApp, db } from './harness.js';

// The hot lists at size (500 clients, 20,000 screenings, two years of sessions, and a
// neighbour practice as big): every SELECT each endpoint really sends is captured with its
// parameters and EXPLAINed, so a query shape or index that stops holding fails here, not in
// production. The planner only picks these plans at size, hence the seeding.

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

let app: NestFastifyApplication;
let ds: DataSource;
let seeded: SeededPractice;

beforeAll(async () => {
  app = await bootApp();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  ds = db(app);
  // After the app's start: the seed uses its built-in instruments and modules.
  seeded = await asOwner((c) => seedAtSize(c, { clients: 500, screenings: 20_000 }));
}, 240_000);

afterAll(async () => {
  await app.close();
});

/** The SELECTs a GET sends, with their parameters, and its status. */
async function selectsOf(path: string): Promise<{ status: number; sql: [string, unknown[]][] }> {
  const sql: [string, unknown[]][] = [];
  const logger = ds.logger;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    if (/^\s*(SELECT|WITH)\b/i.test(query))
      sql.push([query, Array.isArray(parameters) ? parameters : []]);
    original(query, parameters, runner);
  };
  try {
    const res = await request(app.getHttpServer())
      .get(path)
      .set('cookie', `attune_session=${seeded.sessionToken}`);
    return { status: res.status, sql };
  } finally {
    logger.logQuery = original;
  }
}

async function plan(query: string, parameters: unknown[]): Promise<PlanNode[]> {
  const [row] = await ds.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
    `EXPLAIN (FORMAT JSON) ${query}`,
    parameters,
  );
  return nodes(row!['QUERY PLAN'][0]!.Plan);
}

function week() {
  const from = new Date(Date.now() + 86_400_000);
  from.setUTCHours(0, 0, 0, 0);
  const to = new Date(from.getTime() + 7 * 86_400_000);
  return `from=${from.toISOString()}&to=${to.toISOString()}`;
}

describe('query plans at size', () => {
  const paths = () => ({
    dashboard: '/api/dashboard',
    appointments: `/api/appointments?${week()}&therapistId=${seeded.therapistId}`,
    slots: `/api/slots?therapistId=${seeded.therapistId}&typeId=${seeded.typeId}&${week()}`,
  });

  it.each(['dashboard', 'appointments', 'slots'] as const)(
    '%s reads screenings and appointments through indexes, never a sequential scan',
    async (name) => {
      const { status, sql } = await selectsOf(paths()[name]);
      expect(status).toBe(200);
      const touching = sql.filter(([q]) => /\b(screenings|appointments)\b/.test(q));
      expect(touching.length).toBeGreaterThan(0);
      for (const [q, p] of touching) {
        const scans = (await plan(q, p))
          .filter((n) => n['Node Type'] === 'Seq Scan')
          .map((n) => n['Relation Name']);
        expect({
          query: q,
          seqScans: scans.filter((r) => r === 'screenings' || r === 'appointments'),
        }).toEqual({ query: q, seqScans: [] });
      }
    },
    60_000,
  );

  it('finds the recent screenings through the partial index of submitted ones', async () => {
    const { sql } = await selectsOf(paths().dashboard);
    const recent = sql.filter(([q]) => /s\.status = 'submitted'/.test(q));
    expect(recent).toHaveLength(1);
    const [q, p] = recent[0]!;
    const indexes = (await plan(q, p)).map((n) => n['Index Name']).filter(Boolean);
    expect(indexes).toContain('screenings_practice_id_submitted_at_idx');
  });

  it('bounds busy time below, reading the therapist index from the window back', async () => {
    const { sql } = await selectsOf(paths().slots);
    const busy = sql.filter(([q]) => /FROM appointments WHERE therapist_id = \$1/.test(q));
    expect(busy).toHaveLength(1);
    const [q, p] = busy[0]!;
    const scan = (await plan(q, p)).find(
      (n) => n['Index Name'] === 'appointments_therapist_id_starts_at_idx',
    );
    // Both ends of the range are index conditions: past sessions are never read.
    expect(scan?.['Index Cond']).toMatch(/starts_at < /);
    expect(scan?.['Index Cond']).toMatch(/starts_at > /);
  });
});
