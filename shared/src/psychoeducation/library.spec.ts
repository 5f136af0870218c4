import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as shared from '../index.js';
import { readabilityStats } from '../screening/readability.js';
import { fleschKincaidGrade } from '../screening/readability.js';
import { PERFECTIONISM_PATTERNS_CHECK } from '../screening/perfectionism-patterns-check.js';
import { BUILTIN_MODULES, findBuiltinModule } from './library/index.js';
import {
  ATTACHMENT,
  HUGHES_BAYLIN,
  MAYO,
  NEFF,
  PAPA,
  RAO,
  TRONICK_GOLD,
} from './library/sources.js';
import {
  SIGN_TAGS,
  moduleText,
  moduleWordCount,
  readingMinutes,
  validateModuleContent,
} from './module-content.js';

const libraryDir = fileURLToPath(new URL('./library/', import.meta.url));

/** Sentences in plain text (same rule as the readability checks). */
const sentenceCount = (text: string) =>
  text.split(/[.!?]+(?=\s|$)/).filter((s) => /[A-Za-z]/.test(s)).length;

describe('built-in modules', () => {
  it('has between 12 and 18 modules', () => {
    expect(BUILTIN_MODULES.length).toBeGreaterThanOrEqual(12);
    expect(BUILTIN_MODULES.length).toBeLessThanOrEqual(18);
  });

  it('has unique slugs, each in its own library file', () => {
    const slugs = BUILTIN_MODULES.map((m) => m.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(existsSync(`${libraryDir}${slug}.ts`)).toBe(true);
    expect(findBuiltinModule('good-enough')?.slug).toBe('good-enough');
    expect(findBuiltinModule('no-such-module')).toBeUndefined();
  });

  it('is exported from the package entry point', () => {
    expect(shared.BUILTIN_MODULES).toBe(BUILTIN_MODULES);
    expect(typeof shared.validateModuleContent).toBe('function');
  });

  it.each(BUILTIN_MODULES.map((m) => [m.slug, m] as const))(
    '%s passes the validator unchanged',
    (_slug, m) => {
      expect(validateModuleContent(m)).toEqual(m);
    },
  );

  it('covers every sign tag', () => {
    const used = new Set(BUILTIN_MODULES.flatMap((m) => m.signTags));
    for (const tag of SIGN_TAGS) expect([tag, used.has(tag)]).toEqual([tag, true]);
  });

  it('matches every domain tag of the Perfectionism Patterns Check', () => {
    const used = new Set<string>(BUILTIN_MODULES.flatMap((m) => m.signTags));
    const domainTags = PERFECTIONISM_PATTERNS_CHECK.scales
      .map((s) => s.domainTag)
      .filter((t): t is string => typeof t === 'string');
    expect(domainTags.length).toBeGreaterThanOrEqual(11);
    for (const tag of domainTags) {
      expect(SIGN_TAGS as readonly string[]).toContain(tag);
      expect([tag, used.has(tag)]).toEqual([tag, true]);
    }
  });

  it('reads at grade 8 or lower (Flesch-Kincaid)', () => {
    const rows = BUILTIN_MODULES.map((m) => {
      const stats = readabilityStats(moduleText(m));
      return {
        slug: m.slug,
        words: stats.words,
        minutes: m.readingMinutes,
        sentences: stats.sentences,
        grade: fleschKincaidGrade(moduleText(m)),
      };
    });
    console.log(
      ['slug                          words  min  sentences  FK grade']
        .concat(
          rows.map(
            (r) =>
              `${r.slug.padEnd(30)}${String(r.words).padStart(5)}${String(r.minutes).padStart(5)}` +
              `${String(r.sentences).padStart(11)}${r.grade.toFixed(2).padStart(10)}`,
          ),
        )
        .join('\n'),
    );
    for (const r of rows) expect([r.slug, r.grade <= 8]).toEqual([r.slug, true]);
  });

  it.each(BUILTIN_MODULES.map((m) => [m.slug, m] as const))(
    '%s has an honest reading time and 400-900 words',
    (_slug, m) => {
      const words = moduleWordCount(m);
      expect(m.readingMinutes).toBe(Math.max(1, Math.ceil(words / 200)));
      expect(m.readingMinutes).toBe(readingMinutes(m));
      expect(words).toBeGreaterThanOrEqual(400);
      expect(words).toBeLessThanOrEqual(900);
    },
  );

  it.each(BUILTIN_MODULES.map((m) => [m.slug, m] as const))(
    '%s follows the built-in shape',
    (_slug, m) => {
      expect(m.version).toBe(1);
      expect(m.sections.length).toBeGreaterThanOrEqual(3);
      expect(m.sections.length).toBeLessThanOrEqual(6);
      expect(m.reflectionPrompts.length).toBeGreaterThanOrEqual(1);
      expect(m.reflectionPrompts.length).toBeLessThanOrEqual(3);
      expect(m.furtherReading.length).toBeGreaterThanOrEqual(1);
      expect(m.furtherReading.length).toBeLessThanOrEqual(3);
      expect(m.exercise.steps.length).toBeGreaterThanOrEqual(3);
      expect(sentenceCount(m.summary)).toBeGreaterThanOrEqual(1);
      expect(sentenceCount(m.summary)).toBeLessThanOrEqual(2);
      for (const p of m.reflectionPrompts) expect(p.text.trim().endsWith('?')).toBe(true);
    },
  );

  it.each(BUILTIN_MODULES.map((m) => [m.slug, m] as const))(
    '%s credits only the project background reading',
    (_slug, m) => {
      const known = [RAO, MAYO, PAPA, ATTACHMENT, TRONICK_GOLD, HUGHES_BAYLIN, NEFF];
      for (const r of m.furtherReading) expect(known).toContain(r);
      const fromArticles = m.furtherReading.filter((r) =>
        [RAO, MAYO, PAPA, ATTACHMENT].includes(r),
      );
      expect(fromArticles.length).toBeGreaterThanOrEqual(1);
    },
  );

  // Perfectionism-aware, never diagnostic: no labels pinned on the reader, no grades or streaks.
  const avoid: readonly RegExp[] = [
    /\byou have (a|an)\b/i,
    /\byou are (a |an )?(perfectionist|avoidant|anxious|traumati[sz]ed|broken|damaged)\b/i,
    /\byour (trauma|disorder|diagnosis)\b/i,
    /\bdisorder\b/i,
    /\bdiagnos/i,
    /\bstreaks?\b/i,
    /\bscores?\b/i,
    /\boverdue\b/i,
    /\bfail(ed)? (this|the) (module|exercise)\b/i,
    /\bshould be ashamed\b/i,
    /\byou must\b/i,
  ];

  it.each(BUILTIN_MODULES.map((m) => [m.slug, m] as const))(
    '%s speaks to the reader without labels or grading',
    (_slug, m) => {
      const text = moduleText(m);
      for (const pattern of avoid)
        expect([pattern.source, pattern.test(text)]).toEqual([pattern.source, false]);
      expect((text.match(/\byou\b/gi) ?? []).length).toBeGreaterThanOrEqual(10);
    },
  );

  it('gives the 30-50% figure in the good-enough module', () => {
    expect(moduleText(findBuiltinModule('good-enough')!)).toMatch(/30 to 50 percent/);
  });

  it('names the 988 crisis line, calmly, in the when-to-seek-help module', () => {
    const text = moduleText(findBuiltinModule('when-to-seek-help')!);
    expect(text).toMatch(/call or text 988/);
    expect(text).not.toMatch(/!/);
  });
});
