import { lastSeen } from './last-seen';

describe('lastSeen', () => {
  const now = new Date('2026-03-10T15:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('says it in plain words', () => {
    expect(lastSeen(ago(30_000), now)).toBe('Active now');
    expect(lastSeen(ago(5 * 60_000), now)).toBe('5 minutes ago');
    expect(lastSeen(ago(60 * 60_000), now)).toBe('1 hour ago');
    expect(lastSeen(ago(3 * 3_600_000), now)).toBe('3 hours ago');
    expect(lastSeen(ago(30 * 3_600_000), now)).toBe('Yesterday');
    expect(lastSeen(ago(10 * 86_400_000), now)).toMatch(/February 2[78]|28/);
  });
});
