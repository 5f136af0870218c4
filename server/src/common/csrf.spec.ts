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

  it('refuses tokens not signed with this secret, and junk', () => {
    expect(new CsrfTokens('t'.repeat(64)).verify(tokens.issue('x'), 'x')).toBe(false);
    for (const junk of [undefined, '', 'abc', '.abc', 'abc.', 'a'.repeat(300)])
      expect(tokens.verify(junk, 'x')).toBe(false);
  });
});
