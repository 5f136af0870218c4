import { ERROR_CODES } from './index.js';

describe('error codes', () => {
  it('are unique across features and snake_case', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) expect(c).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('keep the codes clients already act on', () => {
    for (const c of ['outside_hours', 'therapist_busy', 'client_busy', 'key_reused'] as const)
      expect(ERROR_CODES).toContain(c);
    expect(ERROR_CODES).toContain('database_unavailable');
  });
});
