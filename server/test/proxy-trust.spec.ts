import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { assertServable, loadConfig, parseTrustProxy } from '../src/config.js';
import { anonymous, bootApp, db, newPractice, testConfig, uniqueEmail } from './harness.js';

const FORGED = '203.0.113.7';

async function auditedIps(app: NestFastifyApplication, email: string): Promise<string[]> {
  const rows = await db(app).query<{ ip: string }[]>(
    `SELECT ip FROM audit_events WHERE meta->>'email' = $1 ORDER BY created_at`,
    [email],
  );
  return rows.map((r) => r.ip);
}

describe('proxy trust is configuration (TRUST_PROXY, PUBLIC_URL)', () => {
  it('reads TRUST_PROXY as off, a hop count or a list, never "trust everyone"', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.5')).toEqual(['10.0.0.0/8', '192.168.1.5']);
    expect(() => parseTrustProxy('true')).toThrow(/hop count/);
  });

  it('links use PUBLIC_URL, else the server’s own address; production requires PUBLIC_URL and SESSION_SECRET', () => {
    expect(loadConfig({ PORT: '4321' }).publicUrl).toBe('http://localhost:4321');
    expect(loadConfig({ PUBLIC_URL: 'https://care.example.org/' }).publicUrl).toBe(
      'https://care.example.org',
    );
    expect(() => loadConfig({ PUBLIC_URL: 'care.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => assertServable(loadConfig({ NODE_ENV: 'production' }))).toThrow(
      /PUBLIC_URL[\s\S]*SESSION_SECRET/,
    );
    expect(() =>
      assertServable(
        loadConfig({
          NODE_ENV: 'production',
          PUBLIC_URL: 'https://care.example.org',
          SESSION_SECRET: 'x'.repeat(40),
        }),
      ),
    ).not.toThrow();
  });

  describe('TRUST_PROXY off (the default)', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      expect(testConfig().trustProxy).toBe(false);
      // A per-address limit of 3, to see whether a forged header gets around it.
      app = await bootApp({
        signInThrottle: { ...testConfig().signInThrottle, maxFailuresPerIp: 3 },
      });
    });
    afterAll(async () => {
      // The address bucket of 127.0.0.1 is shared with every other test of the run.
      await db(app).query(`DELETE FROM sign_in_throttles WHERE key LIKE 'ip:%'`);
      await app.close();
    });

    it('a forged X-Forwarded-For neither changes the audited address nor gets around the per-IP limit', async () => {
      await db(app).query(`DELETE FROM sign_in_throttles WHERE key LIKE 'ip:%'`);
      const caller = await anonymous(app);
      const emails = Array.from({ length: 5 }, () => uniqueEmail('spray'));
      const statuses: number[] = [];
      for (const [i, email] of emails.entries()) {
        const res = await caller
          .post('/api/auth/login', { email, password: 'a-guessed-password' })
          .set('x-forwarded-for', `198.51.100.${i + 1}`);
        statuses.push(res.status);
      }
      // Five different accounts, five different claimed addresses: still one peer, three tries.
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(await auditedIps(app, emails[0]!)).toEqual([expect.stringMatching(/127\.0\.0\.1$/)]);
      expect(await auditedIps(app, emails[4]!)).toEqual([expect.stringMatching(/127\.0\.0\.1$/)]);
    });

    it('X-Forwarded-Proto and X-Forwarded-Host change neither cookies nor links', async () => {
      await db(app).query(`DELETE FROM sign_in_throttles WHERE key LIKE 'ip:%'`);
      const { caller, email } = await newPractice(app);
      const login = await caller
        .post('/api/auth/login', { email, password: 'a-long-test-password' })
        .set('x-forwarded-proto', 'https')
        .set('x-forwarded-host', 'attacker.example');
      expect(login.status).toBe(200);
      const session = ([] as string[])
        .concat(login.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('attune_session='))!;
      expect(session).not.toMatch(/Secure/);
      const inv = await caller
        .post('/api/invitations', {
          kind: 'member',
          email: uniqueEmail('staff'),
          displayName: 'Pat Proxy',
          roles: ['therapist'],
        })
        .set('x-forwarded-host', 'attacker.example')
        .set('host', 'attacker.example');
      expect(inv.status).toBe(201);
      expect(inv.body.link).toMatch(/^http:\/\/localhost:3000\/invite\//);
    });
  });

  describe('TRUST_PROXY=1 (one proxy in front)', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await bootApp({ trustProxy: 1, publicUrl: 'https://care.example.org' });
    });
    afterAll(() => app.close());

    it("takes the client address and protocol from the proxy's headers, links still from PUBLIC_URL", async () => {
      const { caller, email } = await newPractice(app);
      const wrong = await caller
        .post('/api/auth/login', { email, password: 'not-the-password' })
        .set('x-forwarded-for', FORGED);
      expect(wrong.status).toBe(401);
      expect(await auditedIps(app, email)).toEqual([FORGED]);
      const inv = await caller
        .post('/api/invitations', {
          kind: 'member',
          email: uniqueEmail('staff'),
          displayName: 'Pat Proxy',
          roles: ['therapist'],
        })
        .set('x-forwarded-host', 'attacker.example');
      expect(inv.status).toBe(201);
      // (Last: the agent here speaks plain http and would not send the Secure cookies back.)
      const login = await caller
        .post('/api/auth/login', { email, password: 'a-long-test-password' })
        .set('x-forwarded-proto', 'https');
      const session = ([] as string[])
        .concat(login.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('attune_session='))!;
      expect(session).toMatch(/Secure/);
      expect(inv.body.link).toMatch(/^https:\/\/care\.example\.org\/invite\//);
    });
  });
  it('an address list trusts only those proxies', async () => {
    for (const [list, expected] of [
      [['10.0.0.0/8'], /127\.0\.0\.1$/],
      [['loopback'], new RegExp(`^${FORGED.replace(/\./g, '\\.')}$`)],
    ] as const) {
      const app = await bootApp({ trustProxy: [...list] });
      try {
        const caller = await anonymous(app);
        const email = uniqueEmail('listed');
        await caller
          .post('/api/auth/login', { email, password: 'a-guessed-password' })
          .set('x-forwarded-for', FORGED);
        expect(await auditedIps(app, email)).toEqual([expect.stringMatching(expected)]);
      } finally {
        await app.close();
      }
    }
  });
});
