import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Loaded with `node --import` into a server under `npm run bench:baseline`, never by the app:
 * SIGUSR2 starts the V8 CPU profiler, the next SIGUSR2 stops it and writes
 * `$BENCH_PROFILE_DIR/$BENCH_PROFILE_LABEL-<n>.cpuprofile`, so a profile holds the load alone,
 * not start-up. (What `node --cpu-prof` writes, for part of a run.)
 */
const dir = process.env.BENCH_PROFILE_DIR;
const label = process.env.BENCH_PROFILE_LABEL ?? 'server';
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  let n = 0;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!running) {
        running = true;
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        return;
      }
      running = false;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `${label}-${++n}.cpuprofile`), JSON.stringify(profile));
    })();
  });
}
