import { DATE_FORMAT_EXAMPLES } from '@attune/shared';
import {
  addDays,
  dayBounds,
  dayHeading,
  dayName,
  formatDateTime,
  formatSessionTime,
  formatTime,
  formatTimeRange,
  isIsoDate,
  isoDateIn,
  mondayOf,
  offsetMinutes,
  timeIn,
  weekBounds,
  weekDates,
  weekLabel,
  weekZoneLabel,
  zoneAbbreviation,
  zonedParts,
  zonedToUtc,
} from './zoned-time';

const NY = 'America/New_York';

describe('zoned time', () => {
  it('starts weeks on Monday, whatever day is given', () => {
    expect(mondayOf('2026-03-09')).toBe('2026-03-09'); // a Monday
    expect(mondayOf('2026-03-11')).toBe('2026-03-09');
    expect(mondayOf('2026-03-15')).toBe('2026-03-09'); // Sunday belongs to the week before
    expect(mondayOf('2026-03-16')).toBe('2026-03-16');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28'); // across a year
    expect(weekDates('2026-03-02')).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('reads wall-clock times in a zone, not the browser zone', () => {
    const instant = new Date('2026-03-09T13:00:00Z');
    expect(isoDateIn(instant, NY)).toBe('2026-03-09');
    expect(timeIn(instant, NY)).toBe('09:00');
    expect(formatTime(instant, NY)).toBe('9:00 AM');
    expect(isoDateIn(new Date('2026-03-10T03:30:00Z'), NY)).toBe('2026-03-09');
    expect(isoDateIn(new Date('2026-03-10T03:30:00Z'), 'Europe/Berlin')).toBe('2026-03-10');
    expect(offsetMinutes(new Date('2026-01-15T12:00:00Z'), NY)).toBe(-300);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), NY)).toBe(-240);
  });

  it('turns a wall-clock time in a zone into the right instant on both sides of DST', () => {
    expect(zonedToUtc('2026-03-06', '09:00', NY).toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(zonedToUtc('2026-03-09', '09:00', NY).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    // 02:30 does not exist on 8 March 2026 in New York: it moves forward, as the clock does.
    expect(zonedToUtc('2026-03-08', '02:30', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November 2026: the first (EDT) one is meant.
    expect(zonedToUtc('2026-11-01', '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedToUtc('2026-03-09', '00:00', 'Asia/Kolkata').toISOString()).toBe(
      '2026-03-08T18:30:00.000Z',
    );
  });

  it('has a 167-hour week when the clocks spring forward, bounded by local midnights', () => {
    const { from, to } = weekBounds('2026-03-02', NY);
    expect(from.toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(167);
    const fall = weekBounds('2026-10-26', NY);
    expect((fall.to.getTime() - fall.from.getTime()) / 3_600_000).toBe(169);
  });

  it('labels a week, naming the zone and the day its clocks change', () => {
    expect(weekLabel('2026-03-02')).toBe('Mar 2 – 8, 2026');
    expect(weekLabel('2026-03-30')).toBe('Mar 30 – Apr 5, 2026');
    expect(weekLabel('2026-12-28')).toBe('Dec 28, 2026 – Jan 3, 2027');
    expect(weekZoneLabel('2026-03-02', NY)).toBe(
      'America/New_York (EST, then EDT from Sunday, March 8)',
    );
    expect(weekZoneLabel('2026-03-09', NY)).toBe('America/New_York (EDT)');
    expect(weekZoneLabel('2026-10-26', NY)).toBe(
      'America/New_York (EDT, then EST from Sunday, November 1)',
    );
  });

  it('formats days and time ranges plainly', () => {
    expect(dayHeading('2026-03-09')).toBe('Monday, March 9');
    expect(formatTimeRange('2026-03-09T13:00:00.000Z', '2026-03-09T13:50:00.000Z', NY)).toBe(
      '9:00 – 9:50 AM',
    );
    expect(formatTimeRange('2026-03-09T15:30:00.000Z', '2026-03-09T16:20:00.000Z', NY)).toBe(
      '11:30 AM – 12:20 PM',
    );
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-03-09')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('next week')).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });

  it('names days and zones, and has a 25-hour day when the clocks fall back', () => {
    expect(dayName('2026-03-15')).toBe('Sunday');
    expect(zonedParts(new Date('2026-03-15T16:45:00Z'), NY)).toEqual({
      year: 2026,
      month: 3,
      day: 15,
      hour: 12,
      minute: 45,
      weekday: 7,
    });
    expect(zoneAbbreviation('2026-01-15T12:00:00Z', 'Europe/Berlin')).toBe('GMT+1');
    expect(zoneAbbreviation(new Date('2026-07-15T12:00:00Z'), NY)).toBe('EDT');
    expect(formatDateTime('2026-03-09T15:30:00.000Z', NY)).toBe(
      'Monday, March 9, 2026 at 11:30 AM',
    );
    const { from, to } = dayBounds('2026-11-01', NY);
    expect(from.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(25);
  });

  it('reads dates by the one rule server email uses (the shared cases)', () => {
    for (const c of DATE_FORMAT_EXAMPLES) {
      expect(formatDateTime(c.instant, c.zone)).toBe(c.dateTime);
      expect(formatSessionTime(new Date(c.instant), c.zone)).toBe(c.session);
    }
  });
});
