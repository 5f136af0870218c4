/**
 * Bounds on an imported FHIR Questionnaire, so one upload cannot make an instrument too big to
 * show or store. Anything over them is refused with a 400 that names the field.
 */
export const FHIR_IMPORT_LIMITS = {
  titleMax: 300,
  /** Item, option and group text. */
  textMax: 4000,
  /** description, copyright and any other single string in the resource. */
  stringMax: 20_000,
  /** Items in the whole Questionnaire, groups included. */
  itemsMax: 500,
  /** Levels of items under items (a top-level group with questions is depth 2). */
  depthMax: 8,
  /** answerOption entries on one item. */
  optionsMax: 200,
  /** Nesting of JSON objects and arrays anywhere in the resource (extensions included). */
  jsonDepthMax: 40,
} as const;
