import {
  DATE_FORMAT_EXAMPLES,
  formatDateLong,
  formatDateTime,
  formatSessionTime,
  formatTime,
  zoneAbbreviation,
} from './date-format.js';

describe('the one date rule', () => {
  it.each(DATE_FORMAT_EXAMPLES)('$instant in $zone reads "$session"', (c) => {
    expect(formatDateTime(c.instant, c.zone)).toBe(c.dateTime);
    expect(formatDateTime(new Date(c.instant), c.zone)).toBe(c.dateTime);
    expect(formatSessionTime(c.instant, c.zone)).toBe(c.session);
  });

  it('reads the instant in the zone given, not the machine zone', () => {
    const late = '2026-03-10T03:30:00.000Z';
    expect(formatDateLong(late, 'America/New_York')).toBe('Monday, March 9, 2026');
    expect(formatDateLong(late, 'Asia/Kolkata')).toBe('Tuesday, March 10, 2026');
    expect(formatTime(late, 'Asia/Kolkata')).toBe('9:00 AM');
    expect(zoneAbbreviation(late, 'UTC')).toBe('UTC');
  });

  it('uses plain spaces only (no narrow no-break space before AM/PM)', () => {
    for (const c of DATE_FORMAT_EXAMPLES)
      expect(formatSessionTime(c.instant, c.zone)).not.toMatch(/[\u202f\u00a0]/);
  });
});
