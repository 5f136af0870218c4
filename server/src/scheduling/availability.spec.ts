import type { AvailabilityRule } from '@attune/shared';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  freeSlots,
  inZone,
  inZoneAll,
  mergeSpans,
  overlaps,
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

// The walk freeSlots replaced: luxon at every step. The fast one must agree with it exactly.
function freeSlotsStepByStep(opts: Parameters<typeof freeSlots>[0]): Date[] {
  const duration = opts.durationMinutes * 60_000;
  const busy = mergeSpans(opts.busy);
  const out: Date[] = [];
  for (const span of mergeSpans(workingSpans(opts.rules, opts.zone, opts.from, opts.to))) {
    let t = DateTime.fromMillis(span.start, { zone: opts.zone });
    const rem = (t.hour * 60 + t.minute) % opts.stepMinutes;
    if (rem || t.second || t.millisecond)
      t = t.set({ second: 0, millisecond: 0 }).plus({ minutes: rem ? opts.stepMinutes - rem : 0 });
    for (; t.toMillis() + duration <= span.end; t = t.plus({ minutes: opts.stepMinutes })) {
      const candidate = { start: t.toMillis(), end: t.toMillis() + duration };
      if (candidate.start < opts.notBefore.getTime() || candidate.start < opts.from.getTime())
        continue;
      if (candidate.start >= opts.to.getTime()) break;
      if (busy.some((b) => overlaps(b, candidate))) continue;
      out.push(new Date(candidate.start));
    }
  }
  return out;
}

// Zones with DST (north and south), a 30-minute DST (Lord Howe), Ramadan changes (Casablanca),
// a half-hour offset without DST, and UTC (which luxon writes as Z).
const ZONES = [
  NY,
  'Europe/London',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Africa/Casablanca',
  'Asia/Kolkata',
  'America/St_Johns',
  'UTC',
  'Etc/UTC',
];

describe('free slots across DST, computed once per span', () => {
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 10, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const rule = fc
    .tuple(fc.integer({ min: 1, max: 7 }), hhmm, hhmm)
    .filter(([, a, b]) => a !== b)
    .map(([weekday, a, b]): AvailabilityRule => ({
      weekday,
      start: a < b ? a : b,
      end: a < b ? b : '24:00',
    }));
  // Windows around the 2026 changes: US and EU spring and autumn, Australia's, Morocco's.
  const anchors = [
    '2026-03-08',
    '2026-03-29',
    '2026-04-05',
    '2026-10-04',
    '2026-10-25',
    '2026-11-01',
    '2026-02-15',
  ];

  it('agrees with the step-by-step luxon walk for any rules, zone, busy time and step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...anchors),
        fc.array(rule, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom(15, 30, 60),
        fc.constantFrom(15, 50, 90),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 * 96 }), fc.integer({ min: 1, max: 16 })), {
          maxLength: 12,
        }),
        (zone, anchor, rules, dayShift, step, duration, busyRaw) => {
          const from = new Date(Date.parse(`${anchor}T00:00:00Z`) + dayShift * 86_400_000);
          const to = new Date(from.getTime() + 7 * 86_400_000);
          const busy = busyRaw.map(([q, len]) => ({
            start: from.getTime() + q * 15 * 60_000,
            end: from.getTime() + (q + len) * 15 * 60_000,
          }));
          const opts = {
            rules,
            zone,
            from,
            to,
            durationMinutes: duration,
            busy,
            notBefore: new Date(from.getTime() + 26 * 3_600_000),
            stepMinutes: step,
          };
          expect(freeSlots(opts).map((d) => d.getTime())).toEqual(
            freeSlotsStepByStep(opts).map((d) => d.getTime()),
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('offers every real quarter hour of the spring-forward night, and no 02:xx', () => {
    const slots = freeSlots({
      rules: [{ weekday: 7, start: '00:00', end: '05:00' }],
      zone: NY,
      from: new Date('2026-03-08T05:00:00Z'),
      to: new Date('2026-03-09T05:00:00Z'),
      durationMinutes: 15,
      busy: [],
      notBefore: new Date(0),
      stepMinutes: 15,
    });
    const local = inZoneAll(slots, NY).map((s) => s.slice(11, 16));
    expect(local).toHaveLength(16); // five wall-clock hours, one of which does not exist
    expect(local.slice(6, 10)).toEqual(['01:30', '01:45', '03:00', '03:15']);
    expect(local.some((t) => t.startsWith('02:'))).toBe(false);
  });

  it('offers the repeated hour of the fall-back night twice, told apart by its offset', () => {
    const slots = freeSlots({
      rules: [{ weekday: 7, start: '00:00', end: '03:00' }],
      zone: NY,
      from: new Date('2026-11-01T04:00:00Z'),
      to: new Date('2026-11-02T05:00:00Z'),
      durationMinutes: 60,
      busy: [],
      notBefore: new Date(0),
      stepMinutes: 60,
    });
    expect(inZoneAll(slots, NY)).toEqual([
      '2026-11-01T00:00:00.000-04:00',
      '2026-11-01T01:00:00.000-04:00',
      '2026-11-01T01:00:00.000-05:00',
      '2026-11-01T02:00:00.000-05:00',
    ]);
  });
});

describe('inZoneAll', () => {
  it('writes exactly what luxon writes, instant by instant, across offset changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES, 'Asia/Tokyo', 'Pacific/Chatham', 'America/Sao_Paulo'),
        fc.integer({
          min: Date.parse('2026-01-01T00:00:00Z'),
          max: Date.parse('2027-01-01T00:00:00Z'),
        }),
        fc.array(fc.integer({ min: 0, max: 96 * 70 }), { maxLength: 80 }),
        (zone, start, quarters) => {
          const instants = [...new Set(quarters)]
            .sort((a, b) => a - b)
            .map((q) => new Date(start - (start % 60_000) + q * 15 * 60_000));
          expect(inZoneAll(instants, zone)).toEqual(instants.map((d) => inZone(d, zone)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to luxon where the offset has seconds (local mean time)', () => {
    const old = [new Date('1850-01-09T09:00:00Z'), new Date('1850-01-09T10:00:00Z')];
    expect(inZoneAll(old, 'Asia/Kolkata')).toEqual(old.map((d) => inZone(d, 'Asia/Kolkata')));
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
