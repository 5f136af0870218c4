import type { AvailabilityRule } from '@attune/shared';
import { intersectSpans, subtractSpans, utilisation, weekSpan } from './utilisation.js';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const at = (iso: string) => new Date(iso).getTime();
const weekdays: AvailabilityRule[] = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
}));
const allSunday: AvailabilityRule = { weekday: 7, start: '00:00', end: '24:00' };

describe('span arithmetic', () => {
  it('intersects and subtracts merged spans', () => {
    const a = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ];
    const b = [
      { start: 5, end: 25 },
      { start: 28, end: 40 },
    ];
    expect(intersectSpans(a, b)).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 25 },
      { start: 28, end: 30 },
    ]);
    expect(subtractSpans(a, b)).toEqual([
      { start: 0, end: 5 },
      { start: 25, end: 28 },
    ]);
    expect(subtractSpans(a, [])).toEqual(a);
  });
});

describe('utilisation, hand-computed', () => {
  it('weeks run Monday to Monday on the practice clock: 167 h in spring, 169 h in autumn', () => {
    const spring = weekSpan('2026-03-02', NY);
    expect(new Date(spring.start).toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect((spring.end - spring.start) / 3_600_000).toBe(167);
    const autumn = weekSpan('2026-10-26', NY);
    expect((autumn.end - autumn.start) / 3_600_000).toBe(169);
  });

  it('the spring-forward week: counts, time off, override sessions and a 23-hour Sunday', () => {
    const [row] = utilisation({
      zone: NY,
      weeks: ['2026-03-02'],
      therapists: [{ id: 'a', timeZone: NY, rules: [...weekdays, allSunday] }],
      timeOff: [
        // Wednesday 12:00 to 18:00 EST: 5 h of it inside working hours.
        { therapistId: 'a', start: at('2026-03-04T17:00:00Z'), end: at('2026-03-04T23:00:00Z') },
      ],
      sessions: [
        // Monday 10:00 and 11:00 EST: attended and a no-show (50 min each).
        s('2026-03-02T15:00:00Z', 50, 'completed'),
        s('2026-03-02T16:00:00Z', 50, 'no_show'),
        // Tuesday 09:00, cancelled late: counted, but its time is free again.
        s('2026-03-03T14:00:00Z', 50, 'cancelled', true),
        // Wednesday 13:00, booked anyway during time off: counted, takes no free time.
        s('2026-03-04T18:00:00Z', 50, 'booked'),
        // Thursday 20:00, outside hours with a reason: attended, takes no free time.
        s('2026-03-06T01:00:00Z', 50, 'completed'),
        // Sunday 01:00 EST to 03:00 EDT: one real hour across the clock change.
        s('2026-03-08T06:00:00Z', 60, 'booked'),
        // The next Monday 09:00 EDT: another week.
        s('2026-03-09T13:00:00Z', 50, 'booked'),
      ],
    });
    expect(row).toEqual({
      therapistId: 'a',
      weekStart: '2026-03-02',
      booked: 6,
      attended: 2,
      noShow: 1,
      lateCancelled: 1,
      // 5 × 8 h weekdays + a 23-hour Sunday = 63 h.
      workingMinutes: 5 * 480 + 23 * 60,
      timeOffMinutes: 300,
      // Monday's two sessions and Sunday's hour.
      bookedMinutes: 50 + 50 + 60,
      freeMinutes: 5 * 480 + 23 * 60 - 300 - 160,
    });
  });

  it('the fall-back week has a 25-hour Sunday', () => {
    const rows = utilisation({
      zone: NY,
      weeks: ['2026-10-19', '2026-10-26'],
      therapists: [{ id: 'a', timeZone: NY, rules: [...weekdays, allSunday] }],
      timeOff: [],
      sessions: [],
    });
    expect(rows.map((r) => [r.weekStart, r.workingMinutes, r.freeMinutes, r.booked])).toEqual([
      ['2026-10-19', 2400 + 1440, 2400 + 1440, 0],
      ['2026-10-26', 2400 + 1500, 2400 + 1500, 0],
    ]);
  });

  it("a therapist in another zone: their hours are cut at the practice's week boundaries", () => {
    // Practice week Monday 2026-03-23 00:00 EDT (04:00Z) to Monday 2026-03-30 00:00 EDT (04:00Z).
    // Mondays 00:00-06:00 London: the 23rd (GMT) is 00:00Z-06:00Z, so 120 min fall in the week;
    // the 30th (BST, after London's change on the 29th) is 23:00Z-05:00Z, so 300 min do.
    const [row] = utilisation({
      zone: NY,
      weeks: ['2026-03-23'],
      therapists: [
        { id: 'b', timeZone: LONDON, rules: [{ weekday: 1, start: '00:00', end: '06:00' }] },
      ],
      timeOff: [],
      sessions: [s('2026-03-30T03:00:00Z', 60, 'booked', false, 'b')],
    });
    expect(row).toMatchObject({
      workingMinutes: 420,
      booked: 1,
      // 03:00Z to 04:00Z is inside this week; the session starts in it too.
      bookedMinutes: 60,
      freeMinutes: 360,
    });
  });
});

function s(
  startIso: string,
  minutes: number,
  status: 'booked' | 'completed' | 'no_show' | 'cancelled',
  lateCancel = false,
  therapistId = 'a',
) {
  const start = at(startIso);
  return { therapistId, start, end: start + minutes * 60_000, status, lateCancel };
}
