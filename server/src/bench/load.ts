import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The load the benches put on a server, over real HTTP keep-alive connections on loopback.
 * Two shapes: a closed loop (N connections, each sending its next request as soon as the last
 * answered: the most a server can do) and an open, paced loop (requests evenly spaced at a
 * fixed rate, whatever the answers do: the latency a steady stream of users sees). Paced
 * latency counts from when a request was due, not when it went out, so a server that falls
 * behind is charged for the wait (no coordinated omission). autocannon's rate limit sends each
 * second's requests in a burst, which is why the benches pace their own.
 */
export interface Target {
  /** e.g. http://127.0.0.1:3000/api/clients/<id> */
  url: string;
  headers?: Record<string, string>;
}

export interface Outcome {
  /** Latencies in ms of the answered requests, in the order they finished. */
  latencies: number[];
  /** Requests answered with a status other than `expect`, and requests that failed outright. */
  errors: number;
  /** What the first unexpected answer said, to tell the reader what went wrong. */
  firstError: string | null;
  /** Wall time of the run in ms. */
  elapsedMs: number;
}

/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function send(
  agent: http.Agent,
  target: Target,
  expect: number,
): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const req = http.get(target.url, { agent, headers: target.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ok = res.statusCode === expect;
        resolve({
          ok,
          detail: ok ? '' : `${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`,
        });
      });
      res.on('error', (e) => resolve({ ok: false, detail: e.message }));
    });
    req.on('error', (e) => resolve({ ok: false, detail: e.message }));
  });
}

/** `connections` callers, each sending its next request when the last one answered. */
export async function closedLoop(
  target: Target,
  opts: { connections: number; durationMs: number; expect?: number },
): Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const until = start + opts.durationMs;
  const worker = async () => {
    while (performance.now() < until) {
      const t = performance.now();
      const r = await send(agent, target, opts.expect ?? 200);
      if (r.ok) latencies.push(performance.now() - t);
      else {
        errors++;
        firstError ??= r.detail;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { latencies, errors, firstError, elapsedMs };
}

/**
 * `count` requests evenly spaced at `rate` per second; each one's latency counts from the moment
 * it was due. Requests never wait for each other (up to `maxSockets` connections at once).
 */
export async function paced(
  target: Target,
  opts: { rate: number; count: number; expect?: number; maxSockets?: number },
): Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 256 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const interval = 1000 / opts.rate;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < opts.count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // A late timer does not shift the schedule: the request is charged from when it was due.
    inFlight.push(
      send(agent, target, opts.expect ?? 200).then((r) => {
        if (r.ok) latencies.push(performance.now() - due);
        else {
          errors++;
          firstError ??= r.detail;
        }
      }),
    );
  }
  await Promise.all(inFlight);
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { latencies, errors, firstError, elapsedMs };
}

/** Requests per second a closed loop achieved. */
export const throughput = (o: Outcome) => (o.latencies.length / o.elapsedMs) * 1000;

/** The session cookie plus the XSRF token the server binds to it (as a browser holds them). */
export async function browserCookies(base: string, session: string): Promise<string> {
  const res = await fetch(`${base}/api/health`, {
    headers: { cookie: `attune_session=${session}` },
  });
  const xsrf = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('XSRF-TOKEN='));
  if (!xsrf) throw new Error('bench: the server set no XSRF-TOKEN cookie');
  return `attune_session=${session}; ${xsrf}`;
}
