// Public API of the instrument engine. Test fixtures (third-party instruments) are never exported.
export type {
  Answer,
  AnswerOption,
  AnswerValue,
  Answers,
  ConditionOperator,
  CriticalCondition,
  CriticalItem,
  EnableBehavior,
  EnableWhen,
  FlagSeverity,
  InstrumentDefinition,
  ItemDefinition,
  ItemType,
  JacobsonTruax,
  ScaleDefinition,
  ScaleMethod,
  ScoreBand,
  SectionDefinition,
  SeverityLevel,
} from './definition.js';
export { CONDITION_OPERATORS, FLAG_SEVERITIES, ITEM_TYPES, SEVERITY_LEVELS } from './definition.js';
export { AnswerError, DefinitionError, FhirImportError, ScreeningError } from './errors.js';
export { validateDefinition } from './validate.js';
export type { BandResult, Flag, ScaleScore, ScoreResult } from './score.js';
export { ENGINE_VERSION, checkAnswers, enabledItemIds, score } from './score.js';
export type { ChangeDirection, ReliableChangeResult, ScaleChange } from './reliable-change.js';
export {
  RELIABLE_CHANGE_CRITERION,
  reliableChange,
  reliableChangeIndex,
  standardErrorOfDifference,
} from './reliable-change.js';
export type {
  FhirAnswerOption,
  FhirCoding,
  FhirEnableWhen,
  FhirExtension,
  FhirImportOptions,
  FhirQuestionnaire,
  FhirQuestionnaireItem,
  FhirQuestionnaireResponse,
  FhirQuestionnaireResponseAnswer,
  FhirQuestionnaireResponseItem,
  QuestionnaireResponseMeta,
} from './fhir.js';
export {
  ATTUNE_FHIR_EXTENSION_BASE,
  FHIR_ITEM_WEIGHT_URL,
  FHIR_ORDINAL_VALUE_URL,
  fromFhirQuestionnaire,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from './fhir.js';
export type { ReadabilityStats } from './readability.js';
export { countSyllables, fleschKincaidGrade, readabilityStats } from './readability.js';
export { PERFECTIONISM_PATTERNS_CHECK } from './perfectionism-patterns-check.js';
