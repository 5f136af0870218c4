import { calendarDay } from './calendar-day.js';

const NY = 'America/New_York';

describe('calendarDay', () => {
  it('is midnight to midnight on the zone clock, not the UTC date', () => {
    // 21:30 in New York is already the next day in UTC.
    const day = calendarDay(new Date('2026-06-10T01:30:00Z'), NY);
    expect(day.date).toBe('2026-06-09');
    expect(day.from.toISOString()).toBe('2026-06-09T04:00:00.000Z');
    expect(day.to.toISOString()).toBe('2026-06-10T04:00:00.000Z');
  });

  it('holds the first minutes after midnight and ends before the next midnight', () => {
    expect(calendarDay(new Date('2026-06-09T04:00:00Z'), NY).date).toBe('2026-06-09');
    expect(calendarDay(new Date('2026-06-10T03:59:59Z'), NY).date).toBe('2026-06-09');
    expect(calendarDay(new Date('2026-06-10T04:00:00Z'), NY).date).toBe('2026-06-10');
  });

  it('is 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const spring = calendarDay(new Date('2026-03-08T16:00:00Z'), NY);
    expect(spring.date).toBe('2026-03-08');
    expect(spring.from.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(spring.to.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);

    const fall = calendarDay(new Date('2026-11-01T16:00:00Z'), NY);
    expect(fall.date).toBe('2026-11-01');
    expect(fall.from.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(fall.to.toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect((fall.to.getTime() - fall.from.getTime()) / 3_600_000).toBe(25);
  });

  it('works east of UTC too', () => {
    const day = calendarDay(new Date('2026-06-09T22:30:00Z'), 'Australia/Sydney');
    expect(day.date).toBe('2026-06-10');
    expect(day.from.toISOString()).toBe('2026-06-09T14:00:00.000Z');
  });
});
