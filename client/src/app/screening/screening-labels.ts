import {
  type AlertLevel,
  type AlertSummary,
  NOT_VALIDATED_LABEL,
  type ScaleChange,
  type ScreeningStatus,
} from '@attune/shared';

/** How staff see a screening's status. */
export const STATUS_LABELS: Record<ScreeningStatus, string> = {
  assigned: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  cancelled: 'Withdrawn',
};

/** Said wherever an instrument or its score appears: how much weight the score can carry. */
export function validationLabel(validated: boolean): string {
  return validated ? 'Validated' : NOT_VALIDATED_LABEL;
}

/**
 * A score with one decimal (the engine keeps two; one is as precise as these scores deserve),
 * or a dash when there is none.
 */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(1);
}

/** A change with its sign: "+0.3", "−0.5", "0.0". */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  if (change > 0) return `+${change.toFixed(1)}`;
  if (change < 0) return `−${Math.abs(change).toFixed(1)}`;
  return '0.0';
}

/** How staff see an alert level. */
export const LEVEL_LABELS: Record<AlertLevel, string> = {
  immediate: 'Immediate',
  urgent: 'Urgent',
  'check-in': 'Check-in',
};

export const LEVEL_ICONS: Record<AlertLevel, string> = {
  immediate: 'emergency',
  urgent: 'priority_high',
  'check-in': 'support_agent',
};

/**
 * Staff words for an instrument's note. Some notes are written as a client would read them
 * ("for discussion with your therapist"); on staff pages that reads as if to the client.
 */
export function forStaff(note: string): string {
  return note
    .replace(/\bwith your therapist\b/gi, 'in session')
    .replace(/\byour therapist\b/gi, 'the therapist');
}

/** Why an alert was raised, in a few words. */
export function reasonLabel(alert: Pick<AlertSummary, 'reason'>): string {
  switch (alert.reason) {
    case 'declined':
      return 'Chose "Prefer not to answer"';
    case 'unanswered':
      return 'Safety question not answered';
    default:
      return 'Answered';
  }
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
