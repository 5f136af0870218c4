// Starts the production build on a throwaway embedded Postgres with the demo practice,
// for the browser tests. Playwright stops it with SIGTERM; the server then stops Postgres.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort } from '../scripts/free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
chmodSync(dir, 0o755);
// Serve a copy of the built client: a rebuild during a run (another terminal, another suite)
// would otherwise swap the fingerprinted files under the running server and blank the pages.
const clientDist = join(dir, 'client');
cpSync(join(root, 'client/dist/client/browser'), clientDist, { recursive: true });
const child = spawn(process.execPath, [join(root, 'server/dist/server/src/main.js')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: '',
    PORT: process.env.E2E_PORT ?? '3100',
    CLIENT_DIST: clientDist,
    EMBEDDED_PG_DIR: join(dir, 'pg'),
    EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? String(await freePort()),
    SEED_DEMO: 'true',
    ALLOW_SIGNUP: 'true',
  },
});
const stop = (signal) => child.kill(signal);
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', (code) => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
