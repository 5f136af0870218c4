/**
 * The instrument definition schema: what a questionnaire looks like, how it is
 * scored and which answers need a clinician's attention. Definitions are plain
 * JSON so they can be stored, versioned and exchanged as FHIR Questionnaires.
 */

/** How a question is answered. `display` items show text and take no answer. */
export type ItemType = 'choice' | 'boolean' | 'integer' | 'text' | 'display';

/** Comparison used by enableWhen and critical-item conditions (FHIR's operator set). */
export type ConditionOperator = 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';

/** A plain answer value. For a choice item the value is the chosen option's `code`. */
export type AnswerValue = string | number | boolean;

export type SeverityLevel = 'none' | 'mild' | 'moderate' | 'high';
export type FlagSeverity = 'urgent' | 'review';
export type ScaleMethod = 'sum' | 'mean';
export type EnableBehavior = 'all' | 'any';

export const ITEM_TYPES: readonly ItemType[] = ['choice', 'boolean', 'integer', 'text', 'display'];
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
export const FLAG_SEVERITIES: readonly FlagSeverity[] = ['urgent', 'review'];

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
}

/** A condition on the critical item's own answer. See {@link EnableWhen} for the comparison rules; in addition a number on a choice item compares the chosen option's weight. */
export interface CriticalCondition {
  operator: ConditionOperator;
  value: AnswerValue;
}

export interface CriticalItem {
  linkId: string;
  condition: CriticalCondition;
  severity: FlagSeverity;
  /** Message for the clinician. */
  message: string;
  /** Message for the clinician when the flag comes from a declined answer (defaults to `message`). */
  declinedMessage?: string;
  /** Whether "prefer not to answer" raises the flag too. */
  declinedCountsAsPositive: boolean;
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
