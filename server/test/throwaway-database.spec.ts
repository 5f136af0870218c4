import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { throwawayDatabase } from '../src/database/connect.js';
import { startEmbeddedPostgres } from '../src/database/embedded.js';

// A port may be held by anything on a shared machine (another Postgres, or the local end of an
// outgoing connection): the throwaway Postgres of tests and benches must not fail on it.

/** Holds a free local port, closing every connection it is offered. */
async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { server, port: address.port };
}

describe('throwaway Postgres', () => {
  let held: { server: Server; port: number };
  beforeAll(async () => {
    held = await holdPort();
  });
  afterAll(() => new Promise<void>((resolve) => held.server.close(() => resolve())));

  it("says why Postgres did not start, in Postgres's own words", async () => {
    const dir = join(tmpdir(), `attune-pg-held-${held.port}-${process.pid}`);
    try {
      await expect(
        startEmbeddedPostgres({ dataDir: dir, port: held.port, database: 'x', persistent: false }),
      ).rejects.toThrow(
        new RegExp(`did not start on port ${held.port}: [\\s\\S]*could not (bind|create)`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('starts on another port when the one asked for is taken, and answers there', async () => {
    const db = await throwawayDatabase(held.port);
    try {
      expect(new URL(db.url).port).not.toBe(String(held.port));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      await client.end();
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await db.stop();
    }
  }, 60_000);
});
