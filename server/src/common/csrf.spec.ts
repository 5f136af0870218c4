import { CsrfTokens } from './csrf.js';

describe('CsrfTokens (signed double submit)', () => {
  const tokens = new CsrfTokens('s'.repeat(64));

  it('verifies a token only with the session it was issued for', () => {
    const t = tokens.issue('session-a');
    expect(tokens.verify(t, 'session-a')).toBe(true);
    expect(tokens.verify(t, 'session-b')).toBe(false);
    expect(tokens.verify(t, null)).toBe(false);
    const anon = tokens.issue(null);
    expect(tokens.verify(anon, undefined)).toBe(true);
    expect(tokens.verify(anon, 'session-a')).toBe(false);
  });

  it('answers the same for a pair it has verified before, and only for that pair', () => {
    const t = tokens.issue('session-m');
    for (let i = 0; i < 3; i++) {
      expect(tokens.verify(t, 'session-m')).toBe(true);
      expect(tokens.verify(t, 'session-n')).toBe(false);
      expect(tokens.verify(t, null)).toBe(false);
      // The same nonce with another MAC, and a truncated token, never pass.
      expect(tokens.verify(`${t.split('.')[0]}.${'A'.repeat(43)}`, 'session-m')).toBe(false);
      expect(tokens.verify(t.slice(0, -1), 'session-m')).toBe(false);
    }
    // Past its bound the memory starts again; answers do not change.
    for (let i = 0; i < 10_050; i++) tokens.verify(tokens.issue(`s${i}`), `s${i}`);
    expect(tokens.verify(t, 'session-m')).toBe(true);
    expect(tokens.verify(t, 'session-n')).toBe(false);
  });

  it('refuses tokens not signed with this secret, and junk', () => {
    expect(new CsrfTokens('t'.repeat(64)).verify(tokens.issue('x'), 'x')).toBe(false);
    for (const junk of [undefined, '', 'abc', '.abc', 'abc.', 'a'.repeat(300)])
      expect(tokens.verify(junk, 'x')).toBe(false);
  });
});
