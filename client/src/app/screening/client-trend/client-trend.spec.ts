import type { ScreeningSummary } from '@attune/shared';
import { instrumentTrends } from './client-trend';

function s(
  id: string,
  key: string,
  submittedAt: string | null,
  total: number | null,
  status: ScreeningSummary['status'] = 'submitted',
): ScreeningSummary {
  return {
    id,
    clientId: 'c',
    instrument: { id: key, key, version: 1, title: key.toUpperCase(), validated: key !== 'ppc' },
    status,
    dueAt: null,
    note: null,
    createdAt: '2026-01-01T00:00:00Z',
    submittedAt,
    result:
      status === 'submitted'
        ? ({
            instrumentKey: key,
            scales: [],
            total: {
              key: 'total',
              title: 'Total',
              score: total,
              answered: 1,
              missing: 0,
              itemCount: 1,
              band: null,
              context: false,
            },
          } as unknown as ScreeningSummary['result'])
        : null,
    openAlerts: 0,
    openAlertLevel: null,
  };
}

describe('instrumentTrends', () => {
  it('groups submitted totals by instrument, oldest first, the latest-used instrument first', () => {
    const trends = instrumentTrends([
      s('3', 'ppc', '2026-03-01T00:00:00Z', 2.5),
      s('1', 'ppc', '2026-01-01T00:00:00Z', 1.5),
      s('2', 'phq9', '2026-02-01T00:00:00Z', 12),
      s('4', 'ppc', null, null, 'in_progress'),
    ]);
    expect(trends.map((t) => t.key)).toEqual(['ppc', 'phq9']);
    expect(trends[0]!.points.map((p) => p.score)).toEqual([1.5, 2.5]);
    expect(trends[0]!.validated).toBe(false);
    expect(trends[1]!.points).toHaveLength(1);
  });
});
