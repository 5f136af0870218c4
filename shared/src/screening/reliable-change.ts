import type { InstrumentDefinition, JacobsonTruax } from './definition.js';
import { ScreeningError } from './errors.js';
import { round2 } from './model.js';
import type { ScaleScore, ScoreResult } from './score.js';
import { validateDefinition } from './validate.js';

/** |RC| above this (the two-tailed 95% z value) counts as reliable change. */
export const RELIABLE_CHANGE_CRITERION = 1.96;

export type ChangeDirection = 'improvement' | 'deterioration' | 'no reliable change' | 'unknown';

export interface ScaleChange {
  key: string;
  title: string;
  earlier: number | null;
  later: number | null;
  /** later - earlier, rounded to 2 decimals; null when either score is null. */
  change: number | null;
  /** Reliable change index rounded to 2 decimals; null without constants or with a null score. */
  rc: number | null;
  reliable: boolean;
  direction: ChangeDirection;
}

export interface ReliableChangeResult {
  scales: ScaleChange[];
  total: ScaleChange | null;
}

/**
 * Standard error of the difference between two scores (Jacobson & Truax, 1991):
 * sqrt(2 * SE^2) with SE = sd * sqrt(1 - r).
 */
export function standardErrorOfDifference(constants: JacobsonTruax): number {
  const se = constants.sd * Math.sqrt(1 - constants.reliability);
  return Math.sqrt(2 * se * se);
}

/**
 * The Jacobson-Truax reliable change index, RC = (x2 - x1) / SEdiff, unrounded.
 * |RC| > {@link RELIABLE_CHANGE_CRITERION} is reliable.
 */
export function reliableChangeIndex(
  earlier: number,
  later: number,
  constants: JacobsonTruax,
): number {
  return (later - earlier) / standardErrorOfDifference(constants);
}

function findScale(result: ScoreResult, key: string): ScaleScore | undefined {
  return result.total?.key === key ? result.total : result.scales.find((s) => s.key === key);
}

/**
 * Compares two results of the same instrument scale by scale (and the total).
 * Direction follows each scale's `higherIsWorse` (default true). Without Jacobson-Truax
 * constants, or when a score is null, only the raw change is given and direction is 'unknown'.
 *
 * @param def The instrument (either version's definition; scales are matched by key).
 * @param earlier The earlier result.
 * @param later The later result.
 * @throws {ScreeningError} when either result belongs to a different instrument.
 */
export function reliableChange(
  def: InstrumentDefinition,
  earlier: ScoreResult,
  later: ScoreResult,
): ReliableChangeResult {
  const valid = validateDefinition(def);
  for (const [name, r] of [
    ['earlier', earlier],
    ['later', later],
  ] as const) {
    if (r.instrumentKey !== valid.key) {
      throw new ScreeningError(
        `The ${name} result is for instrument '${r.instrumentKey}', not '${valid.key}'`,
      );
    }
  }
  const compareScale = (
    key: string,
    title: string,
    higherIsWorse: boolean,
    jt?: JacobsonTruax,
  ): ScaleChange => {
    const x1 = findScale(earlier, key)?.score ?? null;
    const x2 = findScale(later, key)?.score ?? null;
    const change = x1 === null || x2 === null ? null : round2(x2 - x1);
    if (x1 === null || x2 === null || !jt) {
      return {
        key,
        title,
        earlier: x1,
        later: x2,
        change,
        rc: null,
        reliable: false,
        direction: 'unknown',
      };
    }
    const rc = reliableChangeIndex(x1, x2, jt);
    const reliable = Math.abs(rc) > RELIABLE_CHANGE_CRITERION;
    let direction: ChangeDirection = 'no reliable change';
    if (reliable) direction = rc > 0 === higherIsWorse ? 'deterioration' : 'improvement';
    return { key, title, earlier: x1, later: x2, change, rc: round2(rc), reliable, direction };
  };
  return {
    scales: valid.scales.map((s) =>
      compareScale(s.key, s.title, s.higherIsWorse ?? true, s.jacobsonTruax),
    ),
    total: valid.total
      ? compareScale(
          valid.total.key,
          valid.total.title,
          valid.total.higherIsWorse ?? true,
          valid.total.jacobsonTruax,
        )
      : null,
  };
}
