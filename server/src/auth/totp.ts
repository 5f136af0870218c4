import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Attune';

/**
 * TOTP secrets at rest: AES-256-GCM under a key derived (HKDF) from SESSION_SECRET, so a copy of
 * the database alone does not give anyone the codes. Changing SESSION_SECRET makes every stored
 * secret unreadable: people then set up their second step again (an admin resets it).
 */
export class TotpSecrets {
  private readonly key: Buffer;

  constructor(sessionSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', sessionSecret, 'attune', 'totp-secret-v1', 32));
  }

  seal(secret: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** The secret, or null when it cannot be read (another SESSION_SECRET, a damaged row). */
  open(sealed: Buffer): string | null {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return null;
    }
  }
}

/** A new random secret: 20 bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUrl(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret });
}

/** The QR code of an otpauth URL, drawn here as an SVG data URL (never by a third party). */
export async function qrCodeDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false; replayed: boolean };

/**
 * Checks a 6-digit code against the current 30-second step and one step either side (clock
 * drift), in constant time (otplib). A code of a step at or before `lastTimeStep` was already
 * used (or is older than one that was): refused as a replay.
 */
export async function checkTotp(
  secret: string,
  code: string,
  lastTimeStep: number | null,
): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { valid: false, replayed: false };
  const r = await verify({ secret, token: code, epochTolerance: 30 });
  // A TOTP answer names its time step (the HOTP half of otplib's union does not).
  if (!r.valid || !('timeStep' in r)) return { valid: false, replayed: false };
  if (lastTimeStep !== null && r.timeStep <= lastTimeStep) return { valid: false, replayed: true };
  return { valid: true, timeStep: r.timeStep };
}
