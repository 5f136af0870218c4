/**
 * Psychoeducation module content: the shape of a module, its validator, and the text helpers
 * behind reading time and reading level. Pure functions, no I/O. Built-in modules and the
 * modules a practice writes go through the same validator.
 */
import { Lexer, type Token } from 'marked';
import { readabilityStats } from '../screening/readability.js';

/** Screener domain tags a module can match (the Perfectionism Patterns Check scale domainTags) plus context tags. */
export const SIGN_TAGS = [
  'all-or-nothing',
  'fear-of-mistakes',
  'dwelling-on-flaws',
  'procrastination',
  'accepting-praise',
  'self-criticism',
  'people-pleasing',
  'body-stress',
  'closeness',
  'attachment-avoidant',
  'attachment-anxious',
  'general',
] as const;
export type SignTag = (typeof SIGN_TAGS)[number];

export interface ModuleSection {
  heading: string;
  /** Markdown: paragraphs, short lists, **bold**; no HTML, no links except plain text. */
  body: string;
}

export interface ModuleExercise {
  title: string;
  intro: string;
  steps: string[];
}

export interface ReflectionPrompt {
  /** kebab-case, unique in its module. */
  id: string;
  text: string;
}

export interface FurtherReading {
  author: string;
  title: string;
  note?: string;
}

export interface ModuleContent {
  /** kebab-case, unique, stable. */
  slug: string;
  /** 1 for all built-ins. */
  version: number;
  title: string;
  /** 1-2 sentences. */
  summary: string;
  /** Words / 200, rounded up, at least 1 (see {@link readingMinutes}). */
  readingMinutes: number;
  /** At least one. */
  signTags: SignTag[];
  /** Built-ins have 3-6 short sections; the validator allows 1-12. */
  sections: ModuleSection[];
  /** One concrete practice exercise. */
  exercise: ModuleExercise;
  /** 1-3 open, gentle prompts. */
  reflectionPrompts: ReflectionPrompt[];
  /**
   * Concrete, optional things to do after reading, shown at the end of the module. Built-ins
   * have 1-3; a module written by a practice may have none (the validator fills in `[]`).
   */
  nextSteps: string[];
  /** The ideas a module draws on, credited as author + title. Built-ins list 1-3. */
  furtherReading: FurtherReading[];
}

/** Limits every module meets, built-in or written by a practice. */
export const MODULE_LIMITS = {
  slugMax: 80,
  titleMax: 120,
  summaryMax: 400,
  headingMax: 120,
  sectionBodyMax: 4000,
  sectionsMin: 1,
  sectionsMax: 12,
  exerciseTitleMax: 120,
  exerciseIntroMax: 1000,
  stepsMin: 1,
  stepsMax: 8,
  stepMax: 500,
  promptsMin: 1,
  promptsMax: 3,
  promptIdMax: 60,
  promptTextMax: 500,
  nextStepsMax: 3,
  nextStepMax: 300,
  furtherReadingMax: 10,
  authorMax: 200,
  readingTitleMax: 300,
  noteMax: 500,
  /** Words a reader gets through in a minute, for {@link readingMinutes}. */
  wordsPerMinute: 200,
} as const;

/** A module breaks the content rules. `field` names the part at fault, e.g. `sections[2].heading`. */
export class ModuleContentError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ModuleContentError';
  }
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Tabs and line breaks are fine in Markdown; other control characters are not.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// The options the client renders module Markdown with (client/src/app/ui/markdown/markdown.ts):
// the rules are checked on the very tokens the reader's page is built from.
const MARKDOWN_OPTIONS = { gfm: true, breaks: false } as const;
// A web or mail address typed as plain text, which GFM shows as a link by itself.
const PLAIN_ADDRESS = /^(?:https?:|mailto:)/i;
// What a browser would start a tag with: "<" then a letter, "/", "!" or "?". Marked keeps
// `<img/src=x>` or `<svg/onload=...>` as text (they are not CommonMark tags), but they read as HTML.
const TAG_OPEN = /<[a-z/!?]/i;

const NO_LINK = 'contains a link; write any web address as plain text instead';
const NO_HTML = 'contains HTML; use plain Markdown instead';

/** Child tokens of a token: inline tokens, list items, table cells. */
function childTokens(t: Token): Token[] {
  const out: Token[] = [];
  const any = t as {
    tokens?: Token[];
    items?: Token[];
    header?: { tokens: Token[] }[];
    rows?: { tokens: Token[] }[][];
  };
  if (any.tokens) out.push(...any.tokens);
  if (any.items) out.push(...any.items);
  for (const cell of any.header ?? []) out.push(...cell.tokens);
  for (const row of any.rows ?? []) for (const cell of row) out.push(...cell.tokens);
  return out;
}

/**
 * Why a piece of module text breaks the "no HTML, no links" rule, or null. Walks the Markdown's
 * parsed tokens: raw HTML, images, link definitions and links are refused, except an address
 * written as plain text (GFM's bare web or mail address, shown as itself).
 */
export function markupProblem(text: string): string | null {
  const stack: Token[] = new Lexer(MARKDOWN_OPTIONS).lex(text);
  while (stack.length) {
    const t = stack.pop()!;
    switch (t.type) {
      case 'html':
      case 'tag':
        return NO_HTML;
      case 'image':
      case 'def':
        return NO_LINK;
      case 'link': {
        const link = t as { raw: string; text: string; href: string };
        if (link.raw !== link.text || !PLAIN_ADDRESS.test(link.href)) return NO_LINK;
        break;
      }
      case 'text':
        // Text tokens nest (a list item's text holds inline tokens); only leaves are read.
        if (!(t as { tokens?: Token[] }).tokens?.length && TAG_OPEN.test(t.raw)) return NO_HTML;
        break;
    }
    stack.push(...childTokens(t));
  }
  return null;
}

type Json = Record<string, unknown>;

function fail(field: string, problem: string): never {
  throw new ModuleContentError(`${field} ${problem}`, field);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objectAt(v: unknown, field: string): Json {
  if (v === undefined || v === null) fail(field, 'is missing');
  if (!isObject(v)) fail(field, 'must be an object');
  return v;
}

function arrayAt(v: unknown, field: string, min: number, max: number, noun: string): unknown[] {
  if (v === undefined || v === null) fail(field, 'is missing');
  if (!Array.isArray(v)) fail(field, 'must be a list');
  if (v.length < min) {
    fail(field, min === 1 ? `needs at least one ${noun}` : `needs at least ${min} ${noun}s`);
  }
  if (v.length > max) fail(field, `has ${v.length} ${noun}s; the limit is ${max}`);
  return v;
}

interface TextRules {
  max: number;
  /** Single-line fields (titles, headings, prompts) may not contain line breaks. */
  oneLine?: boolean;
  optional?: boolean;
}

function textAt(v: unknown, field: string, rules: TextRules): string {
  if (v === undefined || v === null) {
    if (rules.optional) return '';
    fail(field, 'is missing');
  }
  if (typeof v !== 'string') fail(field, 'must be text');
  const text = v.trim();
  if (!text) {
    if (rules.optional) return '';
    fail(field, 'is empty');
  }
  if (text.length > rules.max) {
    fail(field, `is ${text.length} characters long; the limit is ${rules.max}`);
  }
  if (CONTROL_CHARS.test(text)) fail(field, 'contains a control character');
  if (rules.oneLine && /[\r\n]/.test(text)) fail(field, 'must be a single line');
  const problem = markupProblem(text);
  if (problem) fail(field, problem);
  return text;
}

function slugAt(v: unknown, field: string, max: number): string {
  const slug = textAt(v, field, { max, oneLine: true });
  if (!SLUG_PATTERN.test(slug)) {
    fail(
      field,
      `"${slug}" must be kebab-case: lowercase letters and digits joined by single hyphens`,
    );
  }
  return slug;
}

function isSignTag(v: unknown): v is SignTag {
  return typeof v === 'string' && (SIGN_TAGS as readonly string[]).includes(v);
}

/**
 * Checks an unknown value against the module rules and returns a clean copy (known fields only,
 * text trimmed). Throws {@link ModuleContentError} at the first problem, naming the field, e.g.
 * `sections[2].heading is empty`. `readingMinutes` may be left out; the copy always carries the
 * figure computed from the text by {@link readingMinutes}, whatever was given.
 */
export function validateModuleContent(m: unknown): ModuleContent {
  const L = MODULE_LIMITS;
  const root = objectAt(m, 'module');

  const slug = slugAt(root['slug'], 'slug', L.slugMax);

  const version = root['version'];
  if (version === undefined || version === null) fail('version', 'is missing');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail('version', 'must be a whole number of 1 or more');
  }

  const title = textAt(root['title'], 'title', { max: L.titleMax, oneLine: true });
  const summary = textAt(root['summary'], 'summary', { max: L.summaryMax });

  // Reading time is never taken on trust: the clean copy carries the figure computed from the
  // text. A value that is given must still be a sensible number of minutes.
  const minutes = root['readingMinutes'];
  if (
    minutes !== undefined &&
    minutes !== null &&
    (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1)
  ) {
    fail('readingMinutes', 'must be a whole number of 1 or more (or left out to be computed)');
  }

  const tagsIn = arrayAt(root['signTags'], 'signTags', 1, SIGN_TAGS.length, 'tag');
  const signTags: SignTag[] = [];
  tagsIn.forEach((tag, i) => {
    const field = `signTags[${i}]`;
    if (!isSignTag(tag)) {
      fail(field, `"${String(tag)}" is not a known tag; use one of: ${SIGN_TAGS.join(', ')}`);
    }
    if (signTags.includes(tag)) fail(field, `"${tag}" is listed twice`);
    signTags.push(tag);
  });

  const sections = arrayAt(
    root['sections'],
    'sections',
    L.sectionsMin,
    L.sectionsMax,
    'section',
  ).map((s, i): ModuleSection => {
    const field = `sections[${i}]`;
    const section = objectAt(s, field);
    return {
      heading: textAt(section['heading'], `${field}.heading`, {
        max: L.headingMax,
        oneLine: true,
      }),
      body: textAt(section['body'], `${field}.body`, { max: L.sectionBodyMax }),
    };
  });

  const ex = objectAt(root['exercise'], 'exercise');
  const exercise: ModuleExercise = {
    title: textAt(ex['title'], 'exercise.title', { max: L.exerciseTitleMax, oneLine: true }),
    intro: textAt(ex['intro'], 'exercise.intro', { max: L.exerciseIntroMax }),
    steps: arrayAt(ex['steps'], 'exercise.steps', L.stepsMin, L.stepsMax, 'step').map((step, i) =>
      textAt(step, `exercise.steps[${i}]`, { max: L.stepMax }),
    ),
  };

  const promptIds = new Set<string>();
  const reflectionPrompts = arrayAt(
    root['reflectionPrompts'],
    'reflectionPrompts',
    L.promptsMin,
    L.promptsMax,
    'prompt',
  ).map((p, i): ReflectionPrompt => {
    const field = `reflectionPrompts[${i}]`;
    const prompt = objectAt(p, field);
    const id = slugAt(prompt['id'], `${field}.id`, L.promptIdMax);
    if (promptIds.has(id)) fail(`${field}.id`, `"${id}" is already used by another prompt`);
    promptIds.add(id);
    return {
      id,
      text: textAt(prompt['text'], `${field}.text`, { max: L.promptTextMax, oneLine: true }),
    };
  });

  // Left out by modules written before next steps existed: they simply have none.
  const nextSteps =
    root['nextSteps'] === undefined || root['nextSteps'] === null
      ? []
      : arrayAt(root['nextSteps'], 'nextSteps', 0, L.nextStepsMax, 'next step').map((step, i) =>
          textAt(step, `nextSteps[${i}]`, { max: L.nextStepMax }),
        );

  const furtherReading = arrayAt(
    root['furtherReading'],
    'furtherReading',
    0,
    L.furtherReadingMax,
    'entry',
  ).map((r, i): FurtherReading => {
    const field = `furtherReading[${i}]`;
    const entry = objectAt(r, field);
    const out: FurtherReading = {
      author: textAt(entry['author'], `${field}.author`, { max: L.authorMax, oneLine: true }),
      title: textAt(entry['title'], `${field}.title`, { max: L.readingTitleMax, oneLine: true }),
    };
    const note = textAt(entry['note'], `${field}.note`, { max: L.noteMax, optional: true });
    if (note) out.note = note;
    return out;
  });

  const content: ModuleContent = {
    slug,
    version,
    title,
    summary,
    readingMinutes: 0,
    signTags,
    sections,
    exercise,
    reflectionPrompts,
    nextSteps,
    furtherReading,
  };

  content.readingMinutes = readingMinutes(content);
  return content;
}

/** Turns a Markdown body into plain lines: one line per paragraph or list item, markup removed. */
export function markdownToPlainText(body: string): string {
  const lines: string[] = [];
  for (const block of body.split(/\r?\n\s*\r?\n/)) {
    let paragraph = '';
    for (const raw of block.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line) continue;
      const item = /^(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (item || heading) {
        if (paragraph) lines.push(paragraph);
        paragraph = '';
        lines.push(((item ?? heading) as RegExpExecArray)[1] as string);
      } else {
        // A hard-wrapped paragraph is still one paragraph.
        paragraph = paragraph
          ? `${paragraph} ${line.replace(/^>\s?/, '')}`
          : line.replace(/^>\s?/, '');
      }
    }
    if (paragraph) lines.push(paragraph);
  }
  return lines
    .map((line) =>
      line
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[^\w*])[*_]([^*_\s](?:[^*_]*[^*_\s])?)[*_](?=[^\w*]|$)/g, '$1$2')
        .replace(/`([^`]*)`/g, '$1')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}

/**
 * All the prose a reader goes through, one piece per line: title, summary, section headings and
 * bodies (Markdown removed), the exercise, the reflection prompts and the next steps. The
 * further-reading list is left out: it is a list of names and titles, not prose, and would skew
 * the reading figures.
 */
export function moduleText(m: ModuleContent): string {
  return [
    m.title,
    m.summary,
    ...m.sections.flatMap((s) => [s.heading, markdownToPlainText(s.body)]),
    m.exercise.title,
    m.exercise.intro,
    ...m.exercise.steps,
    ...m.reflectionPrompts.map((p) => p.text),
    // Content stored before next steps existed has none.
    ...(m.nextSteps ?? []),
  ]
    .map((piece) => piece.trim())
    .filter(Boolean)
    .join('\n');
}

/** Words in {@link moduleText}, counted the way the readability checks count them. */
export function moduleWordCount(m: ModuleContent): number {
  return readabilityStats(moduleText(m)).words;
}

/** Reading time: words / 200, rounded up, at least 1 minute. */
export function readingMinutes(m: ModuleContent): number {
  return Math.max(1, Math.ceil(moduleWordCount(m) / MODULE_LIMITS.wordsPerMinute));
}
