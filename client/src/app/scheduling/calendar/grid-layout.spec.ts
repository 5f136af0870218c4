import type { CalendarSession, CalendarTherapist, CalendarView } from '@attune/shared';
import { buildGrid, clockOf, gridItems, minuteOn, nextItem } from './grid-layout';

const NY = 'America/New_York';

function session(
  id: string,
  startsAt: string,
  minutes: number,
  over: Partial<CalendarSession> = {},
): CalendarSession {
  return {
    id,
    therapist: { id: 'maya', displayName: 'Maya Chen' },
    client: { id: `c-${id}`, displayName: 'Riley Diaz', shortName: 'Riley D.' },
    type: { id: 'ongoing', name: 'Ongoing session', durationMinutes: minutes, kind: 'ongoing' },
    startsAt,
    endsAt: new Date(new Date(startsAt).getTime() + minutes * 60_000).toISOString(),
    status: 'booked',
    cancelReason: null,
    cancelledAt: null,
    lateCancel: false,
    overrideReason: null,
    bookedByClient: false,
    changeRequest: null,
    version: 1,
    ...over,
  };
}

function therapist(id: string, name: string, over: Partial<CalendarTherapist> = {}) {
  return {
    id,
    displayName: name,
    timeZone: NY,
    workingHours: [],
    timeOff: [],
    freeSlots: [],
    ...over,
  } satisfies CalendarTherapist;
}

function view(over: Partial<CalendarView>): CalendarView {
  return {
    timeZone: NY,
    from: '2026-03-02T05:00:00.000Z',
    to: '2026-03-09T04:00:00.000Z',
    now: '2026-03-04T15:30:00.000Z',
    type: { id: 'ongoing', name: 'Ongoing session', durationMinutes: 50 },
    therapists: [],
    sessions: [],
    ...over,
  };
}

describe('buildGrid: one therapist across a week', () => {
  // Monday 2026-03-02 … Sunday 2026-03-08 (US clocks spring forward that Sunday).
  const grid = buildGrid({
    view: view({
      therapists: [
        therapist('maya', 'Maya Chen', {
          workingHours: [
            // Monday and Friday 09:00-17:00 EST.
            { startsAt: '2026-03-02T14:00:00.000Z', endsAt: '2026-03-02T22:00:00.000Z' },
            { startsAt: '2026-03-06T14:00:00.000Z', endsAt: '2026-03-06T22:00:00.000Z' },
          ],
          timeOff: [
            {
              id: 'off',
              startsAt: '2026-03-05T05:00:00.000Z',
              endsAt: '2026-03-06T05:00:00.000Z',
              reason: 'Training',
            },
          ],
          freeSlots: ['2026-03-02T14:00:00.000Z', '2026-03-02T14:15:00.000Z'],
        }),
      ],
      sessions: [session('a', '2026-03-02T15:00:00.000Z', 50)],
    }),
    mode: 'week',
    date: '2026-03-02',
    zone: NY,
    now: new Date('2026-03-04T15:30:00.000Z'),
  });

  it('has seven day columns with short headings, today marked with the minute of now', () => {
    expect(grid.columns.map((c) => c.heading)).toEqual([
      'Mon 2',
      'Tue 3',
      'Wed 4',
      'Thu 5',
      'Fri 6',
      'Sat 7',
      'Sun 8',
    ]);
    expect(grid.columns.map((c) => c.isToday)).toEqual([
      false,
      false,
      true,
      false,
      false,
      false,
      false,
    ]);
    // 15:30Z is 10:30 EST.
    expect(grid.columns[2]!.now).toBe(10 * 60 + 30);
    expect(grid.columns[0]!.now).toBeNull();
  });

  it('draws from an hour before the first working hour to an hour after the last', () => {
    expect([grid.start, grid.end]).toEqual([8 * 60, 18 * 60]);
    expect(grid.hours.map((h) => h.label)).toEqual([
      '8 AM',
      '9 AM',
      '10 AM',
      '11 AM',
      '12 PM',
      '1 PM',
      '2 PM',
      '3 PM',
      '4 PM',
      '5 PM',
    ]);
  });

  it('places sessions, working hours, time off and free starts by wall-clock minute', () => {
    const monday = grid.columns[0]!;
    expect(monday.hours).toEqual([{ start: 540, end: 1020 }]);
    expect(monday.sessions).toHaveLength(1);
    expect(monday.sessions[0]).toMatchObject({
      start: 600,
      end: 650,
      lane: 0,
      lanes: 1,
      label: 'Riley D., Ongoing session, 10:00 AM to 10:50 AM, Monday, March 2',
      time: '10:00 AM to 10:50 AM',
      rest: ', Monday, March 2',
    });
    expect(monday.free.map((f) => [f.start, f.end, f.label])).toEqual([
      [540, 555, 'Book 9:00 AM Monday, March 2'],
      [555, 570, 'Book 9:15 AM Monday, March 2'],
    ]);
    expect(grid.columns[3]!.timeOff).toEqual([
      { id: 'off', start: 0, end: 1440, label: 'Time off, all day: Training' },
    ]);
    expect(monday.summary).toBe('Monday, March 2, Maya Chen: 1 session, 2 free times');
    expect(grid.columns[3]!.summary).toBe(
      'Thursday, March 5, Maya Chen: not working, 0 sessions, 0 free times, time off',
    );
    // In time order, as a screen reader reads the column.
    expect(monday.entries.map((e) => e.kind)).toEqual(['free', 'free', 'session']);
  });
});

describe('buildGrid: therapists side by side on one day', () => {
  it('names the therapist in labels, and sets overlapping sessions side by side', () => {
    const grid = buildGrid({
      view: view({
        therapists: [
          therapist('maya', 'Maya Chen', { freeSlots: ['2026-03-09T17:00:00.000Z'] }),
          therapist('theo', 'Theo Rivera'),
        ],
        sessions: [
          // Monday 2026-03-09 is after the spring change: 13:00Z is 9:00 EDT.
          session('a', '2026-03-09T13:00:00.000Z', 50),
          session('b', '2026-03-09T13:30:00.000Z', 50, {
            status: 'cancelled',
            lateCancel: true,
          }),
          session('c', '2026-03-09T15:00:00.000Z', 60, {
            therapist: { id: 'theo', displayName: 'Theo Rivera' },
          }),
        ],
      }),
      mode: 'day',
      date: '2026-03-09',
      zone: NY,
      now: new Date('2026-03-01T12:00:00.000Z'),
    });
    expect(grid.columns.map((c) => c.heading)).toEqual(['Maya Chen', 'Theo Rivera']);
    const [maya, theo] = grid.columns;
    expect(maya!.sessions.map((s) => [s.start, s.lane, s.lanes, s.movable])).toEqual([
      [540, 0, 2, true],
      [570, 1, 2, false],
    ]);
    expect(maya!.sessions[1]!.label).toBe(
      'Riley D., Ongoing session, 9:30 AM to 10:20 AM, Monday, March 9, with Maya Chen, Cancelled (late cancellation)',
    );
    expect(maya!.free[0]!.label).toBe('Book 1:00 PM Monday, March 9 with Maya Chen');
    expect(theo!.sessions.map((s) => [s.start, s.end])).toEqual([[660, 720]]);
    expect(grid.columns.every((c) => c.now === null)).toBe(true);
  });

  it('keeps 9:00 on the 9 AM line across the clock change (wall-clock minutes)', () => {
    expect(minuteOn('2026-03-06T14:00:00.000Z', '2026-03-06', NY)).toBe(540); // EST
    expect(minuteOn('2026-03-09T13:00:00.000Z', '2026-03-09', NY)).toBe(540); // EDT
    expect(minuteOn('2026-03-09T13:00:00.000Z', '2026-03-08', NY)).toBe(1440);
    expect(minuteOn('2026-03-09T13:00:00.000Z', '2026-03-10', NY)).toBe(0);
    expect(clockOf(615)).toBe('10:15');
  });

  it('shows 8 AM to 6 PM when there is nothing to draw', () => {
    const grid = buildGrid({
      view: view({ therapists: [therapist('maya', 'Maya Chen')] }),
      mode: 'day',
      date: '2026-03-09',
      zone: NY,
      now: new Date('2026-03-01T12:00:00.000Z'),
    });
    expect([grid.start, grid.end]).toEqual([480, 1080]);
  });
});

describe('keyboard navigation', () => {
  const items = [
    { key: 'a1', column: 0, start: 540 },
    { key: 'a2', column: 0, start: 600 },
    { key: 'a3', column: 0, start: 660 },
    { key: 'c1', column: 2, start: 590 },
    { key: 'c2', column: 2, start: 700 },
  ];

  it('walks a column up and down, and to its ends', () => {
    expect(nextItem(items, 'a2', 'ArrowDown')).toBe('a3');
    expect(nextItem(items, 'a3', 'ArrowDown')).toBe('a3');
    expect(nextItem(items, 'a2', 'ArrowUp')).toBe('a1');
    expect(nextItem(items, 'a1', 'ArrowUp')).toBe('a1');
    expect(nextItem(items, 'a1', 'End')).toBe('a3');
    expect(nextItem(items, 'a3', 'Home')).toBe('a1');
  });

  it('crosses to the nearest time in the next column that has any', () => {
    expect(nextItem(items, 'a2', 'ArrowRight')).toBe('c1');
    expect(nextItem(items, 'a3', 'ArrowRight')).toBe('c2');
    expect(nextItem(items, 'c1', 'ArrowLeft')).toBe('a2');
    expect(nextItem(items, 'c1', 'ArrowRight')).toBe('c1');
    expect(nextItem(items, 'gone', 'ArrowDown')).toBe('a1');
  });

  it('lists sessions before free times that start with them', () => {
    const grid = buildGrid({
      view: view({
        therapists: [
          therapist('maya', 'Maya Chen', {
            freeSlots: ['2026-03-09T13:00:00.000Z', '2026-03-09T14:00:00.000Z'],
          }),
        ],
        sessions: [session('a', '2026-03-09T13:00:00.000Z', 50, { status: 'cancelled' })],
      }),
      mode: 'day',
      date: '2026-03-09',
      zone: NY,
      now: new Date('2026-03-01T12:00:00.000Z'),
    });
    expect(gridItems(grid).map((i) => i.key)).toEqual([
      's:a',
      'f:maya:2026-03-09T13:00:00.000Z',
      'f:maya:2026-03-09T14:00:00.000Z',
    ]);
  });
});
