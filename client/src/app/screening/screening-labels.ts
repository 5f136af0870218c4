import type { ScaleChange, ScreeningStatus } from '@attune/shared';

/** How staff see a screening's status. */
export const STATUS_LABELS: Record<ScreeningStatus, string> = {
  assigned: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  cancelled: 'Withdrawn',
};

export function validationLabel(validated: boolean): string {
  return validated ? 'Validated' : 'Not validated';
}

/** A score with two decimals, or a dash when there is none. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(2);
}

/** A change with its sign: "+0.33", "−0.50", "0.00". */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  if (change > 0) return `+${change.toFixed(2)}`;
  if (change < 0) return `−${Math.abs(change).toFixed(2)}`;
  return '0.00';
}

/**
 * The reliable change wording shown next to a raw change (Jacobson-Truax). Without norm data
 * (no s1 and r for the scale) only the raw change is meaningful, and the label says so.
 */
export function changeLabel(change: ScaleChange): string {
  if (change.change === null) return 'no comparison (a score is missing)';
  if (change.rc === null) return 'raw change only (no norm data)';
  switch (change.direction) {
    case 'improvement':
      return 'reliable improvement';
    case 'deterioration':
      return 'reliable deterioration';
    default:
      return 'no reliable change';
  }
}
