// Internal helpers over a definition that is already known to be valid.
import type {
  AnswerOption,
  InstrumentDefinition,
  ItemDefinition,
  ScaleDefinition,
} from './definition.js';

export interface Range {
  min: number;
  max: number;
}

/** Every item of the definition in document order. */
export function flattenItems(def: InstrumentDefinition): ItemDefinition[] {
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

/** Round half away from zero to two decimals, without binary floating-point surprises (1.005 → 1.01). */
export function round2(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const abs = String(Math.abs(x));
  // Exponent notation (very large or tiny numbers) cannot take the decimal shift trick.
  const result = abs.includes('e')
    ? sign * (Math.round(Math.abs(x) * 100) / 100)
    : sign * Number(`${Math.round(Number(`${abs}e2`))}e-2`);
  return Object.is(result, -0) ? 0 : result;
}
