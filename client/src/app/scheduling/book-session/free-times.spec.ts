import { groupByDay, outsideNotice } from './free-times';

describe('groupByDay', () => {
  it('groups free times by their day in the practice zone, not UTC, in order', () => {
    // 03:30 UTC on the 10th is still the 9th in New York.
    const days = groupByDay(
      ['2026-03-10T14:00:00Z', '2026-03-10T03:30:00Z', '2026-03-09T13:00:00Z'],
      'America/New_York',
    );
    expect(days.map((d) => [d.date, d.heading, d.short, d.times.map((t) => t.label)])).toEqual([
      ['2026-03-09', 'Monday, March 9', 'Mon, Mar 9', ['9:00 AM', '11:30 PM']],
      ['2026-03-10', 'Tuesday, March 10', 'Tue, Mar 10', ['10:00 AM']],
    ]);
  });

  it('leaves out days without times', () => {
    expect(groupByDay([], 'UTC')).toEqual([]);
  });
});

describe('outsideNotice', () => {
  const now = new Date('2026-03-09T12:00:00Z');
  it('is true from exactly the window on, false inside it', () => {
    expect(outsideNotice('2026-03-10T12:00:00Z', 24, now)).toBe(true);
    expect(outsideNotice('2026-03-10T11:59:00Z', 24, now)).toBe(false);
    expect(outsideNotice('2026-03-09T12:30:00Z', 0, now)).toBe(true);
  });
});
