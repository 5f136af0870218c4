import type { AppointmentView } from '@attune/shared';
import { agendaDays } from './agenda';

const CHICAGO = 'America/Chicago';

function session(id: string, startsAt: string, status: AppointmentView['status'] = 'booked') {
  const end = new Date(new Date(startsAt).getTime() + 50 * 60_000).toISOString();
  return {
    id,
    therapist: { id: 't', displayName: 'Theo Rivera' },
    client: { id: `c-${id}`, displayName: `Client ${id}` },
    type: { id: 'ongoing', name: 'Ongoing session', durationMinutes: 50 },
    startsAt,
    endsAt: end,
    status,
    cancelReason: null,
    cancelledAt: null,
    lateCancel: false,
    overrideReason: null,
    bookedByClient: false,
    changeRequest: null,
    version: 1,
  } satisfies AppointmentView;
}

describe('agendaDays', () => {
  // Tuesday 9 June 2026 in Chicago (CDT, UTC-5).
  const list = [
    session('yesterday', '2026-06-09T04:00:00Z'), // Mon 23:00
    session('early', '2026-06-09T05:30:00Z'), // 00:30
    session('done', '2026-06-09T14:00:00Z', 'completed'),
    session('cancelled', '2026-06-09T15:00:00Z', 'cancelled'),
    session('lunch', '2026-06-09T17:30:00Z'), // 12:30
    session('late', '2026-06-10T04:05:00Z'), // 23:05
    session('tomorrow', '2026-06-10T05:15:00Z'), // Wed 00:15
    session('old-outcome', '2026-06-11T15:00:00Z', 'no_show'),
  ];

  it("keeps a session that started earlier today on today's list (the missing 12:30)", () => {
    const days = agendaDays(list, CHICAGO, new Date('2026-06-09T18:05:00Z')); // 13:05
    expect(days.map((d) => d.date)).toEqual(['2026-06-09', '2026-06-10']);
    expect(days[0]!.isToday).toBe(true);
    expect(days[0]!.heading).toBe('Today, Tuesday, June 9, 2026');
    expect(days[0]!.sessions.map((s) => s.id)).toEqual(['early', 'done', 'lunch', 'late']);
    expect(days[1]!.sessions.map((s) => s.id)).toEqual(['tomorrow']);
  });

  it('reads the day on the practice clock late in the evening, not the UTC date', () => {
    const days = agendaDays(list, CHICAGO, new Date('2026-06-10T02:30:00Z')); // 21:30
    expect(days[0]!.date).toBe('2026-06-09');
    expect(days[0]!.sessions.map((s) => s.id)).toContain('lunch');
  });

  it('holds both 01:30s of the fall-back day', () => {
    const fall = [session('cdt', '2026-11-01T06:30:00Z'), session('cst', '2026-11-01T07:30:00Z')];
    const days = agendaDays(fall, CHICAGO, new Date('2026-11-02T05:30:00Z')); // Nov 1, 23:30 CST
    expect(days).toHaveLength(1);
    expect(days[0]!.sessions.map((s) => s.id)).toEqual(['cdt', 'cst']);
  });
});
