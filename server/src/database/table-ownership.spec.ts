import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Each table belongs to one feature: only that feature's repositories write it or read it, and
// other features go through their exported repository methods. The exception is the tenancy
// directory (practices, users, memberships, clients): any repository may JOIN it, read-only, for
// names, time zones and scope. The access policy's repository reads ownership columns everywhere
// (like immich's AccessRepository) and is the one file exempt.
const OWNER: Record<string, string> = {
  audit_events: 'audit',
  users: 'auth',
  auth_sessions: 'auth',
  sign_in_throttles: 'auth',
  practices: 'practices',
  memberships: 'members',
  clients: 'clients',
  invitations: 'invitations',
  outbox_messages: 'notifications',
  job_runs: 'notifications',
  instruments: 'screening',
  instrument_critical_items: 'screening',
  screenings: 'screening',
  alerts: 'screening',
  modules: 'psychoeducation',
  module_versions: 'psychoeducation',
  module_assignments: 'psychoeducation',
  reflections: 'psychoeducation',
  appointment_types: 'scheduling',
  availability_rules: 'scheduling',
  time_off: 'scheduling',
  appointments: 'scheduling',
  calendar_feeds: 'scheduling',
};
const DIRECTORY = new Set(['practices', 'users', 'memberships', 'clients']);
// A pending invitation is part of a client's account state (one query for the client list).
const ALSO_READS: Record<string, string[]> = { 'clients/clients.repository.ts': ['invitations'] };
const EXEMPT = new Set(['common/access/access.repository.ts']);

const SRC = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const sources = files(SRC)
  .map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }))
  // Feature folders only: the root files (cli, bench) and the demo seed are tools, not features.
  .filter((f) => f.path.includes('/') && !f.path.startsWith('seed/'))
  .filter((f) => !f.path.endsWith('.spec.ts') && !EXEMPT.has(f.path));

function tables(sql: string, verbs: RegExp): string[] {
  return [...sql.matchAll(verbs)].map((m) => m[1]!).filter((t) => t in OWNER);
}

describe('table ownership', () => {
  it('only a feature writes its own tables', () => {
    expect(sources.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'clients/clients.repository.ts',
        'scheduling/appointments.repository.ts',
      ]),
    );
    const wrong: string[] = [];
    for (const f of sources) {
      const feature = f.path.split('/')[0]!;
      for (const t of tables(f.text, /\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+([a-z_]+)/g))
        if (OWNER[t] !== feature) wrong.push(`${f.path} writes ${t}`);
    }
    expect(wrong).toEqual([]);
  });

  it("a feature reads another's tables only through its repositories (or the directory)", () => {
    const wrong: string[] = [];
    for (const f of sources) {
      const feature = f.path.split('/')[0]!;
      for (const t of tables(f.text, /\b(?:FROM|JOIN)\s+([a-z_]+)/g))
        if (OWNER[t] !== feature && !DIRECTORY.has(t) && !ALSO_READS[f.path]?.includes(t))
          wrong.push(`${f.path} reads ${t}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the dashboard queries no table at all', () => {
    const dashboard = sources.filter((f) => f.path.startsWith('dashboard/'));
    expect(dashboard.length).toBeGreaterThan(0);
    for (const f of dashboard) expect(f.text).not.toMatch(/\b(SELECT|FROM|JOIN)\b/);
  });

  it('catches a feature that reads or writes another feature’s table (negative control)', () => {
    const probe = "await m.query('UPDATE screenings SET note = $1 FROM alerts a')";
    expect(tables(probe, /\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+([a-z_]+)/g)).toEqual([
      'screenings',
    ]);
    expect(tables(probe, /\b(?:FROM|JOIN)\s+([a-z_]+)/g)).toEqual(['alerts']);
  });
});
