// Public API of the psychoeducation content: the module shape, its validator and the built-ins.
export type {
  FurtherReading,
  ModuleContent,
  ModuleExercise,
  ModuleSection,
  ReflectionPrompt,
  SignTag,
} from './module-content.js';
export {
  MODULE_LIMITS,
  ModuleContentError,
  SIGN_TAGS,
  markdownToPlainText,
  moduleText,
  moduleWordCount,
  readingMinutes,
  validateModuleContent,
} from './module-content.js';
export { SAFE_MARKDOWN_LINK, moduleMarkdownHtml } from './module-markdown.js';
export { BUILTIN_MODULES, findBuiltinModule } from './library/index.js';
