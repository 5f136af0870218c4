/** Modules, readings and reflections. */
export const PSYCHOEDUCATION_ERROR_CODES = [
  'module_not_found',
  'reading_not_found',
  'reflection_not_found',
  /** 403: built-in modules are read-only. */
  'module_builtin',
  /** 403: only the module's author edits it. */
  'module_not_author',
  /** 409 (with `current` when known): someone changed the module first. */
  'module_changed',
  /** 409: the reading was withdrawn. */
  'reading_withdrawn',
  /** 409 with `current`: someone changed the reading first. */
  'reading_changed',
  /** 409 with `current`: the reflection was saved elsewhere first. */
  'reflection_changed',
  /** 409: the reflection no longer exists (the text is kept on the device). */
  'reflection_gone',
] as const;
export type PsychoeducationErrorCode = (typeof PSYCHOEDUCATION_ERROR_CODES)[number];
