// Public API of the instrument engine. Test fixtures (third-party instruments) are never exported.
export type {
  Answer,
  AnswerOption,
  AnswerValue,
  AlertLevel,
  Answers,
  Coding,
  ConditionOperator,
  CriticalCondition,
  CriticalFollowUp,
  CriticalItem,
  EnableBehavior,
  EnableWhen,
  FlagReason,
  FlagSeverity,
  GroupRef,
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
export {
  ALERT_LEVEL_RANK,
  ALERT_LEVELS,
  CONDITION_OPERATORS,
  FLAG_SEVERITIES,
  ITEM_TYPES,
  SEVERITY_LEVELS,
} from './definition.js';
export { AnswerError, DefinitionError, FhirImportError, ScreeningError } from './errors.js';
export { validateDefinition } from './validate.js';
export type { BandResult, Flag, ScaleScore, ScoreOptions, ScoreResult } from './score.js';
export {
  DEFAULT_DECLINED_MESSAGE,
  DEFAULT_UNANSWERED_MESSAGE,
  ENGINE_VERSION,
  checkAnswers,
  enabledItemIds,
  isWorse,
  score,
} from './score.js';
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
  LOINC_PHQ9_ITEM_9,
  LOINC_SYSTEM,
  NO_LICENCE_TEXT,
  PHQ9_ITEM_9_MESSAGE,
  fromFhirQuestionnaire,
  questionnaireCanonical,
  questionnaireUrl,
  questionnaireVersion,
  toClientFhirQuestionnaire,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from './fhir.js';
export type { ReadabilityStats } from './readability.js';
export { countSyllables, fleschKincaidGrade, readabilityStats } from './readability.js';
export { PERFECTIONISM_PATTERNS_CHECK } from './perfectionism-patterns-check.js';
export type { ClientInstrumentView, ClientSafetyTrigger, SafetySignal } from './client-view.js';
export {
  safetySignals,
  toClientInstrumentView,
  unansweredSafetyItems,
  visibleItemIds,
} from './client-view.js';
export { FHIR_IMPORT_LIMITS } from './limits.js';
