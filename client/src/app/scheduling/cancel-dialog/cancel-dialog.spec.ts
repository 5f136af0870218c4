import { isLateCancel } from './cancel-dialog';

describe('isLateCancel', () => {
  const now = new Date('2026-03-09T12:00:00Z');

  it('is late inside the practice window and on time outside it', () => {
    expect(isLateCancel('2026-03-10T11:00:00Z', 24, now)).toBe(true);
    expect(isLateCancel('2026-03-10T12:00:00Z', 24, now)).toBe(false);
    expect(isLateCancel('2026-03-09T13:00:00Z', 0, now)).toBe(false);
  });
});
