import type { AvailabilityRule } from '@attune/shared';
import {
  freeSlots,
  inZone,
  ruleProblems,
  withinWorkingHours,
  workingSpans,
} from './availability.js';

const NY = 'America/New_York';
const weekdays9to5: AvailabilityRule[] = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
}));

describe('working hours across DST', () => {
  it('keeps 09:00 local on the spring-forward Monday (UTC offset moves from -5 to -4)', () => {
    // DST starts Sunday 2026-03-08 in the US.
    const spans = workingSpans(
      weekdays9to5,
      NY,
      new Date('2026-03-06T00:00:00Z'),
      new Date('2026-03-10T00:00:00Z'),
    );
    const starts = spans.map((s) => inZone(new Date(s.start), NY));
    expect(starts).toEqual(['2026-03-06T09:00:00.000-05:00', '2026-03-09T09:00:00.000-04:00']);
    expect(new Date(spans[0]!.start).toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(new Date(spans[1]!.start).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('keeps 09:00 local after the fall-back Sunday (offset -4 to -5)', () => {
    // DST ends Sunday 2026-11-01 in the US.
    const spans = workingSpans(
      weekdays9to5,
      NY,
      new Date('2026-10-30T00:00:00Z'),
      new Date('2026-11-03T00:00:00Z'),
    );
    expect(spans.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-10-30T13:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
    ]);
  });

  it('a Sunday block spanning the 02:00 jump is an hour shorter in real time', () => {
    const sunday: AvailabilityRule[] = [{ weekday: 7, start: '00:00', end: '06:00' }];
    const [span] = workingSpans(
      sunday,
      NY,
      new Date('2026-03-08T00:00:00Z'),
      new Date('2026-03-09T00:00:00Z'),
    );
    expect((span!.end - span!.start) / 3_600_000).toBe(5);
  });

  it('honours date-bounded changes', () => {
    const rules: AvailabilityRule[] = [
      { weekday: 1, start: '09:00', end: '12:00', validUntil: '2026-03-09' },
      { weekday: 1, start: '13:00', end: '17:00', validFrom: '2026-03-16' },
    ];
    const spans = workingSpans(
      rules,
      NY,
      new Date('2026-03-09T00:00:00Z'),
      new Date('2026-03-17T00:00:00Z'),
    );
    expect(spans.map((s) => inZone(new Date(s.start), NY))).toEqual([
      '2026-03-09T09:00:00.000-04:00',
      '2026-03-16T13:00:00.000-04:00',
    ]);
  });
});

describe('free slots', () => {
  const monday = {
    from: new Date('2026-03-09T00:00:00-04:00'),
    to: new Date('2026-03-10T00:00:00-04:00'),
  };

  it('lists starts every 15 minutes where the session fits, minus busy spans; back-to-back is allowed', () => {
    const busy = [
      {
        start: Date.parse('2026-03-09T10:00:00-04:00'),
        end: Date.parse('2026-03-09T10:50:00-04:00'),
      },
    ];
    const slots = freeSlots({
      rules: [{ weekday: 1, start: '09:00', end: '12:00' }],
      zone: NY,
      ...monday,
      durationMinutes: 50,
      busy,
      notBefore: new Date(0),
      stepMinutes: 15,
    }).map((d) => inZone(d, NY).slice(11, 16));
    // 09:15 to 10:45 would clash with the 10:00-10:50 session; 11:15 would run past noon.
    expect(slots).toEqual(['09:00', '11:00']);
  });

  it('never offers times in the past', () => {
    const slots = freeSlots({
      rules: [{ weekday: 1, start: '09:00', end: '12:00' }],
      zone: NY,
      ...monday,
      durationMinutes: 60,
      busy: [],
      notBefore: new Date('2026-03-09T10:05:00-04:00'),
      stepMinutes: 15,
    });
    expect(inZone(slots[0]!, NY)).toBe('2026-03-09T10:15:00.000-04:00');
  });

  it('checks whole sessions against working hours', () => {
    const rules: AvailabilityRule[] = [{ weekday: 1, start: '09:00', end: '12:00' }];
    expect(
      withinWorkingHours(
        rules,
        NY,
        new Date('2026-03-09T11:00:00-04:00'),
        new Date('2026-03-09T12:00:00-04:00'),
      ),
    ).toBe(true);
    expect(
      withinWorkingHours(
        rules,
        NY,
        new Date('2026-03-09T11:30:00-04:00'),
        new Date('2026-03-09T12:20:00-04:00'),
      ),
    ).toBe(false);
    expect(
      withinWorkingHours(
        rules,
        NY,
        new Date('2026-03-10T11:00:00-04:00'),
        new Date('2026-03-10T11:50:00-04:00'),
      ),
    ).toBe(false);
  });
});

describe('rule validation', () => {
  it('names the rule that is wrong', () => {
    expect(ruleProblems([{ weekday: 8, start: '09:00', end: '10:00' }])?.field).toBe(
      'rules[0].weekday',
    );
    expect(ruleProblems([{ weekday: 1, start: '9am', end: '10:00' }])?.field).toBe(
      'rules[0].start',
    );
    expect(ruleProblems([{ weekday: 1, start: '11:00', end: '10:00' }])?.field).toBe(
      'rules[0].end',
    );
    expect(
      ruleProblems([
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '11:00', end: '13:00' },
      ])?.field,
    ).toBe('rules[1]');
    expect(
      ruleProblems([
        { weekday: 1, start: '09:00', end: '12:00', validUntil: '2026-03-09' },
        { weekday: 1, start: '11:00', end: '13:00', validFrom: '2026-03-10' },
      ]),
    ).toBeNull();
  });
});
