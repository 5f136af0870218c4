import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import net from 'node:net';

interface DrainState {
  inFlight: number;
  draining: boolean;
  lastActivity: number;
}

const states = new WeakMap<Server, DrainState>();

/** Counts the requests in flight, and asks clients to close their connection once draining. */
export function registerDrain(app: FastifyInstance): void {
  const state: DrainState = { inFlight: 0, draining: false, lastActivity: Date.now() };
  states.set(app.server, state);
  // One listener for every request, made once: 'close' fires once per response, so `on` needs
  // neither a closure per request nor `once`'s wrapper.
  const closed = () => {
    state.inFlight--;
    state.lastActivity = Date.now();
  };
  app.addHook('onRequest', (_req, reply, done) => {
    state.inFlight++;
    state.lastActivity = Date.now();
    reply.raw.on('close', closed);
    done();
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (state.draining) void reply.header('connection', 'close');
    done(null, payload);
  });
}

/** How many requests are being handled right now. */
export function requestsInFlight(server: Server): number {
  return states.get(server)?.inFlight ?? 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops accepting connections and waits (at most `graceMs`) until no request is in flight and
 * none has started for a moment; then closes the idle connections, and cuts what is left only
 * when the grace time ran out. Returns whether every request finished.
 *
 * Unlike http.Server.close(), open connections are not closed at once: a request whose bytes
 * arrived but were not read yet looks idle, and would be cut.
 */
export async function drainHttp(server: Server, graceMs: number): Promise<boolean> {
  const state = states.get(server);
  if (!state) throw new Error('drainHttp: registerDrain was not called for this server');
  state.draining = true;
  if (server.listening) net.Server.prototype.close.call(server);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (state.inFlight === 0 && Date.now() - state.lastActivity >= 250) break;
    await sleep(25);
  }
  const finished = state.inFlight === 0;
  server.closeIdleConnections();
  if (!finished) server.closeAllConnections();
  return finished;
}
