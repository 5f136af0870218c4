/**
 * The instrument definition schema: what a questionnaire looks like, how it is
 * scored and which answers need a clinician's attention. Definitions are plain
 * JSON so they can be stored, versioned and exchanged as FHIR Questionnaires.
 */

/**
 * How a question is answered. `display` items show text and take no answer; `decimal` items
 * are calculated results kept from a published Questionnaire (always `readOnly`, never asked).
 */
export type ItemType = 'choice' | 'boolean' | 'integer' | 'decimal' | 'text' | 'display';

/** Comparison used by enableWhen and critical-item conditions (FHIR's operator set). */
export type ConditionOperator = 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';

/** A plain answer value. For a choice item the value is the chosen option's `code`. */
export type AnswerValue = string | number | boolean;

export type SeverityLevel = 'none' | 'mild' | 'moderate' | 'high';
/**
 * How soon a clinician must act on a safety alert, most urgent first: IMMEDIATE (the person
 * says the thoughts are there right now), URGENT (a critical answer), CHECK-IN (declined, or
 * left unanswered at submit).
 */
export type AlertLevel = 'immediate' | 'urgent' | 'check-in';
/** @deprecated Use {@link AlertLevel}. */
export type FlagSeverity = AlertLevel;
/** Why a flag was raised. */
export type FlagReason = 'answered' | 'declined' | 'unanswered';
export type ScaleMethod = 'sum' | 'mean';
export type EnableBehavior = 'all' | 'any';

export const ITEM_TYPES: readonly ItemType[] = [
  'choice',
  'boolean',
  'integer',
  'decimal',
  'text',
  'display',
];
export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  'exists',
  '=',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
];
export const SEVERITY_LEVELS: readonly SeverityLevel[] = ['none', 'mild', 'moderate', 'high'];
/** Alert levels, most urgent first. */
export const ALERT_LEVELS: readonly AlertLevel[] = ['immediate', 'urgent', 'check-in'];
/** @deprecated Use {@link ALERT_LEVELS}. */
export const FLAG_SEVERITIES = ALERT_LEVELS;
/** Higher is more urgent; used to compare a new answer with an alert raised before. */
export const ALERT_LEVEL_RANK: Readonly<Record<AlertLevel, number>> = {
  immediate: 3,
  urgent: 2,
  'check-in': 1,
};

/** A code from a code system (LOINC, SNOMED...), kept for FHIR exchange. */
export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

/** One response option of a choice item. */
export interface AnswerOption {
  /** Stable code stored as the answer value. Unique within the item. */
  code: string;
  /** Text shown to the person answering. */
  display: string;
  /**
   * Points this option adds to a scale. Reverse keying is simply reversed
   * weights. Either every non-declining option of an item has a weight or none does.
   */
  weight?: number;
  /** Marks "prefer not to answer": the answer counts as missing for scores. Carries no weight. */
  declines?: boolean;
  /** Optional code system (e.g. `http://loinc.org`), kept for FHIR exchange. */
  system?: string;
}

/**
 * A condition on an earlier question. `exists` takes a boolean value. On a choice
 * item `=`/`!=` compare option codes. On an integer item every operator compares numbers.
 * A declined or unanswered question has no value: `exists` is false, `!=` is true
 * (as in FHIR: no answer equals the value) and every other operator is false.
 */
export interface EnableWhen {
  question: string;
  operator: ConditionOperator;
  answer: AnswerValue;
}

export interface ItemDefinition {
  /** Unique across the whole instrument (sections included). */
  linkId: string;
  text: string;
  type: ItemType;
  /** Defaults to false. A required item still accepts a "prefer not to answer" option. */
  required?: boolean;
  /** Choice items only. */
  options?: AnswerOption[];
  /** Integer items only: inclusive bounds. A scored integer item needs both. */
  min?: number;
  max?: number;
  /** Show the item only when these conditions hold. Questions must come earlier in the instrument. */
  enableWhen?: EnableWhen[];
  /** How several enableWhen conditions combine. Defaults to 'all'. */
  enableBehavior?: EnableBehavior;
  /**
   * A calculated or read-only item kept from a published Questionnaire (e.g. a total score
   * with an SDC calculatedExpression). Never asked, takes no answer; the engine scores itself.
   */
  readOnly?: boolean;
  /** The item's codes as published (e.g. LOINC), kept for FHIR exchange. */
  code?: Coding[];
  /**
   * The groups this item sits in below its section, outermost first, when an imported
   * Questionnaire nests groups: kept so FHIR export writes the original nesting back.
   */
  groups?: GroupRef[];
}

/** A FHIR group nested inside a section's own group. */
export interface GroupRef {
  linkId: string;
  text?: string;
  code?: Coding[];
}

export interface SectionDefinition {
  key: string;
  title: string;
  /** Short lead-in shown above the items (may be empty). */
  intro: string;
  /** A warm note on why the section is asked (may be empty for imported instruments). */
  whyWeAsk: string;
  /** Shown before the section when its topic may be hard to read about. */
  contentNotice?: string;
  /**
   * True when the items stood at the top level of an imported Questionnaire, outside any group:
   * the section only holds them for the runner, and FHIR export writes them back ungrouped.
   */
  ungrouped?: boolean;
  /** The group's codes as published, kept for FHIR exchange. */
  code?: Coding[];
  items: ItemDefinition[];
}

/**
 * A score band. A score belongs to the band with the highest `min` not above it,
 * so small gaps between bands (4 → 5, or 1.49 → 1.5) never leave a score unbanded.
 */
export interface ScoreBand {
  min: number;
  max: number;
  label: string;
  severity: SeverityLevel;
}

/** Constants for the Jacobson-Truax reliable change index. */
export interface JacobsonTruax {
  /** Standard deviation of the scale in a reference sample (s1). Must be > 0. */
  sd: number;
  /** Test-retest or internal-consistency reliability (r), 0 <= r < 1. */
  reliability: number;
}

export interface ScaleDefinition {
  key: string;
  title: string;
  /** linkIds of scored items: weighted choice items, or integer items with min and max. */
  items: string[];
  /**
   * 'mean': mean of the answered items. 'sum': sum of the items; when some are missing
   * (but enough are answered) each missing item is filled in at the person's average
   * position on the answered items' ranges, i.e. the usual prorated sum.
   */
  method: ScaleMethod;
  /** The share of enabled items that must be answered for a score, in (0, 1]. */
  minAnsweredShare: number;
  bands?: ScoreBand[];
  jacobsonTruax?: JacobsonTruax;
  /** Tag used to match psychoeducation modules to this scale. */
  domainTag?: string;
  /** Whether a higher score means more difficulty. Defaults to true. */
  higherIsWorse?: boolean;
  /** Background only: never part of the total and never banded for severity. */
  context?: boolean;
  /** A read-only item of the instrument (e.g. a published total) that shows this scale's score in FHIR exports. */
  reportAs?: string;
}

/** A condition on the critical item's own answer. See {@link EnableWhen} for the comparison rules; in addition a number on a choice item compares the chosen option's weight. */
export interface CriticalCondition {
  operator: ConditionOperator;
  value: AnswerValue;
}

/**
 * A "right now?" follow-up to a critical item, shown only after a critical answer (by its own
 * enableWhen). Meeting its condition raises the critical item's alert to `severity` (IMMEDIATE).
 */
export interface CriticalFollowUp {
  linkId: string;
  condition: CriticalCondition;
  severity: AlertLevel;
  /** Message for the clinician when the follow-up condition is met. */
  message: string;
}

/**
 * An item whose answer needs a clinician's attention. Three outcomes, none silent: a critical
 * answer raises `severity`; "prefer not to answer" raises a CHECK-IN; an item left unanswered
 * when the screener is submitted raises a CHECK-IN.
 */
export interface CriticalItem {
  linkId: string;
  /** Which answers are critical. Give this or `answerCodes`. */
  condition?: CriticalCondition;
  /** Choice items: the option codes that are critical (instead of `condition`). */
  answerCodes?: string[];
  /** Level of the alert for a critical answer. 'review' in older definitions reads as 'check-in'. */
  severity: AlertLevel;
  /** Message for the clinician. */
  message: string;
  /** Message for the clinician when the item was declined (defaults to a standard text). */
  declinedMessage?: string;
  /** Whether "prefer not to answer" raises a CHECK-IN. */
  declinedCountsAsPositive: boolean;
  /** Message for the clinician when the item was left unanswered at submit (defaults to a standard text). */
  unansweredMessage?: string;
  followUp?: CriticalFollowUp;
}

export interface InstrumentDefinition {
  /** Stable id, FHIR id syntax: letters, digits, '-' and '.', at most 64 characters. */
  id: string;
  /** Machine key in kebab-case, shared by all versions of the instrument. */
  key: string;
  /** Positive integer; an instrument version is immutable once used. */
  version: number;
  /** Canonical URL, used when exchanging the instrument as a FHIR Questionnaire. */
  url?: string;
  /** The Questionnaire's own version string as published (Attune's `version` counts imports). */
  publishedVersion?: string;
  /** The Questionnaire's codes as published (e.g. LOINC 44249-1 for the PHQ-9 panel). */
  code?: Coding[];
  title: string;
  description: string;
  /** Copyright and licence text shown with the instrument. */
  licence: string;
  validated: boolean;
  validationNote: string;
  /**
   * Staff only: how to read the instrument's results (e.g. what they do and do not show).
   * Shown on staff views; never part of what a client is shown.
   */
  clinicianNote?: string;
  sections: SectionDefinition[];
  scales: ScaleDefinition[];
  total?: ScaleDefinition;
  criticalItems: CriticalItem[];
}

/** One answer: a value, or an explicit "prefer not to answer". */
export type Answer = { value: AnswerValue } | { declined: true };

/** Answers keyed by item linkId. A choice answer's value is the option code. */
export type Answers = Record<string, Answer>;
