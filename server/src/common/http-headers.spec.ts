import type { FastifyReply, FastifyRequest } from 'fastify';
import { HSTS, perimeterHeaders } from './http-headers.js';

function headersFor(url: string, protocol: 'http' | 'https') {
  const set: Record<string, string> = {};
  const reply = { header: (k: string, v: string) => (set[k] = v) } as unknown as FastifyReply;
  perimeterHeaders({ url, protocol } as FastifyRequest, reply);
  return set;
}

describe('perimeterHeaders', () => {
  it('sends HSTS only over TLS', () => {
    expect(headersFor('/api/health', 'https')['strict-transport-security']).toBe(HSTS);
    expect(headersFor('/', 'https')['strict-transport-security']).toBe(HSTS);
    expect(headersFor('/api/health', 'http')['strict-transport-security']).toBeUndefined();
  });

  it('forbids caching of every API answer, and only those', () => {
    expect(headersFor('/api/clients?limit=5', 'http')).toEqual({
      'cache-control': 'no-store',
    });
    expect(headersFor('/api', 'http')).toEqual({ 'cache-control': 'no-store' });
    expect(headersFor('/api?x=1', 'http')).toEqual({ 'cache-control': 'no-store' });
    expect(headersFor('/apiary', 'http')).toEqual({});
    expect(headersFor('/admin', 'http')).toEqual({});
  });
});
