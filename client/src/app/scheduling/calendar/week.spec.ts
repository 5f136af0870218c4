import type { AppointmentView } from '@attune/shared';
import { buildWeek } from './week';

const NY = 'America/New_York';

function appointment(id: string, startsAt: string, endsAt: string): AppointmentView {
  return {
    id,
    therapist: { id: 'maya', displayName: 'Maya Chen' },
    client: { id: 'riley', displayName: 'Riley Diaz' },
    type: { id: 'ongoing', name: 'Ongoing session', durationMinutes: 50 },
    startsAt,
    endsAt,
    status: 'booked',
    cancelReason: null,
    cancelledAt: null,
    lateCancel: false,
    overrideReason: null,
    bookedByClient: false,
    changeRequest: null,
    version: 1,
  };
}

describe('buildWeek', () => {
  const base = {
    monday: '2026-03-02',
    zone: NY,
    today: '2026-03-04',
    appointments: [
      appointment('late', '2026-03-03T03:30:00.000Z', '2026-03-03T04:20:00.000Z'), // Mon 10:30 PM EST
      appointment('a', '2026-03-09T13:00:00.000Z', '2026-03-09T13:50:00.000Z'), // next week
    ],
    slots: [
      '2026-03-02T09:00:00-05:00',
      '2026-03-02T09:15:00-05:00',
      '2026-03-02T09:30:00-05:00',
      '2026-03-08T09:00:00-04:00', // Sunday after the clocks change
    ],
    everyQuarter: false,
    showTherapist: true,
  };

  it('lays out Monday to Sunday by the practice-zone date', () => {
    const days = buildWeek(base);
    expect(days.map((d) => d.heading)).toEqual([
      'Monday, March 2',
      'Tuesday, March 3',
      'Wednesday, March 4',
      'Thursday, March 5',
      'Friday, March 6',
      'Saturday, March 7',
      'Sunday, March 8',
    ]);
    expect(days.map((d) => d.isToday)).toEqual([false, false, true, false, false, false, false]);
    // 03:30 UTC on Tuesday is still Monday evening in New York.
    const monday = days[0]!.items;
    expect(monday.map((i) => i.kind)).toEqual(['slot', 'slot', 'session']);
    expect(monday[2]).toMatchObject({ kind: 'session', time: '10:30 – 11:20 PM' });
  });

  it('names each free slot with its time and day, on the hour and half hour unless asked', () => {
    const days = buildWeek(base);
    const names = days.flatMap((d) => d.items.filter((i) => i.kind === 'slot').map((i) => i.name));
    expect(names).toEqual([
      'Book 9:00 AM Monday, March 2',
      'Book 9:30 AM Monday, March 2',
      'Book 9:00 AM Sunday, March 8',
    ]);
    const all = buildWeek({ ...base, everyQuarter: true });
    expect(all[0]!.items.filter((i) => i.kind === 'slot').map((i) => i.label)).toEqual([
      '9:00 AM',
      '9:15 AM',
      '9:30 AM',
    ]);
  });
});
