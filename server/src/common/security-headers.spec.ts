import Fastify from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { createServer } from 'node:http';
import { helmetHeaders, replyHeaderStore, securityHeaders } from './security-headers.js';

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  strictTransportSecurity: false,
};

/** What helmet itself puts on a real Node response for these options. */
async function helmetOnNode(options: HelmetOptions): Promise<Record<string, string>> {
  const server = createServer((req, res) => {
    helmet(options)(req, res, () => res.end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k))
        out[k] = v;
    });
    return out;
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe('security headers computed once', () => {
  it('are exactly the headers helmet sets on a response', async () => {
    const once = helmetHeaders(OPTIONS);
    expect(once).toEqual(await helmetOnNode(OPTIONS));
    expect(once['content-security-policy']).toBe(
      "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';" +
        "frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';" +
        "script-src-attr 'none';style-src 'self' 'unsafe-inline'",
    );
    expect(once['strict-transport-security']).toBeUndefined();
  });

  it('reach every answer of the app, unknown routes and errors included', async () => {
    const app = Fastify();
    await app.register(securityHeaders, OPTIONS);
    app.get('/ok', () => ({ ok: true }));
    app.get('/boom', () => {
      throw new Error('boom');
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const expected = helmetHeaders(OPTIONS);
    try {
      for (const [url, status] of [
        ['/ok', 200],
        ['/missing', 404],
        ['/boom', 500],
      ] as const) {
        const res = await fetch(base + url);
        expect(res.status).toBe(status);
        for (const [name, value] of Object.entries(expected))
          expect(res.headers.get(name)).toBe(value);
      }
    } finally {
      await app.close();
    }
  });

  it("are copied into Fastify's own header object, and a header set later still wins", async () => {
    const app = Fastify();
    await app.register(securityHeaders, OPTIONS);
    let found: symbol | null = null;
    app.get('/own', (_req, reply) => {
      found = replyHeaderStore(reply);
      void reply.header('X-Frame-Options', 'DENY');
      return { ok: true };
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(base + '/own');
      // The quick path is the one taken (Fastify still keeps the headers where it did).
      expect(found).not.toBeNull();
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toBe(
        helmetHeaders(OPTIONS)['content-security-policy'],
      );
    } finally {
      await app.close();
    }
  });

  it('refuses a policy that changes per request (a nonce function)', () => {
    expect(() =>
      helmetHeaders({
        contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-x'"] } },
      }),
    ).toThrow(/varies per request/);
  });
});
