import {
  hashRecoveryCode,
  matchRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
} from './recovery-codes.js';

describe('recovery codes', () => {
  it('makes ten distinct, readable codes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes)
      expect(c).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  it('reads a code back however it is typed, and nothing else', () => {
    expect(normaliseRecoveryCode(' K7PQ 2MXA-9dre ')).toBe('k7pq2mxa9dre');
    expect(normaliseRecoveryCode('123456')).toBeNull();
    expect(normaliseRecoveryCode('k7pq-2mxa-9dr0')).toBeNull();
  });

  it('matches a stored hash only for the same user and code', () => {
    const a = hashRecoveryCode('user-1', 'k7pq2mxa9dre');
    const stored = [
      { id: 'x', code_hash: hashRecoveryCode('user-1', 'aaaabbbbcccc') },
      { id: 'y', code_hash: a },
    ];
    expect(matchRecoveryCode(a, stored)).toBe('y');
    expect(matchRecoveryCode(hashRecoveryCode('user-2', 'k7pq2mxa9dre'), stored)).toBeNull();
  });
});
