import Fraction from 'fraction.js';
import {
  ALERT_LEVEL_RANK,
  type AlertLevel,
  type AnswerOption,
  type AnswerValue,
  type Answers,
  type ConditionOperator,
  type CriticalCondition,
  type CriticalItem,
  type FlagReason,
  type InstrumentDefinition,
  type ItemDefinition,
  type ScaleDefinition,
  type SectionDefinition,
  type SeverityLevel,
} from './definition.js';
import { AnswerError } from './errors.js';
import { allScales, exact, flattenItems, itemScoreRange, roundExact, type Range } from './model.js';
import { validateDefinition } from './validate.js';

/**
 * Version of the scoring rules; stored with every result so old results stay explainable.
 * 2.0.0: exact decimal arithmetic; declined and unanswered critical items raise CHECK-IN flags;
 * "right now" follow-ups raise IMMEDIATE.
 */
export const ENGINE_VERSION = '2.0.0';

/** Clinician wording for a critical item declined or left blank, when the definition has none. */
export const DEFAULT_DECLINED_MESSAGE =
  'The client chose "Prefer not to answer" on a safety question. Check in with them about their safety.';
export const DEFAULT_UNANSWERED_MESSAGE =
  'Safety question not answered: the client sent the screener without answering it. Check in with them about their safety.';

// Tolerance for comparing shares and band edges computed in floating point.
const EPSILON = 1e-9;

export interface BandResult {
  label: string;
  severity: SeverityLevel;
}

export interface ScaleScore {
  key: string;
  title: string;
  /** Rounded to 2 decimals; null when fewer items were answered than the scale's minAnsweredShare. */
  score: number | null;
  answered: number;
  missing: number;
  /** Scored items of the scale that were enabled for this person. */
  itemCount: number;
  band: BandResult | null;
  domainTag?: string;
  /** True for background scales that are never part of the total. */
  context: boolean;
}

export interface Flag {
  /** The critical item (a follow-up's answer is reported on its critical item). */
  linkId: string;
  severity: AlertLevel;
  message: string;
  reason: FlagReason;
  /**
   * Orders answers within one level, higher is worse: the chosen option's weight (or its place
   * in the list), so "often" after "rarely" counts as a worse answer at the same level.
   */
  rank: number;
  /** Set when the "right now" follow-up was met (the flag is then IMMEDIATE). */
  rightNow?: boolean;
}

export interface ScoreOptions {
  /**
   * True when scoring a submission: enabled critical items with no answer then raise a CHECK-IN
   * ("safety question not answered"). Drafts leave them alone.
   */
  submitted?: boolean;
}

export interface ScoreResult {
  engineVersion: string;
  instrumentKey: string;
  instrumentVersion: number;
  scales: ScaleScore[];
  total: ScaleScore | null;
  flags: Flag[];
  /** Enabled items used by a scale or a critical item that have no answer (declined included). */
  missingItems: string[];
  /** Enabled critical items left without any answer at submit ("safety question not answered"). */
  unansweredCritical: string[];
  /** Enabled items answered with "prefer not to answer". */
  declinedItems: string[];
  /** Items hidden by enableWhen; their answers are ignored entirely. */
  disabledItems: string[];
}

/** An answer after checking: a value (with its option for choice items) or a decline. */
export type Checked =
  { kind: 'value'; value: AnswerValue; option?: AnswerOption } | { kind: 'declined' };

function describe(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v));
}

function checkOne(item: ItemDefinition, raw: unknown): Checked {
  const id = item.linkId;
  if (item.type === 'display') {
    throw new AnswerError(`Item '${id}' only shows text and takes no answer`, id);
  }
  if (item.readOnly || item.type === 'decimal') {
    throw new AnswerError(`Item '${id}' is calculated and takes no answer`, id);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AnswerError(`Answer to '${id}' must be { value } or { declined: true }`, id);
  }
  const entry = raw as Record<string, unknown>;
  const keys = Object.keys(entry);
  if (keys.length === 1 && keys[0] === 'declined') {
    if (entry['declined'] !== true) {
      throw new AnswerError(`Answer to '${id}': "declined" can only be true`, id);
    }
    return { kind: 'declined' };
  }
  if (keys.length !== 1 || keys[0] !== 'value') {
    throw new AnswerError(`Answer to '${id}' must be { value } or { declined: true }`, id);
  }
  const value = entry['value'];
  switch (item.type) {
    case 'choice': {
      const option =
        typeof value === 'string' ? item.options?.find((o) => o.code === value) : undefined;
      if (!option) {
        const codes = (item.options ?? []).map((o) => o.code).join(', ');
        throw new AnswerError(
          `Answer to '${id}' is ${describe(value)}, which is not one of its option codes (${codes})`,
          id,
        );
      }
      return option.declines ? { kind: 'declined' } : { kind: 'value', value: option.code, option };
    }
    case 'integer': {
      if (!Number.isInteger(value)) {
        throw new AnswerError(
          `Answer to '${id}' must be a whole number, not ${describe(value)}`,
          id,
        );
      }
      const n = value as number;
      if ((item.min !== undefined && n < item.min) || (item.max !== undefined && n > item.max)) {
        throw new AnswerError(
          `Answer to '${id}' is ${n}, outside ${item.min ?? '-∞'} to ${item.max ?? '∞'}`,
          id,
        );
      }
      return { kind: 'value', value: n };
    }
    case 'boolean':
      if (typeof value !== 'boolean') {
        throw new AnswerError(
          `Answer to '${id}' must be true or false, not ${describe(value)}`,
          id,
        );
      }
      return { kind: 'value', value };
    case 'text':
      if (typeof value !== 'string') {
        throw new AnswerError(`Answer to '${id}' must be text, not ${describe(value)}`, id);
      }
      return { kind: 'value', value };
  }
}

/** The part of a definition that answers are checked against (the client's view has no more). */
export type ItemsOnly = { sections: readonly SectionDefinition[] };

/** @internal Checks every answer; shared with the FHIR export. */
export function checkAll(def: ItemsOnly, answers: unknown): Map<string, Checked> {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new AnswerError('Answers must be an object keyed by linkId');
  }
  const byId = new Map(flattenItems(def).map((i) => [i.linkId, i]));
  const checked = new Map<string, Checked>();
  for (const [linkId, raw] of Object.entries(answers)) {
    const item = byId.get(linkId);
    if (!item) throw new AnswerError(`Answer given for unknown item '${linkId}'`, linkId);
    checked.set(linkId, checkOne(item, raw));
  }
  return checked;
}

function compare(
  operator: ConditionOperator,
  actual: number | string | boolean,
  expected: AnswerValue,
): boolean {
  switch (operator) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>':
      return (actual as number) > (expected as number);
    case '<':
      return (actual as number) < (expected as number);
    case '>=':
      return (actual as number) >= (expected as number);
    case '<=':
      return (actual as number) <= (expected as number);
    case 'exists':
      return true;
  }
}

/**
 * Tests one condition against a (possibly absent) answer. A declined or missing answer
 * has no value: 'exists' is false, '!=' holds (no answer equals the value, as in FHIR),
 * every other operator fails.
 */
function test(
  operator: ConditionOperator,
  expected: AnswerValue,
  answer: Checked | undefined,
): boolean {
  const valued = answer?.kind === 'value' ? answer : undefined;
  if (operator === 'exists') return (valued !== undefined) === expected;
  if (!valued) return operator === '!=';
  // A number against a choice answer compares the option's weight (critical items).
  const actual =
    valued.option && typeof expected === 'number' ? (valued.option.weight as number) : valued.value;
  return compare(operator, actual, expected);
}

/** @internal Walks items in order; a condition on a disabled question sees no answer. */
export function enabledAnswers(
  def: ItemsOnly,
  checked: Map<string, Checked>,
): { enabled: Set<string>; effective: Map<string, Checked> } {
  const enabled = new Set<string>();
  const effective = new Map<string, Checked>();
  for (const item of flattenItems(def)) {
    const conditions = item.enableWhen ?? [];
    const results = conditions.map((c) => test(c.operator, c.answer, effective.get(c.question)));
    const on =
      conditions.length === 0 ||
      ((item.enableBehavior ?? 'all') === 'any' ? results.some(Boolean) : results.every(Boolean));
    if (!on) continue;
    enabled.add(item.linkId);
    const answer = checked.get(item.linkId);
    if (answer) effective.set(item.linkId, answer);
  }
  return { enabled, effective };
}

function bandFor(scale: ScaleDefinition, score: number): BandResult | null {
  const bands = scale.bands ?? [];
  let found: BandResult | null = null;
  for (const b of bands) {
    if (score >= b.min - EPSILON) found = { label: b.label, severity: b.severity };
  }
  const last = bands[bands.length - 1];
  if (!last || score > last.max + EPSILON) return null;
  return found;
}

function scoreScale(
  scale: ScaleDefinition,
  byId: Map<string, ItemDefinition>,
  enabled: Set<string>,
  effective: Map<string, Checked>,
): ScaleScore {
  const answeredPoints: { points: Fraction; range: Range }[] = [];
  const missingRanges: Range[] = [];
  for (const linkId of scale.items) {
    if (!enabled.has(linkId)) continue;
    const item = byId.get(linkId) as ItemDefinition;
    const range = itemScoreRange(item) as Range;
    const answer = effective.get(linkId);
    if (answer?.kind === 'value') {
      const points = answer.option ? (answer.option.weight as number) : (answer.value as number);
      answeredPoints.push({ points: exact(points), range });
    } else missingRanges.push(range);
  }
  const answered = answeredPoints.length;
  const itemCount = answered + missingRanges.length;
  let score: number | null = null;
  // The share test is exact too: answered / itemCount >= minAnsweredShare.
  if (
    itemCount > 0 &&
    answered > 0 &&
    new Fraction(answered, itemCount).compare(exact(scale.minAnsweredShare)) >= 0
  ) {
    // Exact rational arithmetic throughout, rounded once at the end (half away from zero).
    const sum = answeredPoints.reduce((acc, a) => acc.add(a.points), new Fraction(0));
    let value: Fraction;
    if (scale.method === 'mean') value = sum.div(answered);
    else {
      // Fill each missing item at the person's average position within the answered items' ranges.
      const position = answeredPoints
        .reduce(
          (acc, a) =>
            acc.add(
              a.points.sub(exact(a.range.min)).div(exact(a.range.max).sub(exact(a.range.min))),
            ),
          new Fraction(0),
        )
        .div(answered);
      value = missingRanges.reduce(
        (acc, r) => acc.add(exact(r.min)).add(position.mul(exact(r.max).sub(exact(r.min)))),
        sum,
      );
    }
    score = roundExact(value, 2);
  }
  const result: ScaleScore = {
    key: scale.key,
    title: scale.title,
    score,
    answered,
    missing: itemCount - answered,
    itemCount,
    band: score === null ? null : bandFor(scale, score),
    context: scale.context === true,
  };
  if (scale.domainTag !== undefined) result.domainTag = scale.domainTag;
  return result;
}

/** A level read from a definition; 'review' (older definitions) reads as CHECK-IN. */
function levelOf(severity: string): AlertLevel {
  return severity === 'immediate' || severity === 'urgent' ? severity : 'check-in';
}

/** Where a valued answer sits among the item's answers: its weight, else its place in the list. */
function rankOf(item: ItemDefinition | undefined, answer: Checked): number {
  if (answer.kind !== 'value') return 0;
  if (answer.option) {
    if (typeof answer.option.weight === 'number') return answer.option.weight;
    return (item?.options ?? []).filter((o) => !o.declines).indexOf(answer.option);
  }
  return typeof answer.value === 'number' ? answer.value : answer.value === true ? 1 : 0;
}

/** The parts of a critical item the runner needs to show help at once (no clinician wording). */
export type CriticalTrigger = Pick<CriticalItem, 'linkId' | 'condition' | 'answerCodes'> & {
  followUp?: { linkId: string; condition?: CriticalCondition; answerCodes?: string[] };
};

/** Whether a (present) answer is a critical one. */
function meets(c: CriticalTrigger, answer: Checked | undefined): boolean {
  if (answer?.kind !== 'value') return false;
  if (c.answerCodes) return !!answer.option && c.answerCodes.includes(answer.option.code);
  return !!c.condition && test(c.condition.operator, c.condition.value, answer);
}

/** @internal Whether choosing option `code` of a choice item meets a critical condition. */
export function meetsCondition(
  item: ItemDefinition,
  condition: CriticalCondition,
  code: string,
): boolean {
  const option = item.options?.find((o) => o.code === code);
  if (!option || option.declines) return false;
  return test(condition.operator, condition.value, { kind: 'value', value: code, option });
}

/** What a critical item's answer comes to, before any wording. */
export interface CriticalOutcome {
  linkId: string;
  reason: FlagReason;
  /** True when the "right now" follow-up was met. */
  rightNow: boolean;
  rank: number;
}

/**
 * @internal The outcome of each critical item for these (checked, enabled) answers: a critical
 * answer, a decline, or (when `submitted`) no answer at all. Shared by the engine and the runner.
 */
export function criticalOutcomes(
  def: ItemsOnly,
  critical: readonly (CriticalTrigger & { declinedCountsAsPositive?: boolean })[],
  enabled: Set<string>,
  effective: Map<string, Checked>,
  submitted: boolean,
): CriticalOutcome[] {
  const byId = new Map(flattenItems(def).map((i) => [i.linkId, i]));
  const out: CriticalOutcome[] = [];
  for (const c of critical) {
    if (!enabled.has(c.linkId)) continue;
    const answer = effective.get(c.linkId);
    if (answer?.kind === 'declined') {
      if (c.declinedCountsAsPositive !== false)
        out.push({ linkId: c.linkId, reason: 'declined', rightNow: false, rank: 0 });
    } else if (meets(c, answer)) {
      const follow = c.followUp;
      const rightNow =
        !!follow && enabled.has(follow.linkId) && meets(follow, effective.get(follow.linkId));
      out.push({
        linkId: c.linkId,
        reason: 'answered',
        rightNow,
        rank: rankOf(byId.get(c.linkId), answer!),
      });
    } else if (!answer && submitted) {
      out.push({ linkId: c.linkId, reason: 'unanswered', rightNow: false, rank: 0 });
    }
  }
  return out;
}

function toFlag(c: CriticalItem, o: CriticalOutcome): Flag {
  const base = { linkId: c.linkId, reason: o.reason, rank: o.rank };
  switch (o.reason) {
    case 'declined':
      return {
        ...base,
        severity: 'check-in',
        message: c.declinedMessage ?? DEFAULT_DECLINED_MESSAGE,
      };
    case 'unanswered':
      return {
        ...base,
        severity: 'check-in',
        message: c.unansweredMessage ?? DEFAULT_UNANSWERED_MESSAGE,
      };
    case 'answered':
      if (o.rightNow && c.followUp) {
        return {
          ...base,
          severity: levelOf(c.followUp.severity),
          message: c.followUp.message,
          rightNow: true,
        };
      }
      return { ...base, severity: levelOf(c.severity), message: c.message };
  }
}

/** True when `a` is a worse (more urgent) flag than `b`: a higher level, or a worse answer at the same level. */
export function isWorse(
  a: { severity: AlertLevel; rank: number },
  b: { severity: AlertLevel; rank: number },
): boolean {
  const la = ALERT_LEVEL_RANK[a.severity];
  const lb = ALERT_LEVEL_RANK[b.severity];
  return la !== lb ? la > lb : a.rank > b.rank;
}

/**
 * Checks answers against an instrument without scoring them (e.g. on draft save).
 *
 * @throws {DefinitionError} when the definition itself is invalid.
 * @throws {AnswerError} naming the linkId of an unknown item, an invalid option code, a value
 *   of the wrong type, an integer out of range or an answer to a display item.
 */
export function checkAnswers(def: InstrumentDefinition, answers: Answers): void {
  checkAll(validateDefinition(def), answers);
}

/**
 * The linkIds of the items that enableWhen shows for these answers, in document order.
 * Clients use this to show follow-up questions; the scoring engine uses the same rules.
 *
 * @throws {AnswerError} for answers that do not fit the instrument.
 */
export function enabledItemIds(def: InstrumentDefinition, answers: Answers): string[] {
  const valid = validateDefinition(def);
  const { enabled } = enabledAnswers(valid, checkAll(valid, answers));
  return flattenItems(valid)
    .map((i) => i.linkId)
    .filter((id) => enabled.has(id));
}

/**
 * Scores a set of answers. Pure and deterministic.
 *
 * - Items hidden by enableWhen are left out entirely: their answers count for no scale and no flag.
 * - "Prefer not to answer" counts as missing. A scale scores only when the answered share of its
 *   enabled items reaches `minAnsweredShare`; a 'mean' scale is then the mean of the answered
 *   items and a 'sum' scale the prorated sum (see {@link ScaleDefinition.method}).
 * - Scores are computed in exact rational arithmetic, rounded half away from zero to 2 decimals,
 *   then placed in a band.
 * - A critical item raises a flag at its own level when its answer is critical (reason
 *   'answered'; IMMEDIATE when its "right now" follow-up is met too), a CHECK-IN when it was
 *   declined and `declinedCountsAsPositive` is set (reason 'declined'), and, with
 *   `options.submitted`, a CHECK-IN when it has no answer at all (reason 'unanswered').
 *
 * @throws {DefinitionError} when the definition is invalid.
 * @throws {AnswerError} naming the linkId of an answer that does not fit the instrument.
 */
export function score(
  def: InstrumentDefinition,
  answers: Answers,
  options: ScoreOptions = {},
): ScoreResult {
  const valid = validateDefinition(def);
  const checked = checkAll(valid, answers);
  const items = flattenItems(valid);
  const byId = new Map(items.map((i) => [i.linkId, i]));
  const { enabled, effective } = enabledAnswers(valid, checked);

  const outcomes = criticalOutcomes(
    valid,
    valid.criticalItems,
    enabled,
    effective,
    options.submitted === true,
  );
  const byCritical = new Map(valid.criticalItems.map((c) => [c.linkId, c]));
  const flags = outcomes.map((o) => toFlag(byCritical.get(o.linkId)!, o));

  const used = new Set<string>([
    ...allScales(valid).flatMap((s) => s.items),
    ...valid.criticalItems.map((c) => c.linkId),
  ]);
  const missingItems: string[] = [];
  const declinedItems: string[] = [];
  const disabledItems: string[] = [];
  for (const item of items) {
    if (!enabled.has(item.linkId)) {
      disabledItems.push(item.linkId);
      continue;
    }
    const answer = effective.get(item.linkId);
    if (answer?.kind === 'declined') declinedItems.push(item.linkId);
    if (used.has(item.linkId) && answer?.kind !== 'value') missingItems.push(item.linkId);
  }

  return {
    engineVersion: ENGINE_VERSION,
    instrumentKey: valid.key,
    instrumentVersion: valid.version,
    scales: valid.scales.map((s) => scoreScale(s, byId, enabled, effective)),
    total: valid.total ? scoreScale(valid.total, byId, enabled, effective) : null,
    flags,
    missingItems,
    unansweredCritical: outcomes.filter((o) => o.reason === 'unanswered').map((o) => o.linkId),
    declinedItems,
    disabledItems,
  };
}
