import type { FastifyReply, FastifyRequest } from 'fastify';
import { HSTS, perimeterHeaders } from './http-headers.js';

async function headersFor(url: string, protocol: 'http' | 'https') {
  const set: Record<string, string> = {};
  const reply = { header: (k: string, v: string) => (set[k] = v) } as unknown as FastifyReply;
  await perimeterHeaders({ url, protocol } as FastifyRequest, reply);
  return set;
}

describe('perimeterHeaders', () => {
  it('sends HSTS only over TLS', async () => {
    expect((await headersFor('/api/health', 'https'))['strict-transport-security']).toBe(HSTS);
    expect((await headersFor('/', 'https'))['strict-transport-security']).toBe(HSTS);
    expect((await headersFor('/api/health', 'http'))['strict-transport-security']).toBeUndefined();
  });

  it('forbids caching of every API answer, and only those', async () => {
    expect(await headersFor('/api/clients?limit=5', 'http')).toEqual({
      'cache-control': 'no-store',
    });
    expect(await headersFor('/api', 'http')).toEqual({ 'cache-control': 'no-store' });
    expect(await headersFor('/apiary', 'http')).toEqual({});
    expect(await headersFor('/admin', 'http')).toEqual({});
  });
});
