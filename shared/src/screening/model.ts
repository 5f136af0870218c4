// Internal helpers over a definition that is already known to be valid.
import Fraction from 'fraction.js';
import type {
  AnswerOption,
  InstrumentDefinition,
  ItemDefinition,
  ScaleDefinition,
  SectionDefinition,
} from './definition.js';

export interface Range {
  min: number;
  max: number;
}

/** Every item of the definition in document order. */
export function flattenItems(def: { sections: readonly SectionDefinition[] }): ItemDefinition[] {
  return def.sections.flatMap((s) => s.items);
}

/** Options that are real answers (not "prefer not to answer"). */
export function answeringOptions(item: ItemDefinition): AnswerOption[] {
  return (item.options ?? []).filter((o) => !o.declines);
}

/** The range of points an item can add to a scale, or null when it cannot be scored. */
export function itemScoreRange(item: ItemDefinition): Range | null {
  if (item.type === 'choice') {
    const weights = answeringOptions(item).map((o) => o.weight);
    if (weights.length === 0 || weights.some((w) => typeof w !== 'number')) return null;
    const nums = weights as number[];
    return { min: Math.min(...nums), max: Math.max(...nums) };
  }
  if (item.type === 'integer' && typeof item.min === 'number' && typeof item.max === 'number') {
    return { min: item.min, max: item.max };
  }
  return null;
}

/** The range a scale's score can take, given valid scored items. */
export function scaleScoreRange(scale: ScaleDefinition, ranges: Range[]): Range {
  if (scale.method === 'sum') {
    return {
      min: ranges.reduce((acc, r) => acc + r.min, 0),
      max: ranges.reduce((acc, r) => acc + r.max, 0),
    };
  }
  return { min: Math.min(...ranges.map((r) => r.min)), max: Math.max(...ranges.map((r) => r.max)) };
}

/** All scales of a definition with the total (if any) last. */
export function allScales(def: InstrumentDefinition): ScaleDefinition[] {
  return def.total ? [...def.scales, def.total] : [...def.scales];
}

/**
 * The exact rational value of a JavaScript number as written in decimal (0.1 is 1/10, not the
 * nearest binary fraction), so sums and means of weights carry no floating-point error.
 */
export function exact(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const text = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new RangeError(`cannot read ${text} as a decimal`);
  const [, sign, whole, frac = '', exp = '0'] = m;
  const digits = BigInt(`${whole}${frac}`);
  const shift = Number(exp) - frac.length;
  const value =
    shift >= 0
      ? new Fraction(digits * 10n ** BigInt(shift), 1n)
      : new Fraction(digits, 10n ** BigInt(-shift));
  return sign ? value.neg() : value;
}

/** Rounds an exact value half away from zero to `places` decimals (18.425 → 18.43, -0.125 → -0.13). */
export function roundExact(x: Fraction, places = 2): number {
  const scale = new Fraction(10n ** BigInt(places), 1n);
  const scaled = x.abs().mul(scale);
  const floor = scaled.floor();
  const up = scaled.sub(floor).compare(new Fraction(1n, 2n)) >= 0;
  const magnitude = (up ? floor.add(1) : floor).div(scale);
  // A terminating decimal: its string is exact, and Number() gives the nearest double.
  const result = Number(magnitude.toString(places + 2)) * (x.s < 0n ? -1 : 1);
  return Object.is(result, -0) ? 0 : result;
}

/** Round half away from zero to two decimals, exactly (1.005 → 1.01). */
export function round2(x: number): number {
  return roundExact(exact(x), 2);
}
