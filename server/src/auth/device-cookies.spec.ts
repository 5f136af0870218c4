import { DeviceCookies } from './device-cookies.js';

describe('DeviceCookies', () => {
  const devices = new DeviceCookies('a'.repeat(64));

  it("recognises only this user's entry, signed with this secret", () => {
    const cookie = devices.issue(undefined, 'user-1');
    expect(devices.trustedNonce(cookie, 'user-1')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(devices.trustedNonce(cookie, 'user-2')).toBeNull();
    expect(new DeviceCookies('b'.repeat(64)).trustedNonce(cookie, 'user-1')).toBeNull();
    const [nonce, mac] = cookie.split('.');
    const tampered = `${nonce}.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`;
    expect(devices.trustedNonce(tampered, 'user-1')).toBeNull();
    expect(devices.trustedNonce('junk', 'user-1')).toBeNull();
    expect(devices.trustedNonce('x'.repeat(5000), 'user-1')).toBeNull();
  });

  it('keeps up to five people per browser and renews the signing-in one first', () => {
    let cookie: string | undefined;
    for (let i = 0; i < 7; i++) cookie = devices.issue(cookie, `user-${i}`);
    const entries = cookie!.split('~');
    expect(entries).toHaveLength(5);
    expect(devices.trustedNonce(cookie, 'user-6')).toBe(entries[0]!.split('.')[0]);
    expect(devices.trustedNonce(cookie, 'user-2')).not.toBeNull();
    expect(devices.trustedNonce(cookie, 'user-1')).toBeNull();
    const before = devices.trustedNonce(cookie, 'user-3');
    const renewed = devices.issue(cookie, 'user-3');
    expect(renewed.split('~')).toHaveLength(5);
    expect(devices.trustedNonce(renewed, 'user-3')).not.toBe(before);
  });
});
