/**
 * FHIR R4 exchange: Questionnaire import/export and QuestionnaireResponse export.
 * Pure functions over JSON; no I/O.
 */
import type {
  AnswerOption,
  AnswerValue,
  Answers,
  CriticalItem,
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
import { flattenItems, itemScoreRange } from './model.js';
import { checkAll, enabledAnswers } from './score.js';
import { validateDefinition } from './validate.js';

/** Core extension carrying an answer option's score (on Questionnaire.item.answerOption). */
export const FHIR_ITEM_WEIGHT_URL = 'http://hl7.org/fhir/StructureDefinition/itemWeight';
/** Older core extension carrying a code's score (on the answerOption's valueCoding). */
export const FHIR_ORDINAL_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const MIN_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/maxValue';
const DATA_ABSENT_REASON_URL = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const DATA_ABSENT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

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
  text: string;
  type: 'group' | 'display' | 'boolean' | 'integer' | 'text' | 'choice';
  required?: boolean;
  enableWhen?: FhirEnableWhen[];
  enableBehavior?: EnableBehavior;
  answerOption?: FhirAnswerOption[];
  extension?: FhirExtension[];
  item?: FhirQuestionnaireItem[];
}
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url?: string;
  name: string;
  title: string;
  version: string;
  status: 'active';
  description?: string;
  copyright: string;
  extension: FhirExtension[];
  item: FhirQuestionnaireItem[];
}
export interface FhirQuestionnaireResponseAnswer {
  valueCoding?: FhirCoding;
  valueInteger?: number;
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
  status: 'in-progress' | 'completed';
  authored: string;
  subject?: { display: string };
  item: FhirQuestionnaireResponseItem[];
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
  /** Canonical URL of the Questionnaire (optionally with `|version`). */
  questionnaireUrl: string;
  /** ISO 8601 date-time the answers were given. */
  authored: string;
  subjectDisplay?: string;
  /** Defaults to 'completed'. */
  status?: 'in-progress' | 'completed';
}

// ---------------------------------------------------------------- export

function kebabToPascal(key: string): string {
  return key
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : ''))
    .join('');
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

function criticalExtension(c: CriticalItem): FhirExtension {
  const v = c.condition.value;
  const value: FhirExtension =
    typeof v === 'boolean'
      ? { url: 'value', valueBoolean: v }
      : typeof v === 'number'
        ? { url: 'value', valueDecimal: v }
        : { url: 'value', valueString: v };
  const parts: FhirExtension[] = [
    { url: 'linkId', valueString: c.linkId },
    { url: 'operator', valueCode: c.condition.operator },
    value,
    { url: 'severity', valueCode: c.severity },
    { url: 'message', valueString: c.message },
    { url: 'declinedCountsAsPositive', valueBoolean: c.declinedCountsAsPositive },
  ];
  if (c.declinedMessage !== undefined)
    parts.push({ url: 'declinedMessage', valueString: c.declinedMessage });
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
  if (item.required) out.required = true;
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

function exportSection(
  s: SectionDefinition,
  byId: Map<string, ItemDefinition>,
): FhirQuestionnaireItem {
  // FHIR JSON forbids empty strings, so empty notes are left out (and read back as '').
  const extensions: FhirExtension[] = [];
  if (s.intro) extensions.push({ url: X.intro, valueString: s.intro });
  if (s.whyWeAsk) extensions.push({ url: X.whyWeAsk, valueString: s.whyWeAsk });
  if (s.contentNotice !== undefined)
    extensions.push({ url: X.contentNotice, valueString: s.contentNotice });
  const group: FhirQuestionnaireItem = { linkId: s.key, text: s.title, type: 'group' };
  if (extensions.length) group.extension = extensions;
  group.item = s.items.map((i) => exportItem(i, byId));
  return group;
}

/**
 * Exports an instrument as a FHIR R4 Questionnaire. Sections become groups; weights are
 * written as `itemWeight` (and `ordinalValue` on the coding); scales, bands, critical items,
 * section notes, the clinician note and "prefer not to answer" travel in Attune extensions, so
 * `fromFhirQuestionnaire(toFhirQuestionnaire(def))` scores exactly like `def`.
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
    name: kebabToPascal(valid.key),
    title: valid.title,
    version: String(valid.version),
    status: 'active',
    copyright: valid.licence,
    extension,
    item: valid.sections.map((s) => exportSection(s, byId)),
  };
  if (valid.url) q.url = valid.url;
  if (valid.description) q.description = valid.description;
  return q;
}

/**
 * Exports answers as a FHIR R4 QuestionnaireResponse. Items hidden by enableWhen and
 * unanswered items are left out. A declined choice answer is the item's "prefer not to
 * answer" coding; a decline without such an option is an item with no answer and a
 * data-absent-reason `asked-declined` extension.
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
  const { effective } = enabledAnswers(valid, checked);
  const groups: FhirQuestionnaireResponseItem[] = [];
  for (const section of valid.sections) {
    const items: FhirQuestionnaireResponseItem[] = [];
    for (const item of section.items) {
      const answer = effective.get(item.linkId);
      if (!answer) continue;
      const out: FhirQuestionnaireResponseItem = { linkId: item.linkId, text: item.text };
      if (answer.kind === 'declined') {
        const decline = item.options?.find((o) => o.declines);
        if (decline) out.answer = [{ valueCoding: codingOf(decline) }];
        else out.extension = [{ url: DATA_ABSENT_REASON_URL, valueCode: 'asked-declined' }];
      } else if (answer.option) out.answer = [{ valueCoding: codingOf(answer.option) }];
      else if (typeof answer.value === 'number') out.answer = [{ valueInteger: answer.value }];
      else if (typeof answer.value === 'boolean') out.answer = [{ valueBoolean: answer.value }];
      else out.answer = [{ valueString: answer.value }];
      items.push(out);
    }
    if (items.length) groups.push({ linkId: section.key, text: section.title, item: items });
  }
  const response: FhirQuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: meta.id,
    questionnaire: meta.questionnaireUrl,
    status: meta.status ?? 'completed',
    authored: meta.authored,
    item: groups,
  };
  if (meta.subjectDisplay) response.subject = { display: meta.subjectDisplay };
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
const fail = (message: string, linkId?: string): never => {
  throw new FhirImportError(message, linkId);
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

function importCritical(e: Rec): CriticalItem {
  const where = 'Attune critical-item extension';
  const p = parts(e, where);
  const value = (p.get('value') ?? [])[0];
  if (!['string', 'number', 'boolean'].includes(typeof value)) fail(`${where}: "value" is missing`);
  const critical: CriticalItem = {
    linkId: one<string>(p, 'linkId', 'string', where),
    condition: { operator: one(p, 'operator', 'string', where), value: value as AnswerValue },
    severity: one(p, 'severity', 'string', where),
    message: one<string>(p, 'message', 'string', where),
    declinedCountsAsPositive: one<boolean>(p, 'declinedCountsAsPositive', 'boolean', where),
  };
  const declinedMessage = one<string | undefined>(p, 'declinedMessage', 'string', where, true);
  if (declinedMessage !== undefined) critical.declinedMessage = declinedMessage;
  return critical;
}

interface ImportContext {
  /** Contained resources by id, for answerValueSet '#id'. */
  contained: Map<string, Rec>;
  /** Items imported so far, for typing enableWhen answers. */
  items: Map<string, ItemDefinition>;
}

function optionFromConcept(concept: Rec, system: unknown, linkId: string): AnswerOption {
  const code = concept['code'];
  if (typeof code !== 'string' || !code)
    fail(`Item '${linkId}': a value set concept has no code`, linkId);
  const option: AnswerOption = {
    code: code as string,
    display:
      typeof concept['display'] === 'string' ? (concept['display'] as string) : (code as string),
  };
  if (typeof system === 'string') option.system = system;
  const weight =
    numberOf(findExtension(concept, FHIR_ITEM_WEIGHT_URL)) ??
    numberOf(findExtension(concept, FHIR_ORDINAL_VALUE_URL));
  if (weight !== undefined) option.weight = weight;
  return option;
}

/** Options of a contained ValueSet: its expansion if present, else its enumerated concepts. */
function optionsFromValueSet(vs: Rec, linkId: string): AnswerOption[] {
  const expansion = vs['expansion'];
  if (isRecord(expansion) && Array.isArray(expansion['contains'])) {
    return expansion['contains']
      .filter(isRecord)
      .map((c) => optionFromConcept(c, c['system'], linkId));
  }
  const compose = vs['compose'];
  const includes =
    isRecord(compose) && Array.isArray(compose['include'])
      ? compose['include'].filter(isRecord)
      : [];
  const options = includes.flatMap((inc) => {
    if (!Array.isArray(inc['concept'])) {
      return fail(
        `Item '${linkId}': its value set includes a whole code system, not listed codes`,
        linkId,
      );
    }
    return inc['concept'].filter(isRecord).map((c) => optionFromConcept(c, inc['system'], linkId));
  });
  if (options.length === 0) fail(`Item '${linkId}': its value set lists no codes`, linkId);
  return options;
}

function importOption(raw: unknown, linkId: string): AnswerOption {
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
    numberOf(findExtension(coding, FHIR_ITEM_WEIGHT_URL));
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
    return fail(`A Questionnaire item has no linkId (text: '${String(raw['text'] ?? '')}')`);
  }
  const fhirType = String(raw['type']);
  const type = TYPE_MAP[fhirType];
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

  if (type === 'choice') {
    const valueSet = raw['answerValueSet'];
    if (Array.isArray(raw['answerOption']) && raw['answerOption'].length) {
      item.options = raw['answerOption'].map((o) => importOption(o, linkId));
    } else if (
      typeof valueSet === 'string' &&
      valueSet.startsWith('#') &&
      ctx.contained.has(valueSet.slice(1))
    ) {
      item.options = optionsFromValueSet(ctx.contained.get(valueSet.slice(1)) as Rec, linkId);
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

function importGroup(raw: Rec, ctx: ImportContext): SectionDefinition {
  const linkId = String(raw['linkId'] ?? '');
  if (!linkId) return fail(`A group has no linkId (text: '${String(raw['text'] ?? '')}')`);
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
  const items = children.map((child) => {
    if (isRecord(child) && child['type'] === 'group') {
      return fail(
        `Group '${String(child['linkId'])}' is nested inside group '${linkId}', which Attune cannot represent`,
        String(child['linkId']),
      );
    }
    return importItem(child, ctx);
  });
  pushDownGroupCondition(groupWhen, items);
  const section: SectionDefinition = {
    key: linkId,
    title: typeof raw['text'] === 'string' && raw['text'].trim() ? raw['text'] : linkId,
    intro: String(findExtension(raw, X.intro)?.['valueString'] ?? ''),
    whyWeAsk: String(findExtension(raw, X.whyWeAsk)?.['valueString'] ?? ''),
    items,
  };
  const notice = findExtension(raw, X.contentNotice)?.['valueString'];
  if (typeof notice === 'string') section.contentNotice = notice;
  return section;
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
    return fail('The Questionnaire has no items');
  const contained = new Map<string, Rec>();
  if (Array.isArray(q['contained'])) {
    for (const r of q['contained'].filter(isRecord)) {
      if (typeof r['id'] === 'string') contained.set(r['id'], r);
    }
  }
  const ctx: ImportContext = { contained, items: new Map() };
  const title = typeof q['title'] === 'string' && q['title'].trim() ? q['title'] : undefined;

  const sections: SectionDefinition[] = [];
  let loose: ItemDefinition[] = [];
  const flushLoose = (): void => {
    if (!loose.length) return;
    let key = sections.length === 0 ? 'questions' : `questions-${sections.length + 1}`;
    while (ctx.items.has(key)) key = `${key}-section`;
    sections.push({ key, title: title ?? 'Questions', intro: '', whyWeAsk: '', items: loose });
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
  const versionText = typeof q['version'] === 'string' ? q['version'] : '';
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
      const range = i.type === 'choice' ? itemScoreRange(i) : null;
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
    }
  }

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
        : 'No copyright or licence text came with this Questionnaire.',
    validated: validated === true,
    validationNote:
      typeof note === 'string'
        ? note
        : "Imported from FHIR; the Questionnaire does not say whether it is validated. Check the instrument's own documentation.",
    sections,
    scales,
    criticalItems: criticalExtensions.map(importCritical),
  };
  if (total) def.total = total;
  const clinicianNote = findExtension(q, X.clinicianNote)?.['valueString'];
  if (typeof clinicianNote === 'string' && clinicianNote.trim()) def.clinicianNote = clinicianNote;
  if (typeof q['url'] === 'string' && q['url']) def.url = q['url'];
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
