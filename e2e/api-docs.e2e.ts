// The self-hosted API reference and the health check, against the real production build.
import { expect, test } from '@playwright/test';

test.describe('API docs and health', () => {
  test.beforeEach(() => {
    test.skip(test.info().project.name !== 'desktop', 'Server-only checks run once.');
  });

  test('GET /api/docs serves the OpenAPI UI', async ({ request }) => {
    const res = await request.get('/api/docs');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('swagger-ui');

    const spec = await request.get('/api/docs-json');
    expect(spec.status()).toBe(200);
    const doc = (await spec.json()) as { openapi: string; info: { title: string }; paths: object };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Attune API');
    expect(Object.keys(doc.paths)).toContain('/api/health');
  });

  test('GET /api/health reports ok', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });
});
