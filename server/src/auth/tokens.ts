import { hash, randomBytes } from 'node:crypto';

/** A fresh opaque token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of a token: its SHA-256. One-shot `hash()` (Node 20.12+): every
 * authenticated request hashes its session cookie, and a Hash object per call costs 3-4x as much.
 */
export function hashToken(token: string): Buffer {
  return hash('sha256', token, 'buffer');
}
