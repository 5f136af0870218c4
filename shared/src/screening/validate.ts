import {
  ALERT_LEVELS,
  CONDITION_OPERATORS,
  ITEM_TYPES,
  SEVERITY_LEVELS,
  type InstrumentDefinition,
  type ItemDefinition,
  type ScaleDefinition,
} from './definition.js';
import { DefinitionError } from './errors.js';
import { itemScoreRange, scaleScoreRange, type Range } from './model.js';

/** FHIR id syntax, so every instrument can be exported as a Questionnaire. */
const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Largest gap allowed between one band's max and the next band's min. */
const MAX_BAND_GAP = 1;
const EPSILON = 1e-9;

/**
 * Size limits on any instrument definition, imported FHIR Questionnaires included: generous for
 * a real questionnaire, small enough that nobody stores a 100 kB title.
 */
export const DEFINITION_LIMITS = {
  /** Titles, item texts, option labels, codes and every other short string. */
  textMax: 2000,
  /** Descriptions, licence and copyright text, section introductions. */
  longTextMax: 20000,
  /** Entries in any one list (sections, items, options, scales, bands...). */
  listMax: 500,
} as const;
const LONG_TEXT_KEYS = new Set([
  'description',
  'licence',
  'validationNote',
  'intro',
  'whyWeAsk',
  'contentNotice',
]);

/** Every string and list in the definition within DEFINITION_LIMITS (a bounded report). */
function checkSizes(def: unknown, p: Problems): void {
  const stack: { v: unknown; where: string; key: string }[] = [
    { v: def, where: 'instrument', key: '' },
  ];
  let found = 0;
  while (stack.length && found < 10) {
    const { v, where, key } = stack.pop()!;
    if (typeof v === 'string') {
      const max = LONG_TEXT_KEYS.has(key)
        ? DEFINITION_LIMITS.longTextMax
        : DEFINITION_LIMITS.textMax;
      if (v.length > max) {
        p.add(where, `is ${v.length} characters long; the limit is ${max}`);
        found++;
      }
    } else if (Array.isArray(v)) {
      if (v.length > DEFINITION_LIMITS.listMax) {
        p.add(where, `has ${v.length} entries; the limit is ${DEFINITION_LIMITS.listMax}`);
        found++;
        continue;
      }
      v.forEach((x, i) => stack.push({ v: x, where: `${where}[${i}]`, key }));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v))
        stack.push({ v: x, where: `${where}.${k.slice(0, 40)}`, key: k });
    }
  }
}

const INSTRUMENT_KEYS = [
  'id',
  'key',
  'version',
  'url',
  'publishedVersion',
  'code',
  'title',
  'description',
  'licence',
  'validated',
  'validationNote',
  'clinicianNote',
  'sections',
  'scales',
  'total',
  'criticalItems',
];
const SECTION_KEYS = [
  'key',
  'title',
  'intro',
  'whyWeAsk',
  'contentNotice',
  'ungrouped',
  'code',
  'items',
];
const ITEM_KEYS = [
  'linkId',
  'text',
  'type',
  'required',
  'options',
  'min',
  'max',
  'enableWhen',
  'enableBehavior',
  'readOnly',
  'code',
  'groups',
];
const GROUP_KEYS = ['linkId', 'text', 'code'];
const OPTION_KEYS = ['code', 'display', 'weight', 'declines', 'system'];
const ENABLE_WHEN_KEYS = ['question', 'operator', 'answer'];
const SCALE_KEYS = [
  'key',
  'title',
  'items',
  'method',
  'minAnsweredShare',
  'bands',
  'jacobsonTruax',
  'domainTag',
  'higherIsWorse',
  'context',
  'reportAs',
];
const BAND_KEYS = ['min', 'max', 'label', 'severity'];
const JT_KEYS = ['sd', 'reliability'];
const CRITICAL_KEYS = [
  'linkId',
  'condition',
  'answerCodes',
  'severity',
  'message',
  'declinedMessage',
  'declinedCountsAsPositive',
  'unansweredMessage',
  'followUp',
];
const FOLLOW_UP_KEYS = ['linkId', 'condition', 'severity', 'message'];
const CODING_KEYS = ['system', 'code', 'display'];
/** Levels accepted in stored definitions: today's, plus 'review' from before CHECK-IN existed. */
const STORED_LEVELS: readonly string[] = [...ALERT_LEVELS, 'review'];
const CONDITION_KEYS = ['operator', 'value'];

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

/** Collects problems so one call reports every fault, each naming its culprit. */
class Problems {
  readonly list: string[] = [];

  add(where: string, what: string): void {
    this.list.push(`${where}: ${what}`);
  }

  unknownKeys(obj: Rec, allowed: readonly string[], where: string): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) this.add(where, `unknown property "${k}"`);
    }
  }

  nonEmptyString(obj: Rec, field: string, where: string): void {
    if (!isNonEmptyString(obj[field])) this.add(where, `"${field}" must be a non-empty string`);
  }

  string(obj: Rec, field: string, where: string): void {
    if (typeof obj[field] !== 'string') this.add(where, `"${field}" must be a string`);
  }

  optionalNonEmptyString(obj: Rec, field: string, where: string): void {
    if (obj[field] !== undefined && !isNonEmptyString(obj[field])) {
      this.add(where, `"${field}" must be a non-empty string when given`);
    }
  }

  /** An optional list of FHIR codings: each with a non-empty code, and optional system and display. */
  optionalCodings(obj: Rec, field: string, where: string): void {
    const list = obj[field];
    if (list === undefined) return;
    if (!Array.isArray(list) || list.length === 0) {
      this.add(where, `"${field}" must be a non-empty list of codings when given`);
      return;
    }
    list.forEach((c: unknown, i) => {
      const cw = `${where} ${field} #${i + 1}`;
      if (!isRecord(c)) return this.add(cw, 'must be an object');
      this.unknownKeys(c, CODING_KEYS, cw);
      this.nonEmptyString(c, 'code', cw);
      this.optionalNonEmptyString(c, 'system', cw);
      this.optionalNonEmptyString(c, 'display', cw);
    });
  }

  optionalBoolean(obj: Rec, field: string, where: string): void {
    if (obj[field] !== undefined && typeof obj[field] !== 'boolean') {
      this.add(where, `"${field}" must be true or false when given`);
    }
  }
}

const quoted = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));

/**
 * Checks a condition's operator and value against the item it refers to.
 * `weightComparisons` lets a number on a choice item compare the chosen option's weight
 * (critical items only; enableWhen on a choice item compares codes, as FHIR does).
 */
function checkCondition(
  target: ItemDefinition,
  operator: unknown,
  value: unknown,
  valueField: string,
  where: string,
  weightComparisons: boolean,
  p: Problems,
): void {
  if (target.type === 'display') {
    p.add(where, `item '${target.linkId}' is a display item and has no answer to test`);
    return;
  }
  if (target.readOnly || target.type === 'decimal') {
    p.add(where, `item '${target.linkId}' is calculated and has no answer to test`);
    return;
  }
  if (!CONDITION_OPERATORS.includes(operator as never)) {
    p.add(where, `operator ${quoted(operator)} is not one of ${CONDITION_OPERATORS.join(', ')}`);
    return;
  }
  if (operator === 'exists') {
    if (typeof value !== 'boolean')
      p.add(where, `operator 'exists' needs a boolean "${valueField}"`);
    return;
  }
  const equality = operator === '=' || operator === '!=';
  const target_ = `item '${target.linkId}'`;
  switch (target.type) {
    case 'choice': {
      if (typeof value === 'string') {
        if (!equality) {
          p.add(
            where,
            `operator '${String(operator)}' cannot compare option codes of ${target_}; use '=' or '!='`,
          );
        }
        const option = (target.options ?? []).find((o) => o.code === value);
        if (!option) p.add(where, `${target_} has no option with code '${value}'`);
        else if (option.declines) {
          p.add(
            where,
            `cannot compare with the "prefer not to answer" option '${value}' of ${target_}`,
          );
        }
      } else if (weightComparisons && isFiniteNumber(value)) {
        if (!itemScoreRange(target)) {
          p.add(where, `a number compares option weights, but ${target_} has no weights`);
        }
      } else {
        p.add(
          where,
          weightComparisons
            ? `"${valueField}" for choice ${target_} must be an option code or a weight`
            : `"${valueField}" for choice ${target_} must be an option code`,
        );
      }
      return;
    }
    case 'integer':
      if (!isFiniteNumber(value))
        p.add(where, `"${valueField}" for integer ${target_} must be a number`);
      return;
    case 'boolean':
    case 'text': {
      const expected = target.type === 'boolean' ? 'boolean' : 'string';
      if (typeof value !== expected) {
        p.add(where, `"${valueField}" for ${target.type} ${target_} must be a ${expected}`);
      }
      if (!equality) {
        p.add(
          where,
          `operator '${String(operator)}' cannot be used with ${target.type} ${target_}; use '=' or '!='`,
        );
      }
      return;
    }
  }
}

function checkItem(
  raw: unknown,
  where: string,
  earlier: Map<string, ItemDefinition>,
  p: Problems,
): void {
  if (!isRecord(raw)) {
    p.add(where, 'must be an object');
    return;
  }
  p.unknownKeys(raw, ITEM_KEYS, where);
  p.nonEmptyString(raw, 'text', where);
  p.optionalBoolean(raw, 'required', where);
  p.optionalBoolean(raw, 'readOnly', where);
  p.optionalCodings(raw, 'code', where);
  const groups = raw['groups'];
  if (groups !== undefined) {
    if (!Array.isArray(groups) || groups.length === 0) {
      p.add(where, '"groups" must be a non-empty list when given');
    } else {
      groups.forEach((g: unknown, i) => {
        const gw = `${where} group #${i + 1}`;
        if (!isRecord(g)) return p.add(gw, 'must be an object');
        p.unknownKeys(g, GROUP_KEYS, gw);
        p.nonEmptyString(g, 'linkId', gw);
        p.optionalNonEmptyString(g, 'text', gw);
        p.optionalCodings(g, 'code', gw);
      });
    }
  }
  const type = raw['type'];
  if (!ITEM_TYPES.includes(type as never)) {
    p.add(where, `"type" ${quoted(type)} is not one of ${ITEM_TYPES.join(', ')}`);
  }
  // Attune takes no decimal answers: a decimal item is a published calculated result.
  if (type === 'decimal' && raw['readOnly'] !== true) {
    p.add(
      where,
      'a decimal item must be readOnly (a calculated result; Attune takes no decimal answers)',
    );
  }

  if (type === 'choice') {
    const options = raw['options'];
    if (!Array.isArray(options) || options.length === 0) {
      p.add(where, 'a choice item needs a non-empty "options" list');
    } else {
      const codes = new Set<string>();
      let weighted = 0;
      let unweighted = 0;
      let declining = 0;
      options.forEach((o: unknown, i) => {
        const ow = `${where} option #${i + 1}`;
        if (!isRecord(o)) {
          p.add(ow, 'must be an object');
          return;
        }
        p.unknownKeys(o, OPTION_KEYS, ow);
        if (!isNonEmptyString(o['code'])) p.add(ow, '"code" must be a non-empty string');
        else if (codes.has(o['code'])) p.add(where, `option code '${o['code']}' is used twice`);
        else codes.add(o['code']);
        p.nonEmptyString(o, 'display', ow);
        p.optionalBoolean(o, 'declines', ow);
        p.optionalNonEmptyString(o, 'system', ow);
        if (o['declines'] === true) {
          declining++;
          if (o['weight'] !== undefined) {
            p.add(
              ow,
              'a "prefer not to answer" option counts as missing and cannot carry a weight',
            );
          }
          return;
        }
        if (o['weight'] === undefined) unweighted++;
        else if (!isFiniteNumber(o['weight'])) p.add(ow, '"weight" must be a finite number');
        else weighted++;
      });
      if (declining > 1) p.add(where, 'has more than one "prefer not to answer" option');
      if (weighted + unweighted === 0 && options.length > 0) {
        p.add(where, 'needs at least one option that is not "prefer not to answer"');
      }
      if (weighted > 0 && unweighted > 0) {
        p.add(where, 'either every answer option has a weight or none does');
      }
    }
  } else if (raw['options'] !== undefined) {
    p.add(where, `only choice items take "options" (this is a ${String(type)} item)`);
  }

  if (type === 'integer') {
    for (const f of ['min', 'max']) {
      if (raw[f] !== undefined && !Number.isInteger(raw[f]))
        p.add(where, `"${f}" must be an integer`);
    }
    if (
      Number.isInteger(raw['min']) &&
      Number.isInteger(raw['max']) &&
      (raw['min'] as number) > (raw['max'] as number)
    ) {
      p.add(where, '"min" is greater than "max"');
    }
  } else {
    for (const f of ['min', 'max']) {
      if (raw[f] !== undefined) p.add(where, `only integer items take "${f}"`);
    }
  }

  const behavior = raw['enableBehavior'];
  if (behavior !== undefined && behavior !== 'all' && behavior !== 'any') {
    p.add(where, `"enableBehavior" must be 'all' or 'any'`);
  }
  const enableWhen = raw['enableWhen'];
  if (enableWhen !== undefined) {
    if (!Array.isArray(enableWhen) || enableWhen.length === 0) {
      p.add(where, '"enableWhen" must be a non-empty list when given');
    } else {
      enableWhen.forEach((c: unknown, i) => {
        const cw = `${where} enableWhen #${i + 1}`;
        if (!isRecord(c)) {
          p.add(cw, 'must be an object');
          return;
        }
        p.unknownKeys(c, ENABLE_WHEN_KEYS, cw);
        const question = c['question'];
        const target = typeof question === 'string' ? earlier.get(question) : undefined;
        if (!target) {
          p.add(
            cw,
            `question ${quoted(question)} must be the linkId of an item that comes earlier in the instrument`,
          );
          return;
        }
        checkCondition(target, c['operator'], c['answer'], 'answer', cw, false, p);
      });
    }
  }
}

function checkBands(bands: unknown, range: Range | null, where: string, p: Problems): void {
  if (!Array.isArray(bands) || bands.length === 0) {
    p.add(where, '"bands" must be a non-empty list when given');
    return;
  }
  const checked: { min: number; max: number; label: string }[] = [];
  let ok = true;
  for (const [i, b] of bands.entries()) {
    const bw = `${where} band #${i + 1}`;
    if (!isRecord(b)) {
      p.add(bw, 'must be an object');
      ok = false;
      continue;
    }
    p.unknownKeys(b, BAND_KEYS, bw);
    p.nonEmptyString(b, 'label', bw);
    if (!SEVERITY_LEVELS.includes(b['severity'] as never)) {
      p.add(bw, `"severity" must be one of ${SEVERITY_LEVELS.join(', ')}`);
    }
    const min = b['min'];
    const max = b['max'];
    if (!isFiniteNumber(min) || !isFiniteNumber(max)) {
      p.add(bw, '"min" and "max" must be finite numbers');
      ok = false;
      continue;
    }
    const label = typeof b['label'] === 'string' ? b['label'] : `#${i + 1}`;
    if (min > max) {
      p.add(bw, `"min" ${min} is greater than "max" ${max}`);
      ok = false;
    }
    const previous = checked[checked.length - 1];
    if (previous && min <= previous.max) {
      p.add(
        where,
        `band '${label}' (${min}-${max}) overlaps or comes before band '${previous.label}' (${previous.min}-${previous.max}); list bands from low to high without overlap`,
      );
      ok = false;
    } else if (previous && min - previous.max > MAX_BAND_GAP + EPSILON) {
      // Scores in a small gap belong to the lower band; a wide gap is almost always a typo.
      p.add(
        where,
        `gap between band '${previous.label}' (ends ${previous.max}) and band '${label}' (starts ${min}) is wider than ${MAX_BAND_GAP}`,
      );
      ok = false;
    }
    checked.push({ min, max, label });
  }
  const first = checked[0];
  const last = checked[checked.length - 1];
  if (ok && range && first && last) {
    if (first.min > range.min + EPSILON || last.max < range.max - EPSILON) {
      p.add(
        where,
        `bands cover ${first.min}-${last.max} but scores can range from ${range.min} to ${range.max}`,
      );
    }
  }
}

function checkScale(
  raw: unknown,
  where: string,
  items: Map<string, ItemDefinition>,
  p: Problems,
): void {
  if (!isRecord(raw)) {
    p.add(where, 'must be an object');
    return;
  }
  p.unknownKeys(raw, SCALE_KEYS, where);
  p.nonEmptyString(raw, 'title', where);
  if (raw['method'] !== 'sum' && raw['method'] !== 'mean') {
    p.add(where, `"method" must be 'sum' or 'mean'`);
  }
  const share = raw['minAnsweredShare'];
  if (!isFiniteNumber(share) || share <= 0 || share > 1) {
    p.add(
      where,
      `"minAnsweredShare" must be a number above 0 and at most 1 (got ${quoted(share)})`,
    );
  }
  if (
    raw['domainTag'] !== undefined &&
    !(typeof raw['domainTag'] === 'string' && KEY_PATTERN.test(raw['domainTag']))
  ) {
    p.add(where, '"domainTag" must be a kebab-case tag such as \'all-or-nothing\'');
  }
  p.optionalBoolean(raw, 'higherIsWorse', where);
  p.optionalBoolean(raw, 'context', where);
  if (raw['reportAs'] !== undefined) {
    const shown = typeof raw['reportAs'] === 'string' ? items.get(raw['reportAs']) : undefined;
    if (!shown || !shown.readOnly) {
      p.add(where, `"reportAs" ${quoted(raw['reportAs'])} must be the linkId of a read-only item`);
    }
  }

  const jt = raw['jacobsonTruax'];
  if (jt !== undefined) {
    if (!isRecord(jt)) p.add(where, '"jacobsonTruax" must be an object { sd, reliability }');
    else {
      p.unknownKeys(jt, JT_KEYS, `${where} jacobsonTruax`);
      if (!isFiniteNumber(jt['sd']) || jt['sd'] <= 0) {
        p.add(where, `Jacobson-Truax "sd" must be a number above 0 (got ${quoted(jt['sd'])})`);
      }
      const r = jt['reliability'];
      if (!isFiniteNumber(r) || r < 0 || r >= 1) {
        p.add(
          where,
          `Jacobson-Truax "reliability" must be at least 0 and below 1 (got ${quoted(r)})`,
        );
      }
    }
  }

  const list = raw['items'];
  const ranges: Range[] = [];
  let allScorable = true;
  if (!Array.isArray(list) || list.length === 0) {
    p.add(where, '"items" must be a non-empty list of linkIds');
    allScorable = false;
  } else {
    const seen = new Set<unknown>();
    for (const linkId of list) {
      if (seen.has(linkId)) {
        p.add(where, `item ${quoted(linkId)} is listed twice`);
        continue;
      }
      seen.add(linkId);
      const item = typeof linkId === 'string' ? items.get(linkId) : undefined;
      if (!item) {
        p.add(where, `item ${quoted(linkId)} does not exist`);
        allScorable = false;
        continue;
      }
      const range = itemScoreRange(item);
      if (!range) {
        p.add(
          where,
          `item '${item.linkId}' cannot be scored (it needs weighted options, or an integer item with min and max)`,
        );
        allScorable = false;
      } else if (range.max <= range.min) {
        p.add(where, `item '${item.linkId}' gives the same points for every answer`);
        allScorable = false;
      } else ranges.push(range);
    }
  }
  if (raw['bands'] !== undefined) {
    if (raw['context'] === true) p.add(where, 'a context scale is not banded; remove "bands"');
    const range =
      allScorable && (raw['method'] === 'sum' || raw['method'] === 'mean')
        ? scaleScoreRange(raw as unknown as ScaleDefinition, ranges)
        : null;
    checkBands(raw['bands'], range, where, p);
  }
}

/**
 * Nested groups must hold a run of neighbouring items in one section, always under the same
 * outer groups, and their linkIds must not be used by a section or an item (FHIR export
 * rebuilds the nesting from them).
 */
function checkNestedGroups(
  sections: unknown[],
  items: Map<string, ItemDefinition>,
  sectionKeys: Set<string>,
  p: Problems,
): void {
  const seen = new Map<string, { section: number; last: number; chain: string }>();
  sections.forEach((s, si) => {
    const list = isRecord(s) && Array.isArray(s['items']) ? s['items'] : [];
    list.forEach((it: unknown, ii) => {
      const groups = isRecord(it) && Array.isArray(it['groups']) ? it['groups'] : [];
      groups.forEach((g: unknown, depth) => {
        const id = isRecord(g) ? g['linkId'] : undefined;
        if (typeof id !== 'string' || !id) return;
        const chain = groups
          .slice(0, depth)
          .map((x: unknown) => (isRecord(x) ? String(x['linkId']) : ''))
          .join('/');
        const where = `group '${id}'`;
        const before = seen.get(id);
        if (!before && (items.has(id) || sectionKeys.has(id))) {
          p.add(where, 'its linkId is also used by an item or a section');
        }
        if (before && (before.section !== si || before.last !== ii - 1 || before.chain !== chain)) {
          p.add(where, 'its items must be neighbours in one section, under the same outer groups');
        }
        seen.set(id, { section: si, last: ii, chain });
      });
    });
  });
}

function checkAnswerCodes(
  target: ItemDefinition,
  codes: unknown,
  where: string,
  p: Problems,
): void {
  if (target.type !== 'choice') {
    p.add(where, `"answerCodes" needs a choice item; item '${target.linkId}' is ${target.type}`);
    return;
  }
  if (!Array.isArray(codes) || codes.length === 0) {
    p.add(where, '"answerCodes" must be a non-empty list of option codes');
    return;
  }
  const seen = new Set<unknown>();
  for (const code of codes) {
    const option = (target.options ?? []).find((o) => o.code === code);
    if (seen.has(code)) p.add(where, `answer code ${quoted(code)} is listed twice`);
    else if (!option)
      p.add(where, `item '${target.linkId}' has no option with code ${quoted(code)}`);
    else if (option.declines) {
      p.add(
        where,
        `"prefer not to answer" (${quoted(code)}) raises a CHECK-IN by itself; leave it out`,
      );
    }
    seen.add(code);
  }
}

/** A "right now" follow-up: a later item, shown only by its own enableWhen, with a condition and a level. */
function checkFollowUp(
  raw: unknown,
  parent: ItemDefinition,
  order: string[],
  items: Map<string, ItemDefinition>,
  where: string,
  p: Problems,
): void {
  if (!isRecord(raw)) {
    p.add(where, 'must be an object { linkId, condition, severity, message }');
    return;
  }
  p.unknownKeys(raw, FOLLOW_UP_KEYS, where);
  if (!ALERT_LEVELS.includes(raw['severity'] as never)) {
    p.add(where, `"severity" must be one of ${ALERT_LEVELS.join(', ')}`);
  }
  p.nonEmptyString(raw, 'message', where);
  const linkId = raw['linkId'];
  const target = typeof linkId === 'string' ? items.get(linkId) : undefined;
  if (!target) {
    p.add(where, `item ${quoted(linkId)} does not exist`);
    return;
  }
  if (order.indexOf(target.linkId) <= order.indexOf(parent.linkId)) {
    p.add(where, `item '${target.linkId}' must come after '${parent.linkId}'`);
  }
  if (!target.enableWhen?.some((w) => w.question === parent.linkId)) {
    p.add(
      where,
      `item '${target.linkId}' must be shown only after an answer to '${parent.linkId}' (enableWhen)`,
    );
  }
  const cond = raw['condition'];
  if (!isRecord(cond)) {
    p.add(where, '"condition" must be an object { operator, value }');
    return;
  }
  p.unknownKeys(cond, CONDITION_KEYS, `${where} condition`);
  checkCondition(target, cond['operator'], cond['value'], 'value', where, true, p);
}

/**
 * Checks that an unknown value is a complete, self-consistent instrument definition:
 * unique linkIds and section keys, well-formed options (unique codes, finite weights,
 * at most one "prefer not to answer"), enableWhen conditions that refer to earlier
 * questions with a fitting value, scales over existing scorable items with a sane
 * answered share, ordered non-overlapping bands that cover the possible scores, valid
 * Jacobson-Truax constants, and critical items on existing questions.
 *
 * @param def Parsed JSON (for example from the database or an API body).
 * @returns The same object, typed.
 * @throws {DefinitionError} listing every problem, each naming the section, item or scale at fault.
 */
export function validateDefinition(def: unknown): InstrumentDefinition {
  const p = new Problems();
  if (!isRecord(def)) throw new DefinitionError(['the definition must be an object']);
  // Sizes first: nothing below should spend time on (or quote back) an oversized value.
  checkSizes(def, p);
  if (p.list.length > 0) throw new DefinitionError(p.list);
  const top = 'instrument';
  p.unknownKeys(def, INSTRUMENT_KEYS, top);
  if (!(typeof def['id'] === 'string' && ID_PATTERN.test(def['id']))) {
    p.add(top, '"id" must be 1-64 letters, digits, "-" or "."');
  }
  if (!(typeof def['key'] === 'string' && KEY_PATTERN.test(def['key']))) {
    p.add(top, '"key" must be kebab-case, e.g. \'perfectionism-patterns-check\'');
  }
  if (!(Number.isInteger(def['version']) && (def['version'] as number) >= 1)) {
    p.add(top, '"version" must be a positive integer');
  }
  p.optionalNonEmptyString(def, 'url', top);
  p.optionalNonEmptyString(def, 'publishedVersion', top);
  p.optionalCodings(def, 'code', top);
  p.nonEmptyString(def, 'title', top);
  p.string(def, 'description', top);
  p.nonEmptyString(def, 'licence', top);
  if (typeof def['validated'] !== 'boolean') p.add(top, '"validated" must be true or false');
  p.nonEmptyString(def, 'validationNote', top);
  p.optionalNonEmptyString(def, 'clinicianNote', top);

  const items = new Map<string, ItemDefinition>();
  const sectionKeys = new Set<string>();
  const sections = def['sections'];
  if (!Array.isArray(sections) || sections.length === 0) {
    p.add(top, '"sections" must be a non-empty list');
  } else {
    sections.forEach((s: unknown, si) => {
      if (!isRecord(s)) {
        p.add(`section #${si + 1}`, 'must be an object');
        return;
      }
      const key = s['key'];
      const sw = isNonEmptyString(key) ? `section '${key}'` : `section #${si + 1}`;
      p.unknownKeys(s, SECTION_KEYS, sw);
      if (!isNonEmptyString(key)) p.add(sw, '"key" must be a non-empty string');
      else if (sectionKeys.has(key)) p.add(sw, 'section key is used twice');
      else sectionKeys.add(key);
      p.nonEmptyString(s, 'title', sw);
      p.string(s, 'intro', sw);
      p.string(s, 'whyWeAsk', sw);
      p.optionalNonEmptyString(s, 'contentNotice', sw);
      p.optionalBoolean(s, 'ungrouped', sw);
      p.optionalCodings(s, 'code', sw);
      const list = s['items'];
      if (!Array.isArray(list) || list.length === 0) {
        p.add(sw, '"items" must be a non-empty list');
        return;
      }
      list.forEach((it: unknown, ii) => {
        const linkId = isRecord(it) ? it['linkId'] : undefined;
        const iw = isNonEmptyString(linkId) ? `item '${linkId}'` : `item #${ii + 1} of ${sw}`;
        if (!isNonEmptyString(linkId)) p.add(iw, '"linkId" must be a non-empty string');
        else if (items.has(linkId)) p.add(iw, 'linkId is used twice');
        checkItem(it, iw, items, p);
        if (isNonEmptyString(linkId) && !items.has(linkId)) items.set(linkId, it as ItemDefinition);
      });
    });
    for (const key of sectionKeys) {
      if (items.has(key)) p.add(`section '${key}'`, 'section key is also used as an item linkId');
    }
    checkNestedGroups(sections, items, sectionKeys, p);
  }

  const scaleKeys = new Set<string>();
  const contextItems = new Set<string>();
  const checkScaleKey = (raw: unknown, where: string): void => {
    if (!isRecord(raw)) return;
    const key = raw['key'];
    if (!(typeof key === 'string' && KEY_PATTERN.test(key)))
      p.add(where, '"key" must be kebab-case');
    else if (scaleKeys.has(key)) p.add(where, 'scale key is used twice');
    else scaleKeys.add(key);
  };
  const scales = def['scales'];
  if (!Array.isArray(scales)) p.add(top, '"scales" must be a list (may be empty)');
  else {
    scales.forEach((sc: unknown, i) => {
      const key = isRecord(sc) ? sc['key'] : undefined;
      const where = isNonEmptyString(key) ? `scale '${key}'` : `scale #${i + 1}`;
      checkScaleKey(sc, where);
      checkScale(sc, where, items, p);
      if (isRecord(sc) && sc['context'] === true && Array.isArray(sc['items'])) {
        for (const id of sc['items']) if (typeof id === 'string') contextItems.add(id);
      }
    });
  }
  const total = def['total'];
  if (total !== undefined) {
    const key = isRecord(total) ? total['key'] : undefined;
    const where = isNonEmptyString(key) ? `total scale '${key}'` : 'total scale';
    checkScaleKey(total, where);
    checkScale(total, where, items, p);
    if (isRecord(total)) {
      if (total['context'] === true) p.add(where, 'the total cannot be a context scale');
      if (Array.isArray(total['items'])) {
        for (const id of total['items']) {
          if (contextItems.has(id as string)) {
            p.add(
              where,
              `item '${String(id)}' belongs to a context scale and cannot count toward the total`,
            );
          }
        }
      }
    }
  }

  const criticalIds = new Set<string>();
  const order = [...items.keys()];
  const critical = def['criticalItems'];
  if (!Array.isArray(critical)) p.add(top, '"criticalItems" must be a list (may be empty)');
  else {
    critical.forEach((c: unknown, i) => {
      const linkId = isRecord(c) ? c['linkId'] : undefined;
      const where = isNonEmptyString(linkId)
        ? `critical item '${linkId}'`
        : `critical item #${i + 1}`;
      if (!isRecord(c)) {
        p.add(where, 'must be an object');
        return;
      }
      p.unknownKeys(c, CRITICAL_KEYS, where);
      if (!STORED_LEVELS.includes(c['severity'] as string)) {
        p.add(where, `"severity" must be one of ${ALERT_LEVELS.join(', ')}`);
      }
      p.nonEmptyString(c, 'message', where);
      p.optionalNonEmptyString(c, 'declinedMessage', where);
      p.optionalNonEmptyString(c, 'unansweredMessage', where);
      if (typeof c['declinedCountsAsPositive'] !== 'boolean') {
        p.add(where, '"declinedCountsAsPositive" must be true or false');
      }
      if (typeof linkId === 'string' && criticalIds.has(linkId)) {
        p.add(where, 'the item is listed as critical twice');
      }
      if (typeof linkId === 'string') criticalIds.add(linkId);
      const target = typeof linkId === 'string' ? items.get(linkId) : undefined;
      if (!target) {
        p.add(where, `item ${quoted(linkId)} does not exist`);
        return;
      }
      const cond = c['condition'];
      const codes = c['answerCodes'];
      if ((cond === undefined) === (codes === undefined)) {
        p.add(where, 'give either "condition" or "answerCodes" (the critical option codes)');
      } else if (codes !== undefined) {
        checkAnswerCodes(target, codes, where, p);
      } else if (!isRecord(cond)) {
        p.add(where, '"condition" must be an object { operator, value }');
      } else {
        p.unknownKeys(cond, CONDITION_KEYS, `${where} condition`);
        if (cond['operator'] === 'exists' && cond['value'] === false) {
          p.add(
            where,
            "a critical condition 'exists' false can never be met by an answer; use declinedCountsAsPositive for declines",
          );
        }
        checkCondition(target, cond['operator'], cond['value'], 'value', where, true, p);
      }
      const follow = c['followUp'];
      if (follow !== undefined) checkFollowUp(follow, target, order, items, `${where} followUp`, p);
    });
  }

  if (p.list.length > 0) throw new DefinitionError(p.list);
  return def as unknown as InstrumentDefinition;
}
