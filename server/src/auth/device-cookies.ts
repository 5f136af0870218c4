import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'attune_device';
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;
// A shared computer may be used by a few people; each keeps their own entry.
const MAX_ENTRIES = 5;

/**
 * OWASP's device cookies: a successful sign-in leaves a signed `nonce.mac` entry, the mac an
 * HMAC of the user id and nonce. A later attempt for that user that presents it is counted in
 * the device's own bucket, so strangers guessing the password cannot lock the user out.
 */
export class DeviceCookies {
  constructor(private readonly secret: string) {}

  private mac(userId: string, nonce: string): string {
    return createHmac('sha256', this.secret)
      .update(`device\0${userId}\0${nonce}`)
      .digest('base64url')
      .slice(0, 32);
  }

  private entries(raw: string | undefined): { nonce: string; mac: string }[] {
    if (!raw || raw.length > 1000) return [];
    return raw
      .split('~')
      .slice(0, MAX_ENTRIES)
      .map((e) => {
        const [nonce = '', mac = ''] = e.split('.');
        return { nonce, mac };
      })
      .filter((e) => /^[A-Za-z0-9_-]{16,64}$/.test(e.nonce) && e.mac.length === 32);
  }

  private valid(e: { nonce: string; mac: string }, userId: string): boolean {
    const want = Buffer.from(this.mac(userId, e.nonce));
    const got = Buffer.from(e.mac);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  /** The nonce of this user's valid entry in the cookie, if any. */
  trustedNonce(raw: string | undefined, userId: string): string | null {
    return this.entries(raw).find((e) => this.valid(e, userId))?.nonce ?? null;
  }

  /** The cookie after a successful sign-in: a fresh entry for this user first, others kept. */
  issue(raw: string | undefined, userId: string): string {
    const nonce = randomBytes(16).toString('base64url');
    const others = this.entries(raw).filter((e) => !this.valid(e, userId));
    return [{ nonce, mac: this.mac(userId, nonce) }, ...others]
      .slice(0, MAX_ENTRIES)
      .map((e) => `${e.nonce}.${e.mac}`)
      .join('~');
  }
}
