import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { ACCOUNT_SECURITY } from '@attune/shared';

// No 0/o, 1/l/i: easy to read back from paper. 31 symbols x 12 = about 59 bits per code.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 12;

/** Ten fresh codes, shown once, in groups of four: "k7pq-2mxa-9dre". */
export function newRecoveryCodes(count: number = ACCOUNT_SECURITY.recoveryCodeCount): string[] {
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = 0; i < LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
  });
}

/** What a person typed, as stored: lower case, without spaces or dashes; null if it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]/g, '');
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/** The stored form: SHA-256 of the user id and the code (the codes are random, so no slow hash is needed). */
export function hashRecoveryCode(userId: string, normalised: string): Buffer {
  return createHash('sha256').update(`recovery\0${userId}\0${normalised}`).digest();
}

/** The id of the stored hash equal to `hash`, comparing every candidate in constant time. */
export function matchRecoveryCode(
  hash: Buffer,
  candidates: readonly { id: string; code_hash: Buffer }[],
): string | null {
  let found: string | null = null;
  for (const c of candidates)
    if (c.code_hash.length === hash.length && timingSafeEqual(c.code_hash, hash)) found = c.id;
  return found;
}
