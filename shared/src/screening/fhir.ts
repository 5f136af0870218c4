/**
 * FHIR R4 exchange: Questionnaire import/export and QuestionnaireResponse export.
 * Pure functions over JSON; no I/O.
 */
import type {
  AnswerOption,
  AnswerValue,
  Answers,
  Coding,
  CriticalItem,
  GroupRef,
  EnableBehavior,
  EnableWhen,
  InstrumentDefinition,
  ItemDefinition,
  ItemType,
  ScaleDefinition,
  ScoreBand,
  SectionDefinition,
} from './definition.js';
import { DefinitionError, FhirImportError, ScreeningError } from './errors.js';
import { FHIR_IMPORT_LIMITS } from './limits.js';
import { flattenItems, itemScoreRange } from './model.js';
import { checkAll, enabledAnswers, score } from './score.js';
import { validateDefinition } from './validate.js';

/** Core extension carrying an answer option's score (on Questionnaire.item.answerOption). */
export const FHIR_ITEM_WEIGHT_URL = 'http://hl7.org/fhir/StructureDefinition/itemWeight';
/** Older core extension carrying a code's score (on the answerOption's valueCoding). */
export const FHIR_ORDINAL_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const MIN_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/maxValue';
const DATA_ABSENT_REASON_URL = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const DATA_ABSENT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const SDC_CALCULATED_URL =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression';
const CQF_EXPRESSION_URL = 'http://hl7.org/fhir/StructureDefinition/cqf-expression';
export const LOINC_SYSTEM = 'http://loinc.org';
/** LOINC code of PHQ-9 item 9 (thoughts that you would be better off dead, or of hurting yourself). */
export const LOINC_PHQ9_ITEM_9 = '44260-8';
/** Licence text used when an imported Questionnaire carried none (and left out again on export). */
export const NO_LICENCE_TEXT = 'No copyright or licence text came with this Questionnaire.';
/** Clinician wording of the default critical item on PHQ-9 item 9, written for Attune. */
export const PHQ9_ITEM_9_MESSAGE =
  'PHQ-9 item 9: the client reported thoughts of being better off dead or of hurting themselves in the past two weeks. Review their safety with them promptly.';

/**
 * Prefix of Attune's own extensions: what core FHIR cannot say (scales, bands, critical
 * items, section notes, "prefer not to answer", validation label). Other FHIR tools ignore them.
 */
export const ATTUNE_FHIR_EXTENSION_BASE = 'urn:attune:fhir:extension:';
const ext = (name: string): string => `${ATTUNE_FHIR_EXTENSION_BASE}${name}`;
const X = {
  key: ext('instrument-key'),
  validated: ext('validated'),
  validationNote: ext('validation-note'),
  clinicianNote: ext('clinician-note'),
  scale: ext('scale'),
  total: ext('total-scale'),
  critical: ext('critical-item'),
  intro: ext('section-intro'),
  whyWeAsk: ext('section-why-we-ask'),
  contentNotice: ext('section-content-notice'),
  declines: ext('declines'),
};

// Minimal FHIR JSON shapes: just what this module reads and writes.
export interface FhirExtension {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueBoolean?: boolean;
  valueInteger?: number;
  valueDecimal?: number;
  extension?: FhirExtension[];
}
export interface FhirCoding {
  system?: string;
  code: string;
  display?: string;
  extension?: FhirExtension[];
}
export interface FhirEnableWhen {
  question: string;
  operator: string;
  answerBoolean?: boolean;
  answerInteger?: number;
  answerDecimal?: number;
  answerString?: string;
  answerCoding?: FhirCoding;
}
export interface FhirAnswerOption {
  valueCoding: FhirCoding;
  extension?: FhirExtension[];
}
export interface FhirQuestionnaireItem {
  linkId: string;
  /** Always present on questions; a nested group may have none. */
  text: string;
  type: 'group' | 'display' | 'boolean' | 'integer' | 'decimal' | 'text' | 'choice';
  code?: FhirCoding[];
  required?: boolean;
  readOnly?: boolean;
  enableWhen?: FhirEnableWhen[];
  enableBehavior?: EnableBehavior;
  answerOption?: FhirAnswerOption[];
  extension?: FhirExtension[];
  item?: FhirQuestionnaireItem[];
}
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  name: string;
  title: string;
  version: string;
  status: 'active';
  code?: FhirCoding[];
  description?: string;
  copyright?: string;
  extension: FhirExtension[];
  item: FhirQuestionnaireItem[];
}
export interface FhirQuestionnaireResponseAnswer {
  valueCoding?: FhirCoding;
  valueInteger?: number;
  valueDecimal?: number;
  valueBoolean?: boolean;
  valueString?: string;
}
export interface FhirQuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: FhirQuestionnaireResponseAnswer[];
  extension?: FhirExtension[];
  item?: FhirQuestionnaireResponseItem[];
}
export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id: string;
  questionnaire: string;
  status: 'in-progress' | 'completed' | 'stopped';
  authored: string;
  subject?: { reference?: string; display?: string };
  author?: { reference: string };
  source?: { reference: string };
  item?: FhirQuestionnaireResponseItem[];
}

export interface FhirImportOptions {
  /** Instrument key; by default taken from Attune's extension, the Questionnaire name, id or title. */
  key?: string;
  /** Instrument version; by default the Questionnaire version when it is a whole number, else 1. */
  version?: number;
  /** minAnsweredShare of the generated total scale (default 1: every weighted item answered). */
  minAnsweredShare?: number;
}

export interface QuestionnaireResponseMeta {
  id: string;
  /** ISO 8601 date-time the answers were given. */
  authored: string;
  subjectDisplay?: string;
  /**
   * A reference to the subject (e.g. the Patient's `urn:uuid:` in a Bundle). The subject wrote
   * the answers, so it is the response's author and source too.
   */
  subjectReference?: string;
  /** Defaults to 'completed'; 'stopped' for answers to a screener that was withdrawn. */
  status?: 'in-progress' | 'completed' | 'stopped';
  /**
   * Leave out the scores a read-only item would show (for a copy the client reads on their own:
   * clients see their answers, never scores).
   */
  omitScores?: boolean;
}

// ---------------------------------------------------------------- export

function kebabToPascal(key: string): string {
  const name = key
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : ''))
    .join('');
  // A FHIR name starts with a capital letter (que-0).
  return /^[A-Z]/.test(name) ? name : `Q${name}`;
}

/** The canonical URL an instrument is exchanged under: its own, or one minted from its key. */
export function questionnaireUrl(def: Pick<InstrumentDefinition, 'url' | 'key'>): string {
  return def.url ?? `urn:attune:instrument:${def.key}`;
}

/** The Questionnaire version written on export: the published one, or Attune's version number. */
export function questionnaireVersion(
  def: Pick<InstrumentDefinition, 'publishedVersion' | 'version'>,
): string {
  return def.publishedVersion ?? String(def.version);
}

/** `url|version`: what every exported QuestionnaireResponse points to. */
export function questionnaireCanonical(def: InstrumentDefinition): string {
  return `${questionnaireUrl(def)}|${questionnaireVersion(def)}`;
}

function codings(list: Coding[] | undefined): FhirCoding[] | undefined {
  return list?.map((c) => {
    const out: FhirCoding = { code: c.code };
    if (c.system) out.system = c.system;
    if (c.display) out.display = c.display;
    return out;
  });
}

function conditionValue(
  value: AnswerValue,
  target: ItemDefinition | undefined,
): Partial<FhirEnableWhen> {
  if (typeof value === 'boolean') return { answerBoolean: value };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { answerInteger: value } : { answerDecimal: value };
  }
  if (target?.type === 'choice') {
    const option = target.options?.find((o) => o.code === value);
    const coding: FhirCoding = { code: value };
    if (option?.system) coding.system = option.system;
    if (option) coding.display = option.display;
    return { answerCoding: coding };
  }
  return { answerString: value };
}

function scaleExtension(url: string, s: ScaleDefinition): FhirExtension {
  const parts: FhirExtension[] = [
    { url: 'key', valueString: s.key },
    { url: 'title', valueString: s.title },
    { url: 'method', valueCode: s.method },
    { url: 'minAnsweredShare', valueDecimal: s.minAnsweredShare },
    ...s.items.map((id) => ({ url: 'item', valueString: id })),
  ];
  if (s.domainTag !== undefined) parts.push({ url: 'domainTag', valueString: s.domainTag });
  if (s.higherIsWorse !== undefined)
    parts.push({ url: 'higherIsWorse', valueBoolean: s.higherIsWorse });
  if (s.context !== undefined) parts.push({ url: 'context', valueBoolean: s.context });
  if (s.reportAs !== undefined) parts.push({ url: 'reportAs', valueString: s.reportAs });
  if (s.jacobsonTruax) {
    parts.push({ url: 'jacobsonTruaxSd', valueDecimal: s.jacobsonTruax.sd });
    parts.push({ url: 'jacobsonTruaxReliability', valueDecimal: s.jacobsonTruax.reliability });
  }
  for (const b of s.bands ?? []) {
    parts.push({
      url: 'band',
      extension: [
        { url: 'min', valueDecimal: b.min },
        { url: 'max', valueDecimal: b.max },
        { url: 'label', valueString: b.label },
        { url: 'severity', valueCode: b.severity },
      ],
    });
  }
  return { url, extension: parts };
}

function conditionParts(c: { operator: string; value: AnswerValue }): FhirExtension[] {
  const v = c.value;
  const value: FhirExtension =
    typeof v === 'boolean'
      ? { url: 'value', valueBoolean: v }
      : typeof v === 'number'
        ? { url: 'value', valueDecimal: v }
        : { url: 'value', valueString: v };
  return [{ url: 'operator', valueCode: c.operator }, value];
}

function criticalExtension(c: CriticalItem): FhirExtension {
  const parts: FhirExtension[] = [{ url: 'linkId', valueString: c.linkId }];
  if (c.condition) parts.push(...conditionParts(c.condition));
  for (const code of c.answerCodes ?? []) parts.push({ url: 'answerCode', valueString: code });
  parts.push(
    { url: 'severity', valueCode: c.severity },
    { url: 'message', valueString: c.message },
    { url: 'declinedCountsAsPositive', valueBoolean: c.declinedCountsAsPositive },
  );
  if (c.declinedMessage !== undefined)
    parts.push({ url: 'declinedMessage', valueString: c.declinedMessage });
  if (c.unansweredMessage !== undefined)
    parts.push({ url: 'unansweredMessage', valueString: c.unansweredMessage });
  if (c.followUp) {
    parts.push({
      url: 'followUp',
      extension: [
        { url: 'linkId', valueString: c.followUp.linkId },
        ...conditionParts(c.followUp.condition),
        { url: 'severity', valueCode: c.followUp.severity },
        { url: 'message', valueString: c.followUp.message },
      ],
    });
  }
  return { url: X.critical, extension: parts };
}

function exportOption(o: AnswerOption): FhirAnswerOption {
  const coding: FhirCoding = { code: o.code, display: o.display };
  if (o.system) coding.system = o.system;
  const option: FhirAnswerOption = { valueCoding: coding };
  if (o.declines) option.extension = [{ url: X.declines, valueBoolean: true }];
  else if (o.weight !== undefined) {
    // Both the current and the older extension, so R4-era tools read the weight too.
    option.extension = [{ url: FHIR_ITEM_WEIGHT_URL, valueDecimal: o.weight }];
    coding.extension = [{ url: FHIR_ORDINAL_VALUE_URL, valueDecimal: o.weight }];
  }
  return option;
}

function exportItem(
  item: ItemDefinition,
  byId: Map<string, ItemDefinition>,
): FhirQuestionnaireItem {
  const out: FhirQuestionnaireItem = { linkId: item.linkId, text: item.text, type: item.type };
  const code = codings(item.code);
  if (code) out.code = code;
  if (item.required) out.required = true;
  if (item.readOnly) out.readOnly = true;
  if (item.enableWhen) {
    out.enableWhen = item.enableWhen.map((c) => ({
      question: c.question,
      operator: c.operator,
      ...conditionValue(c.answer, byId.get(c.question)),
    }));
    // FHIR requires enableBehavior once there is more than one condition.
    if (item.enableWhen.length > 1 || item.enableBehavior)
      out.enableBehavior = item.enableBehavior ?? 'all';
  }
  if (item.options) out.answerOption = item.options.map(exportOption);
  const extensions: FhirExtension[] = [];
  if (item.min !== undefined) extensions.push({ url: MIN_VALUE_URL, valueInteger: item.min });
  if (item.max !== undefined) extensions.push({ url: MAX_VALUE_URL, valueInteger: item.max });
  if (extensions.length) out.extension = extensions;
  return out;
}

/**
 * Puts items back into their nested groups (neighbouring items that share a group path share
 * the group), for a Questionnaire and for a QuestionnaireResponse alike.
 */
function nestByGroups<T extends { item?: T[] }>(
  entries: readonly { groups: readonly GroupRef[] | undefined; node: T }[],
  makeGroup: (g: GroupRef) => T,
): T[] {
  const root: T[] = [];
  const open: { linkId: string; node: T }[] = [];
  for (const { groups = [], node } of entries) {
    let shared = 0;
    while (
      shared < open.length &&
      shared < groups.length &&
      open[shared]!.linkId === groups[shared]!.linkId
    )
      shared++;
    open.length = shared;
    for (const g of groups.slice(shared)) {
      const group = makeGroup(g);
      group.item = [];
      (open.length ? open[open.length - 1]!.node.item! : root).push(group);
      open.push({ linkId: g.linkId, node: group });
    }
    (open.length ? open[open.length - 1]!.node.item! : root).push(node);
  }
  return root;
}

function exportGroupRef(g: GroupRef): FhirQuestionnaireItem {
  const out = { linkId: g.linkId, type: 'group' } as FhirQuestionnaireItem;
  if (g.text) out.text = g.text;
  const code = codings(g.code);
  if (code) out.code = code;
  return out;
}

/** A section as FHIR items: a group, or (for items that stood ungrouped when imported) the items themselves. */
function exportSection(
  s: SectionDefinition,
  byId: Map<string, ItemDefinition>,
): FhirQuestionnaireItem[] {
  const items = nestByGroups(
    s.items.map((i) => ({ groups: i.groups, node: exportItem(i, byId) })),
    exportGroupRef,
  );
  if (s.ungrouped) return items;
  // FHIR JSON forbids empty strings, so empty notes are left out (and read back as '').
  const extensions: FhirExtension[] = [];
  if (s.intro) extensions.push({ url: X.intro, valueString: s.intro });
  if (s.whyWeAsk) extensions.push({ url: X.whyWeAsk, valueString: s.whyWeAsk });
  if (s.contentNotice !== undefined)
    extensions.push({ url: X.contentNotice, valueString: s.contentNotice });
  const group: FhirQuestionnaireItem = { linkId: s.key, text: s.title, type: 'group' };
  const code = codings(s.code);
  if (code) group.code = code;
  if (extensions.length) group.extension = extensions;
  group.item = items;
  return [group];
}

/**
 * Exports an instrument as a FHIR R4 Questionnaire with its canonical `url` and `version`, its
 * codes and item codes, and its original linkIds and nesting (sections that were groups become
 * groups again; items that stood at the top level stay there). Calculated items are kept
 * read-only. Weights are written as `itemWeight` (and `ordinalValue` on the coding); scales,
 * bands, critical items, section notes, the clinician note and "prefer not to answer" travel in Attune extensions,
 * so `fromFhirQuestionnaire(toFhirQuestionnaire(def))` scores exactly like `def`.
 *
 * @throws {DefinitionError} when the definition is invalid.
 */
export function toFhirQuestionnaire(def: InstrumentDefinition): FhirQuestionnaire {
  const valid = validateDefinition(def);
  const byId = new Map(flattenItems(valid).map((i) => [i.linkId, i]));
  const extension: FhirExtension[] = [
    { url: X.key, valueString: valid.key },
    { url: X.validated, valueBoolean: valid.validated },
    { url: X.validationNote, valueString: valid.validationNote },
    ...(valid.clinicianNote ? [{ url: X.clinicianNote, valueString: valid.clinicianNote }] : []),
    ...valid.scales.map((s) => scaleExtension(X.scale, s)),
  ];
  if (valid.total) extension.push(scaleExtension(X.total, valid.total));
  extension.push(...valid.criticalItems.map(criticalExtension));
  const q: FhirQuestionnaire = {
    resourceType: 'Questionnaire',
    id: valid.id,
    url: questionnaireUrl(valid),
    version: questionnaireVersion(valid),
    name: kebabToPascal(valid.key),
    title: valid.title,
    status: 'active',
    extension,
    item: valid.sections.flatMap((s) => exportSection(s, byId)),
  };
  const code = codings(valid.code);
  if (code) q.code = code;
  if (valid.description) q.description = valid.description;
  if (valid.licence !== NO_LICENCE_TEXT) q.copyright = valid.licence;
  return q;
}

/** Attune extensions that carry what only clinicians see: scales, bands, critical items, notes. */
const STAFF_ONLY_EXTENSIONS = new Set([X.scale, X.total, X.critical, X.clinicianNote]);

/**
 * The Questionnaire as a client may read it on their own: the questions, options, codes, canonical
 * and licence, without Attune's scoring bands, cut-offs, critical-item rules or clinician note.
 *
 * @throws {DefinitionError} when the definition is invalid.
 */
export function toClientFhirQuestionnaire(def: InstrumentDefinition): FhirQuestionnaire {
  const q = toFhirQuestionnaire(def);
  return { ...q, extension: q.extension.filter((e) => !STAFF_ONLY_EXTENSIONS.has(e.url)) };
}

/**
 * Exports answers as a FHIR R4 QuestionnaireResponse that points to the Questionnaire's own
 * canonical (`url|version`), with the original linkIds and nesting. Items hidden by enableWhen
 * and unanswered items are left out (so is blank text: FHIR forbids empty strings). A declined
 * choice answer is the item's "prefer not to answer" coding; a decline without such an option
 * is an item with no answer and a data-absent-reason `asked-declined` extension. A read-only
 * item that shows a scale's score (`reportAs`) carries that score as valueDecimal.
 *
 * @throws {DefinitionError} when the definition is invalid.
 * @throws {AnswerError} naming the linkId of an answer that does not fit the instrument.
 * @throws {ScreeningError} when `meta.authored` is not a date-time.
 */
export function toFhirQuestionnaireResponse(
  def: InstrumentDefinition,
  answers: Answers,
  meta: QuestionnaireResponseMeta,
): FhirQuestionnaireResponse {
  const valid = validateDefinition(def);
  if (typeof meta.authored !== 'string' || Number.isNaN(Date.parse(meta.authored))) {
    throw new ScreeningError(
      `QuestionnaireResponse "authored" must be an ISO date-time, not '${String(meta.authored)}'`,
    );
  }
  const checked = checkAll(valid, answers);
  const { enabled, effective } = enabledAnswers(valid, checked);
  const result = score(valid, answers);
  const reported = new Map<string, number>();
  for (const [scale, s] of [
    ...valid.scales.map((x, i) => [x, result.scales[i]] as const),
    ...(valid.total && result.total ? [[valid.total, result.total] as const] : []),
  ]) {
    if (scale.reportAs && s && s.score !== null && !meta.omitScores)
      reported.set(scale.reportAs, s.score);
  }
  const top: FhirQuestionnaireResponseItem[] = [];
  for (const section of valid.sections) {
    const entries: { groups: GroupRef[] | undefined; node: FhirQuestionnaireResponseItem }[] = [];
    const items = {
      push: (node: FhirQuestionnaireResponseItem, groups?: GroupRef[]) =>
        entries.push({ groups, node }),
    };
    for (const item of section.items) {
      if (!enabled.has(item.linkId)) continue;
      const total = reported.get(item.linkId);
      if (total !== undefined) {
        items.push(
          { linkId: item.linkId, text: item.text, answer: [{ valueDecimal: total }] },
          item.groups,
        );
        continue;
      }
      const answer = effective.get(item.linkId);
      if (!answer) continue;
      if (answer.kind === 'value' && answer.value === '') continue;
      const out: FhirQuestionnaireResponseItem = { linkId: item.linkId, text: item.text };
      if (answer.kind === 'declined') {
        const decline = item.options?.find((o) => o.declines);
        if (decline) out.answer = [{ valueCoding: codingOf(decline) }];
        else out.extension = [{ url: DATA_ABSENT_REASON_URL, valueCode: 'asked-declined' }];
      } else if (answer.option) out.answer = [{ valueCoding: codingOf(answer.option) }];
      else if (typeof answer.value === 'number') out.answer = [{ valueInteger: answer.value }];
      else if (typeof answer.value === 'boolean') out.answer = [{ valueBoolean: answer.value }];
      else out.answer = [{ valueString: answer.value }];
      items.push(out, item.groups);
    }
    if (!entries.length) continue;
    const nested = nestByGroups(entries, (g) => {
      const group: FhirQuestionnaireResponseItem = { linkId: g.linkId };
      if (g.text) group.text = g.text;
      return group;
    });
    if (section.ungrouped) top.push(...nested);
    else top.push({ linkId: section.key, text: section.title, item: nested });
  }
  const response: FhirQuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: meta.id,
    questionnaire: questionnaireCanonical(valid),
    status: meta.status ?? 'completed',
    authored: meta.authored,
  };
  // FHIR JSON forbids empty arrays too.
  if (top.length) response.item = top;
  if (meta.subjectDisplay || meta.subjectReference) {
    response.subject = {};
    if (meta.subjectReference) response.subject.reference = meta.subjectReference;
    if (meta.subjectDisplay) response.subject.display = meta.subjectDisplay;
  }
  if (meta.subjectReference) {
    response.author = { reference: meta.subjectReference };
    response.source = { reference: meta.subjectReference };
  }
  return response;
}

function codingOf(o: AnswerOption): FhirCoding {
  const c: FhirCoding = { code: o.code, display: o.display };
  if (o.system) c.system = o.system;
  return c;
}

// ---------------------------------------------------------------- import

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A JSON value as text for a key or a message: nothing for null/undefined, objects as JSON. */
const asText = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : v === undefined || v === null
        ? ''
        : JSON.stringify(v);
const fail = (message: string, linkId?: string, field?: string): never => {
  throw new FhirImportError(message, linkId, field);
};

const TYPE_MAP: Record<string, ItemType> = {
  display: 'display',
  boolean: 'boolean',
  integer: 'integer',
  string: 'text',
  text: 'text',
  choice: 'choice',
};

function extensionsOf(v: unknown): Rec[] {
  return isRecord(v) && Array.isArray(v['extension']) ? v['extension'].filter(isRecord) : [];
}

function findExtension(v: unknown, url: string): Rec | undefined {
  return extensionsOf(v).find((e) => e['url'] === url);
}

function numberOf(e: Rec | undefined): number | undefined {
  if (!e) return undefined;
  const n = e['valueDecimal'] ?? e['valueInteger'];
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function slug(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Reads the sub-extensions of a complex extension: name → list of values. */
function parts(e: Rec, where: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const sub of extensionsOf(e)) {
    const name = sub['url'];
    if (typeof name !== 'string') fail(`${where}: a sub-extension has no url`);
    const value = Object.entries(sub).find(([k]) => k.startsWith('value'))?.[1] ?? sub;
    out.set(name as string, [...(out.get(name as string) ?? []), value]);
  }
  return out;
}

function one<T>(
  p: Map<string, unknown[]>,
  name: string,
  kind: string,
  where: string,
  optional = false,
): T {
  const values = p.get(name) ?? [];
  if (values.length === 0 && optional) return undefined as T;
  if (values.length !== 1 || typeof values[0] !== kind) {
    fail(`${where}: "${name}" must appear once as a ${kind}`);
  }
  return values[0] as T;
}

function importScale(e: Rec, where: string): ScaleDefinition {
  const p = parts(e, where);
  const scale: ScaleDefinition = {
    key: one<string>(p, 'key', 'string', where),
    title: one<string>(p, 'title', 'string', where),
    items: (p.get('item') ?? []) as string[],
    method: one<ScaleDefinition['method']>(p, 'method', 'string', where),
    minAnsweredShare: one<number>(p, 'minAnsweredShare', 'number', where),
  };
  const reportAs = one<string | undefined>(p, 'reportAs', 'string', where, true);
  if (reportAs !== undefined) scale.reportAs = reportAs;
  const domainTag = one<string | undefined>(p, 'domainTag', 'string', where, true);
  if (domainTag !== undefined) scale.domainTag = domainTag;
  const higherIsWorse = one<boolean | undefined>(p, 'higherIsWorse', 'boolean', where, true);
  if (higherIsWorse !== undefined) scale.higherIsWorse = higherIsWorse;
  const context = one<boolean | undefined>(p, 'context', 'boolean', where, true);
  if (context !== undefined) scale.context = context;
  const sd = one<number | undefined>(p, 'jacobsonTruaxSd', 'number', where, true);
  const reliability = one<number | undefined>(p, 'jacobsonTruaxReliability', 'number', where, true);
  if (sd !== undefined || reliability !== undefined) {
    scale.jacobsonTruax = { sd: sd as number, reliability: reliability as number };
  }
  const bands = (p.get('band') ?? []).map((b): ScoreBand => {
    const bp = parts(b as Rec, `${where} band`);
    return {
      min: one<number>(bp, 'min', 'number', `${where} band`),
      max: one<number>(bp, 'max', 'number', `${where} band`),
      label: one<string>(bp, 'label', 'string', `${where} band`),
      severity: one<ScoreBand['severity']>(bp, 'severity', 'string', `${where} band`),
    };
  });
  if (bands.length) scale.bands = bands;
  return scale;
}

function importCondition(p: Map<string, unknown[]>, where: string) {
  const value = (p.get('value') ?? [])[0];
  if (!['string', 'number', 'boolean'].includes(typeof value)) fail(`${where}: "value" is missing`);
  return { operator: one(p, 'operator', 'string', where), value: value as AnswerValue };
}

function importCritical(e: Rec): CriticalItem {
  const where = 'Attune critical-item extension';
  const p = parts(e, where);
  const critical: CriticalItem = {
    linkId: one<string>(p, 'linkId', 'string', where),
    severity: one(p, 'severity', 'string', where),
    message: one<string>(p, 'message', 'string', where),
    declinedCountsAsPositive: one<boolean>(p, 'declinedCountsAsPositive', 'boolean', where),
  };
  const codes = p.get('answerCode') ?? [];
  if (codes.length) {
    if (codes.some((c) => typeof c !== 'string')) fail(`${where}: "answerCode" must be strings`);
    critical.answerCodes = codes as string[];
  } else critical.condition = importCondition(p, where) as CriticalItem['condition'];
  const declinedMessage = one<string | undefined>(p, 'declinedMessage', 'string', where, true);
  if (declinedMessage !== undefined) critical.declinedMessage = declinedMessage;
  const unanswered = one<string | undefined>(p, 'unansweredMessage', 'string', where, true);
  if (unanswered !== undefined) critical.unansweredMessage = unanswered;
  const follow = p.get('followUp') ?? [];
  if (follow.length) {
    const fw = `${where} followUp`;
    if (follow.length !== 1 || !isRecord(follow[0])) fail(`${fw}: must appear once`);
    const fp = parts(follow[0] as Rec, fw);
    critical.followUp = {
      linkId: one<string>(fp, 'linkId', 'string', fw),
      condition: importCondition(fp, fw) as NonNullable<CriticalItem['condition']>,
      severity: one(fp, 'severity', 'string', fw),
      message: one<string>(fp, 'message', 'string', fw),
    };
  }
  return critical;
}

interface ImportContext {
  /** Contained resources by id, for answerValueSet '#id'. */
  contained: Map<string, Rec>;
  /** Contained CodeSystems by their url (and '#id'), for weights kept on code system concepts. */
  codeSystems: Map<string, Rec>;
  /** Items imported so far, for typing enableWhen answers. */
  items: Map<string, ItemDefinition>;
}

const WEIGHT_PROPERTIES = ['itemWeight', 'weight', 'ordinalValue'];

/** A concept's weight: the itemWeight/ordinalValue extension, or a weight property (CodeSystem). */
function conceptWeight(concept: Rec): number | undefined {
  const fromExtension =
    numberOf(findExtension(concept, FHIR_ITEM_WEIGHT_URL)) ??
    numberOf(findExtension(concept, FHIR_ORDINAL_VALUE_URL));
  if (fromExtension !== undefined) return fromExtension;
  const props = Array.isArray(concept['property']) ? concept['property'].filter(isRecord) : [];
  const prop = props.find((pr) => WEIGHT_PROPERTIES.includes(pr['code'] as string));
  return prop ? numberOf(prop) : undefined;
}

/** Every concept of a code system, its hierarchy flattened. */
function conceptsOf(cs: Rec): Rec[] {
  const walk = (list: unknown): Rec[] =>
    Array.isArray(list) ? list.filter(isRecord).flatMap((c) => [c, ...walk(c['concept'])]) : [];
  return walk(cs['concept']);
}

/** The weight a contained CodeSystem gives a code, if any. */
function systemWeight(ctx: ImportContext, system: unknown, code: string): number | undefined {
  if (typeof system !== 'string') return undefined;
  const cs = ctx.codeSystems.get(system);
  const concept = cs ? conceptsOf(cs).find((c) => c['code'] === code) : undefined;
  return concept ? conceptWeight(concept) : undefined;
}

function optionFromConcept(
  concept: Rec,
  system: unknown,
  linkId: string,
  ctx: ImportContext,
): AnswerOption {
  const code = concept['code'];
  if (typeof code !== 'string' || !code)
    fail(`Item '${linkId}': a value set concept has no code`, linkId);
  const option: AnswerOption = {
    code: code as string,
    display: typeof concept['display'] === 'string' ? concept['display'] : (code as string),
  };
  if (typeof system === 'string') option.system = system;
  const weight = conceptWeight(concept) ?? systemWeight(ctx, system, code as string);
  if (weight !== undefined) option.weight = weight;
  return option;
}

/** Options of a contained ValueSet: its expansion if present, else its listed concepts (or a contained code system's). */
function optionsFromValueSet(vs: Rec, linkId: string, ctx: ImportContext): AnswerOption[] {
  const expansion = vs['expansion'];
  if (isRecord(expansion) && Array.isArray(expansion['contains'])) {
    return expansion['contains']
      .filter(isRecord)
      .map((c) => optionFromConcept(c, c['system'], linkId, ctx));
  }
  const compose = vs['compose'];
  const includes =
    isRecord(compose) && Array.isArray(compose['include'])
      ? compose['include'].filter(isRecord)
      : [];
  const options = includes.flatMap((inc) => {
    if (Array.isArray(inc['concept'])) {
      return inc['concept']
        .filter(isRecord)
        .map((c) => optionFromConcept(c, inc['system'], linkId, ctx));
    }
    const cs = typeof inc['system'] === 'string' ? ctx.codeSystems.get(inc['system']) : undefined;
    if (cs) return conceptsOf(cs).map((c) => optionFromConcept(c, inc['system'], linkId, ctx));
    return fail(
      `Item '${linkId}': its value set includes a whole code system that is not contained in the Questionnaire`,
      linkId,
    );
  });
  if (options.length === 0) fail(`Item '${linkId}': its value set lists no codes`, linkId);
  return options;
}

function importOption(raw: unknown, linkId: string, ctx: ImportContext): AnswerOption {
  if (!isRecord(raw)) return fail(`Item '${linkId}': an answerOption is not an object`, linkId);
  let option: AnswerOption;
  const coding = raw['valueCoding'];
  if (isRecord(coding)) {
    const code = coding['code'];
    if (typeof code !== 'string' || !code)
      return fail(`Item '${linkId}': an answerOption coding has no code`, linkId);
    option = { code, display: typeof coding['display'] === 'string' ? coding['display'] : code };
    if (typeof coding['system'] === 'string') option.system = coding['system'];
  } else if (typeof raw['valueString'] === 'string') {
    option = { code: raw['valueString'], display: raw['valueString'] };
  } else if (Number.isInteger(raw['valueInteger'])) {
    option = { code: String(raw['valueInteger']), display: String(raw['valueInteger']) };
  } else {
    return fail(
      `Item '${linkId}': answerOption values must be valueCoding, valueString or valueInteger`,
      linkId,
    );
  }
  const declines =
    findExtension(raw, X.declines)?.['valueBoolean'] === true ||
    (option.system === DATA_ABSENT_REASON_SYSTEM && option.code === 'asked-declined');
  if (declines) return { ...option, declines: true };
  const weight =
    numberOf(findExtension(raw, FHIR_ITEM_WEIGHT_URL)) ??
    numberOf(findExtension(raw, FHIR_ORDINAL_VALUE_URL)) ??
    numberOf(findExtension(coding, FHIR_ORDINAL_VALUE_URL)) ??
    numberOf(findExtension(coding, FHIR_ITEM_WEIGHT_URL)) ??
    systemWeight(ctx, option.system, option.code);
  if (weight !== undefined) option.weight = weight;
  return option;
}

function importEnableWhen(raw: unknown, linkId: string, ctx: ImportContext): EnableWhen {
  if (!isRecord(raw)) return fail(`Item '${linkId}': an enableWhen is not an object`, linkId);
  const question = raw['question'];
  const operator = raw['operator'];
  if (typeof question !== 'string' || typeof operator !== 'string') {
    return fail(`Item '${linkId}': enableWhen needs "question" and "operator"`, linkId);
  }
  const target = ctx.items.get(question);
  let answer: AnswerValue;
  if (isRecord(raw['answerCoding'])) {
    const code = raw['answerCoding']['code'];
    if (typeof code !== 'string')
      return fail(`Item '${linkId}': enableWhen answerCoding has no code`, linkId);
    answer = code;
  } else if (typeof raw['answerBoolean'] === 'boolean') answer = raw['answerBoolean'];
  else if (typeof raw['answerString'] === 'string') answer = raw['answerString'];
  else if (typeof raw['answerInteger'] === 'number') answer = raw['answerInteger'];
  else if (typeof raw['answerDecimal'] === 'number') answer = raw['answerDecimal'];
  else {
    const kind = Object.keys(raw).find((k) => k.startsWith('answer')) ?? 'no answer';
    return fail(`Item '${linkId}': enableWhen with ${kind} cannot be represented`, linkId);
  }
  // Choice options imported from valueInteger carry the number as their code.
  if (target?.type === 'choice' && typeof answer === 'number') answer = String(answer);
  return { question, operator: operator as EnableWhen['operator'], answer };
}

function importItem(raw: unknown, ctx: ImportContext): ItemDefinition {
  if (!isRecord(raw)) return fail('A Questionnaire item is not an object');
  const linkId = raw['linkId'];
  if (typeof linkId !== 'string' || !linkId) {
    return fail(`A Questionnaire item has no linkId (text: '${asText(raw['text'])}')`);
  }
  const fhirType = String(raw['type']);
  // Calculated and read-only items (an SDC total, a decimal score) are kept as published but
  // never asked: Attune takes no decimal answers and computes scores itself.
  const calculated =
    raw['readOnly'] === true ||
    fhirType === 'decimal' ||
    findExtension(raw, SDC_CALCULATED_URL) !== undefined ||
    findExtension(raw, CQF_EXPRESSION_URL) !== undefined;
  const type: ItemType | undefined =
    calculated && fhirType === 'decimal' ? 'decimal' : TYPE_MAP[fhirType];
  if (!type) {
    return fail(
      `Item '${linkId}' has type '${fhirType}', which Attune instruments cannot represent`,
      linkId,
    );
  }
  if (raw['repeats'] === true) {
    return fail(`Item '${linkId}' repeats; Attune instruments take one answer per item`, linkId);
  }
  if (Array.isArray(raw['item']) && raw['item'].length) {
    return fail(
      `Item '${linkId}' has items nested under a question, which Attune cannot represent`,
      linkId,
    );
  }
  if (typeof raw['text'] !== 'string' || !raw['text'].trim()) {
    return fail(`Item '${linkId}' has no text`, linkId);
  }
  const item: ItemDefinition = { linkId, text: raw['text'], type };
  if (raw['required'] === true) item.required = true;
  if (calculated) item.readOnly = true;
  const code = importCodings(raw['code']);
  if (code) item.code = code;

  if (type === 'choice') {
    const valueSet = raw['answerValueSet'];
    if (Array.isArray(raw['answerOption']) && raw['answerOption'].length) {
      item.options = raw['answerOption'].map((o) => importOption(o, linkId, ctx));
    } else if (
      typeof valueSet === 'string' &&
      valueSet.startsWith('#') &&
      ctx.contained.has(valueSet.slice(1))
    ) {
      item.options = optionsFromValueSet(ctx.contained.get(valueSet.slice(1)) as Rec, linkId, ctx);
    } else if (typeof valueSet === 'string') {
      return fail(
        `Item '${linkId}' takes its options from answerValueSet '${valueSet}', which is not included inline; add answerOption entries or a contained ValueSet`,
        linkId,
      );
    } else return fail(`Item '${linkId}' is a choice item without answer options`, linkId);
    const weighted = item.options.filter((o) => !o.declines && o.weight !== undefined).length;
    const answering = item.options.filter((o) => !o.declines).length;
    if (weighted > 0 && weighted < answering) {
      return fail(`Item '${linkId}': some answer options carry a weight and others do not`, linkId);
    }
  } else if (raw['answerOption'] !== undefined || raw['answerValueSet'] !== undefined) {
    return fail(`Item '${linkId}' has answer options but type '${fhirType}'`, linkId);
  }
  if (type === 'integer') {
    const min = numberOf(findExtension(raw, MIN_VALUE_URL));
    const max = numberOf(findExtension(raw, MAX_VALUE_URL));
    if (min !== undefined) item.min = min;
    if (max !== undefined) item.max = max;
  }
  if (Array.isArray(raw['enableWhen']) && raw['enableWhen'].length) {
    item.enableWhen = raw['enableWhen'].map((c) => importEnableWhen(c, linkId, ctx));
    if (raw['enableBehavior'] !== undefined)
      item.enableBehavior = raw['enableBehavior'] as EnableBehavior;
  }
  ctx.items.set(linkId, item);
  return item;
}

/** The codings of a `code` list: those with a code, with their system and display. */
function importCodings(raw: unknown): Coding[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const list = raw.filter(isRecord).flatMap((c): Coding[] => {
    if (typeof c['code'] !== 'string' || !c['code'].trim()) return [];
    const out: Coding = { code: c['code'] };
    if (typeof c['system'] === 'string' && c['system']) out.system = c['system'];
    if (typeof c['display'] === 'string' && c['display'].trim()) out.display = c['display'];
    return [out];
  });
  return list.length ? list : undefined;
}

/** A group's own enableWhen applies to each of its items. */
function pushDownGroupCondition(group: ItemDefinition, items: ItemDefinition[]): void {
  const groupWhen = group.enableWhen ?? [];
  if (!groupWhen.length) return;
  const groupAll = groupWhen.length === 1 || (group.enableBehavior ?? 'all') === 'all';
  for (const item of items) {
    if (!item.enableWhen) {
      item.enableWhen = [...groupWhen];
      if (group.enableBehavior) item.enableBehavior = group.enableBehavior;
      continue;
    }
    const itemAll = item.enableWhen.length === 1 || (item.enableBehavior ?? 'all') === 'all';
    if (!groupAll || !itemAll) {
      fail(
        `Item '${item.linkId}' combines its own enableWhen with that of group '${group.linkId}' using 'any', which Attune cannot represent`,
        item.linkId,
      );
    }
    item.enableWhen = [...groupWhen, ...item.enableWhen];
    delete item.enableBehavior;
    if (item.enableWhen.length > 1) item.enableBehavior = 'all';
  }
}

/** The questions under a group; nested groups are kept as each item's group path. */
function importChildren(
  children: unknown[],
  ctx: ImportContext,
  path: GroupRef[],
): ItemDefinition[] {
  return children.flatMap((child): ItemDefinition[] => {
    if (!(isRecord(child) && child['type'] === 'group')) {
      const item = importItem(child, ctx);
      if (path.length) item.groups = path.map((g) => ({ ...g }));
      return [item];
    }
    const linkId = asText(child['linkId']);
    if (!linkId) return fail(`A group has no linkId (text: '${asText(child['text'])}')`);
    if (child['repeats'] === true)
      return fail(`Group '${linkId}' repeats, which Attune cannot represent`, linkId);
    const grandchildren = Array.isArray(child['item']) ? child['item'] : [];
    if (!grandchildren.length) return fail(`Group '${linkId}' has no items`, linkId);
    const ref: GroupRef = { linkId };
    if (typeof child['text'] === 'string' && child['text'].trim()) ref.text = child['text'];
    const code = importCodings(child['code']);
    if (code) ref.code = code;
    const when: ItemDefinition = { linkId, text: 'group', type: 'display' };
    if (Array.isArray(child['enableWhen']) && child['enableWhen'].length) {
      when.enableWhen = child['enableWhen'].map((c) => importEnableWhen(c, linkId, ctx));
      if (child['enableBehavior'] !== undefined)
        when.enableBehavior = child['enableBehavior'] as EnableBehavior;
    }
    const items = importChildren(grandchildren, ctx, [...path, ref]);
    pushDownGroupCondition(when, items);
    return items;
  });
}

function importGroup(raw: Rec, ctx: ImportContext): SectionDefinition {
  const linkId = asText(raw['linkId']);
  if (!linkId) return fail(`A group has no linkId (text: '${asText(raw['text'])}')`);
  if (raw['repeats'] === true)
    return fail(`Group '${linkId}' repeats, which Attune cannot represent`, linkId);
  const children = Array.isArray(raw['item']) ? raw['item'] : [];
  if (!children.length) return fail(`Group '${linkId}' has no items`, linkId);
  // Read the group's own conditions like an item's, so they are typed the same way.
  const groupWhen: ItemDefinition = { linkId, text: 'group', type: 'display' };
  if (Array.isArray(raw['enableWhen']) && raw['enableWhen'].length) {
    groupWhen.enableWhen = raw['enableWhen'].map((c) => importEnableWhen(c, linkId, ctx));
    if (raw['enableBehavior'] !== undefined)
      groupWhen.enableBehavior = raw['enableBehavior'] as EnableBehavior;
  }
  const items = importChildren(children, ctx, []);
  pushDownGroupCondition(groupWhen, items);
  const section: SectionDefinition = {
    key: linkId,
    title: typeof raw['text'] === 'string' && raw['text'].trim() ? raw['text'] : linkId,
    intro: asText(findExtension(raw, X.intro)?.['valueString']),
    whyWeAsk: asText(findExtension(raw, X.whyWeAsk)?.['valueString']),
    items,
  };
  const notice = findExtension(raw, X.contentNotice)?.['valueString'];
  if (typeof notice === 'string') section.contentNotice = notice;
  const code = importCodings(raw['code']);
  if (code) section.code = code;
  return section;
}

/**
 * PHQ-9 item 9 (LOINC 44260-8) is critical by default: every answer above the lowest ("Not at
 * all") raises an URGENT alert. An admin can change this for the practice.
 */
function defaultCriticalItems(ctx: ImportContext, given: CriticalItem[]): CriticalItem[] {
  const out: CriticalItem[] = [];
  for (const item of ctx.items.values()) {
    if (item.type !== 'choice' || item.readOnly) continue;
    if (given.some((c) => c.linkId === item.linkId)) continue;
    const loinc = item.code?.some((c) => c.system === LOINC_SYSTEM && c.code === LOINC_PHQ9_ITEM_9);
    if (!loinc) continue;
    const answering = (item.options ?? []).filter((o) => !o.declines);
    const weights = answering.map((o) => o.weight);
    const lowest = weights.every((w) => typeof w === 'number') ? Math.min(...weights) : undefined;
    const codes = answering
      .filter((o, i) => (lowest === undefined ? i > 0 : (o.weight as number) > lowest))
      .map((o) => o.code);
    if (!codes.length) continue;
    out.push({
      linkId: item.linkId,
      answerCodes: codes,
      severity: 'urgent',
      message: PHQ9_ITEM_9_MESSAGE,
      declinedCountsAsPositive: true,
    });
  }
  return out;
}

const TEXT_FIELDS = new Set(['text', 'display']);

/**
 * Refuses a Questionnaire over {@link FHIR_IMPORT_LIMITS}, naming the field (JSON path) at fault.
 * Walks iteratively, so a deeply nested document cannot exhaust the stack.
 */
function checkImportLimits(q: Rec): void {
  const L = FHIR_IMPORT_LIMITS;
  if (typeof q['title'] === 'string' && q['title'].length > L.titleMax) {
    fail(`The title is longer than ${L.titleMax} characters`, undefined, 'title');
  }
  // Items: count and depth.
  let count = 0;
  const items: { list: unknown; depth: number; path: string }[] = [
    { list: q['item'], depth: 1, path: 'item' },
  ];
  while (items.length) {
    const { list, depth, path } = items.pop()!;
    if (!Array.isArray(list)) continue;
    if (depth > L.depthMax) {
      fail(`Items are nested more than ${L.depthMax} levels deep`, undefined, path);
    }
    list.forEach((it: unknown, i) => {
      count++;
      const where = `${path}[${i}]`;
      if (!isRecord(it)) return;
      if (Array.isArray(it['answerOption']) && it['answerOption'].length > L.optionsMax) {
        fail(
          `An item has more than ${L.optionsMax} answer options`,
          undefined,
          `${where}.answerOption`,
        );
      }
      items.push({ list: it['item'], depth: depth + 1, path: `${where}.item` });
    });
    if (count > L.itemsMax) {
      fail(`The Questionnaire has more than ${L.itemsMax} items`, undefined, 'item');
    }
  }
  // Every string, and the nesting of the JSON itself.
  const stack: { v: unknown; path: string; depth: number; key: string }[] = [
    { v: q, path: '', depth: 0, key: '' },
  ];
  while (stack.length) {
    const { v, path, depth, key } = stack.pop()!;
    if (typeof v === 'string') {
      const max = TEXT_FIELDS.has(key) ? L.textMax : L.stringMax;
      if (v.length > max) fail(`${path} is longer than ${max} characters`, undefined, path);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth > L.jsonDepthMax) {
      fail(`The JSON is nested more than ${L.jsonDepthMax} levels deep`, undefined, path);
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ v: x, path: `${path}[${i}]`, depth: depth + 1, key }));
    } else {
      for (const [k, x] of Object.entries(v)) {
        stack.push({ v: x, path: path ? `${path}.${k}` : k, depth: depth + 1, key: k });
      }
    }
  }
}

/**
 * Imports a FHIR R4 Questionnaire as an instrument definition.
 *
 * Groups become sections (top-level questions outside a group are gathered into sections of
 * their own); display, choice, boolean, integer, string and text items are supported. Choice
 * weights come from the `itemWeight` extension on the answerOption or the older `ordinalValue`
 * extension on its valueCoding; options may also come from a contained ValueSet. enableWhen
 * and enableBehavior carry over (answerCoding compares by code). Without Attune's own scale
 * extensions, a 'total' sum scale over every weighted choice item is created.
 *
 * @param q Parsed Questionnaire JSON.
 * @param options Key, version and total-scale settings to use instead of the defaults.
 * @throws {FhirImportError} naming the item linkId for anything that cannot be represented
 *   (types such as reference or attachment, repeats, answerValueSet without inline options,
 *   nested groups), and for Questionnaires that do not make a valid instrument.
 */
export function fromFhirQuestionnaire(
  q: unknown,
  options: FhirImportOptions = {},
): InstrumentDefinition {
  if (!isRecord(q) || q['resourceType'] !== 'Questionnaire') {
    return fail('Expected a FHIR Questionnaire resource (resourceType "Questionnaire")');
  }
  if (!Array.isArray(q['item']) || q['item'].length === 0)
    return fail('The Questionnaire has no items', undefined, 'item');
  checkImportLimits(q);
  const contained = new Map<string, Rec>();
  const codeSystems = new Map<string, Rec>();
  if (Array.isArray(q['contained'])) {
    for (const r of q['contained'].filter(isRecord)) {
      if (typeof r['id'] === 'string') contained.set(r['id'], r);
      if (r['resourceType'] === 'CodeSystem') {
        if (typeof r['url'] === 'string') codeSystems.set(r['url'], r);
        if (typeof r['id'] === 'string') codeSystems.set(`#${r['id']}`, r);
      }
    }
  }
  const ctx: ImportContext = { contained, codeSystems, items: new Map() };
  const title = typeof q['title'] === 'string' && q['title'].trim() ? q['title'] : undefined;

  const sections: SectionDefinition[] = [];
  let loose: ItemDefinition[] = [];
  const flushLoose = (): void => {
    if (!loose.length) return;
    let key = sections.length === 0 ? 'questions' : `questions-${sections.length + 1}`;
    while (ctx.items.has(key)) key = `${key}-section`;
    // Items outside any group: held by a section for the runner, written back ungrouped.
    sections.push({
      key,
      title: title ?? 'Questions',
      intro: '',
      whyWeAsk: '',
      ungrouped: true,
      items: loose,
    });
    loose = [];
  };
  for (const raw of q['item']) {
    if (isRecord(raw) && raw['type'] === 'group') {
      flushLoose();
      sections.push(importGroup(raw, ctx));
    } else loose.push(importItem(raw, ctx));
  }
  flushLoose();

  const extensionKey = findExtension(q, X.key)?.['valueString'];
  const key =
    options.key ??
    (typeof extensionKey === 'string' ? extensionKey : undefined) ??
    [q['name'], q['id'], title].map((v) => (typeof v === 'string' ? slug(v) : '')).find(Boolean) ??
    fail('The Questionnaire has no name, id or title to derive a key from');
  const versionText = typeof q['version'] === 'string' ? q['version'].trim() : '';
  const version = options.version ?? (/^[1-9]\d*$/.test(versionText) ? Number(versionText) : 1);

  const scaleExtensions = extensionsOf(q).filter((e) => e['url'] === X.scale);
  const totalExtension = findExtension(q, X.total);
  const criticalExtensions = extensionsOf(q).filter((e) => e['url'] === X.critical);
  const scales = scaleExtensions.map((e, i) => importScale(e, `Attune scale extension #${i + 1}`));
  let total: ScaleDefinition | undefined = totalExtension
    ? importScale(totalExtension, 'Attune total-scale extension')
    : undefined;
  if (!scaleExtensions.length && !totalExtension) {
    const weighted = [...ctx.items.values()].filter((i) => {
      const range = i.type === 'choice' && !i.readOnly ? itemScoreRange(i) : null;
      return range !== null && range.max > range.min;
    });
    if (weighted.length) {
      total = {
        key: 'total',
        title: title ? `${title} total` : 'Total',
        items: weighted.map((i) => i.linkId),
        method: 'sum',
        minAnsweredShare: options.minAnsweredShare ?? 1,
      };
      // One published total item (e.g. PHQ-9 /44261-6): exports show Attune's score there.
      const totals = [...ctx.items.values()].filter((i) => i.type === 'decimal');
      if (totals.length === 1) total.reportAs = totals[0]!.linkId;
    }
  }
  const criticalItems = criticalExtensions.map(importCritical);
  criticalItems.push(...defaultCriticalItems(ctx, criticalItems));

  const validated = findExtension(q, X.validated)?.['valueBoolean'];
  const note = findExtension(q, X.validationNote)?.['valueString'];
  const def: InstrumentDefinition = {
    id: typeof q['id'] === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(q['id']) ? q['id'] : key,
    key,
    version,
    title: title ?? (typeof q['name'] === 'string' ? q['name'] : key),
    description: typeof q['description'] === 'string' ? q['description'] : '',
    licence:
      typeof q['copyright'] === 'string' && q['copyright'].trim()
        ? q['copyright']
        : NO_LICENCE_TEXT,
    validated: validated === true,
    validationNote:
      typeof note === 'string'
        ? note
        : "Imported from FHIR; the Questionnaire does not say whether it is validated. Check the instrument's own documentation.",
    sections,
    scales,
    criticalItems,
  };
  if (total) def.total = total;
  // A URL minted by Attune's own export for this key stands for "no URL of its own".
  if (typeof q['url'] === 'string' && q['url'].trim() && q['url'] !== questionnaireUrl({ key }))
    def.url = q['url'];
  // Kept when it is not simply the whole number used as the version.
  if (versionText && versionText !== String(version)) def.publishedVersion = versionText;
  const code = importCodings(q['code']);
  if (code) def.code = code;
  const clinicianNote = findExtension(q, X.clinicianNote)?.['valueString'];
  if (typeof clinicianNote === 'string' && clinicianNote.trim()) def.clinicianNote = clinicianNote;
  try {
    return validateDefinition(def);
  } catch (e) {
    if (e instanceof DefinitionError) {
      const culprit = e.problems[0]?.match(/item '([^']+)'/)?.[1];
      throw new FhirImportError(
        `The Questionnaire does not make a valid instrument: ${e.problems.join('; ')}`,
        culprit,
      );
    }
    throw e;
  }
}
