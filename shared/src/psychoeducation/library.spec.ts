import { createHash } from 'node:crypto';
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
  markdownToPlainText,
  moduleText,
  moduleWordCount,
  readingMinutes,
  validateModuleContent,
  type ModuleContent,
} from './module-content.js';
import { goldStars } from './tone.js';

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
      expect(m.version).toBeGreaterThanOrEqual(1);
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
    '%s ends with one to three concrete next steps',
    (_slug, m) => {
      expect(m.nextSteps.length).toBeGreaterThanOrEqual(1);
      expect(m.nextSteps.length).toBeLessThanOrEqual(3);
      for (const step of m.nextSteps) {
        // One or two plain sentences, each something the reader can do.
        expect(sentenceCount(step)).toBeGreaterThanOrEqual(1);
        expect(sentenceCount(step)).toBeLessThanOrEqual(2);
        expect(step).toMatch(/[.?]$/);
      }
    },
  );

  // A stored built-in is replaced only by a higher version (see ModulesService), so changed
  // wording without a version bump would never reach existing installations. When a module's
  // text changes, bump its version and update its fingerprint here.
  const FINGERPRINTS: Record<string, [version: number, sha256Prefix: string]> = {
    'connection-over-perfection': [2, 'd5f3d081fc70'],
    'rupture-and-repair': [2, 'b84c60080f10'],
    'good-enough': [2, '7414a3f2fc61'],
    'when-love-felt-earned': [2, '9554ea8fdd74'],
    'nervous-system-on-guard': [2, '7a9a3f411a87'],
    'all-or-nothing-thinking': [2, '4dceaf8920e2'],
    'fear-of-mistakes': [2, 'c74c17c5ba77'],
    'dwelling-on-flaws': [2, '0b1286e7e5b5'],
    'putting-things-off': [2, '8b7ced19440e'],
    'letting-praise-in': [2, 'd8de32562e3e'],
    'the-inner-critic': [2, 'b9b070c2eec4'],
    'pleasing-others': [2, '2fe9383c8674'],
    'stress-in-the-body': [2, 'fc31cd2a9abb'],
    'being-seen-up-close': [2, 'b23434127ca0'],
    'two-attachment-paths': [2, '7df11bb04860'],
    'seven-healing-practices': [2, 'd1a0353cece5'],
    'what-helps': [2, 'c892939e02fe'],
    'when-to-seek-help': [2, 'f86eae525a09'],
  };

  it.each(BUILTIN_MODULES.map((m) => [m.slug, m] as const))(
    '%s has its version bumped whenever its content changes',
    (slug, m) => {
      const hash = createHash('sha256').update(JSON.stringify(m)).digest('hex').slice(0, 12);
      expect([slug, m.version, hash]).toEqual([slug, ...(FINGERPRINTS[slug] ?? [0, 'unknown'])]);
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

  it.each(BUILTIN_MODULES.map((m) => [m.slug, m] as const))(
    '%s speaks with plain respect, without gold stars',
    (_slug, m) => {
      expect(goldStars(moduleText(m))).toEqual([]);
    },
  );

  // Claims the evidence does not settle are not stated as fact.
  const overclaims: readonly RegExp[] = [
    /\bwhat helps most\b/i,
    /\bbuilds? (more )?trust\b/i,
    /\bresearch (proves|backs this up|points the other way)\b/i,
    /\b(science|studies) (shows?|proves?)\b/i,
    /\bresearch shows\b(?! links)/i,
    /\bneeds? to [^.]* right only\b/i,
  ];

  it.each(BUILTIN_MODULES.map((m) => [m.slug, m] as const))(
    '%s hedges what the evidence does not settle',
    (_slug, m) => {
      const text = moduleText(m);
      for (const pattern of overclaims)
        expect([pattern.source, text.match(pattern)?.[0] ?? null]).toEqual([pattern.source, null]);
    },
  );

  it('gives the 30-50% figure as an observed rate, not a target', () => {
    const text = moduleText(findBuiltinModule('good-enough')!);
    expect(text).toMatch(/30 to 50 percent/);
    expect(text).toMatch(/observed, not a target/);
  });

  it('states links, not causes, between attachment and perfectionism', () => {
    expect(moduleText(findBuiltinModule('two-attachment-paths')!)).toMatch(
      /Research shows links[^.]*\. It does not show that one causes the other/,
    );
    expect(moduleText(findBuiltinModule('when-love-felt-earned')!)).toMatch(
      /A link is not proof of cause/,
    );
  });

  it('calls brain and vagus-nerve ideas debated pictures, not facts', () => {
    const text = moduleText(findBuiltinModule('nervous-system-on-guard')!);
    expect(text).toMatch(/polyvagal theory, can be useful pictures\. They are still debated/);
    for (const m of BUILTIN_MODULES) {
      if (m.slug === 'nervous-system-on-guard') continue;
      expect([m.slug, /vagus|polyvagal|rewires?/i.test(moduleText(m))]).toEqual([m.slug, false]);
    }
  });

  // Trauma-informed caveats: exercises with other people say to practise only with safe people;
  // body exercises say how to stop.
  const withOtherPeople = [
    'connection-over-perfection',
    'rupture-and-repair',
    'being-seen-up-close',
    'pleasing-others',
    'seven-healing-practices',
    'two-attachment-paths',
    'when-to-seek-help',
  ];
  const bodyExercises = ['nervous-system-on-guard', 'stress-in-the-body', 'fear-of-mistakes'];
  const practiceText = (m: ModuleContent) =>
    [m.exercise.intro, ...m.exercise.steps, ...m.nextSteps, ...m.sections.map((s) => s.body)].join(
      '\n',
    );

  it.each(withOtherPeople)('%s says to practise only with people who are safe', (slug) => {
    const text = practiceText(findBuiltinModule(slug)!);
    expect(text).toMatch(
      /\b(only|people|person|someone|friends?)\b[^.]*\b(safe for you|safe with you|feel safe (with|to)|are safe|who is safe|been safe)\b/i,
    );
  });

  it.each(bodyExercises)('%s says how to stop if distress rises', (slug) => {
    const m = findBuiltinModule(slug)!;
    expect(m.exercise.intro).toMatch(/\bstop\b/i);
  });

  it('puts crisis help first in the when-to-seek-help module, calmly', () => {
    const m = findBuiltinModule('when-to-seek-help')!;
    const first = markdownToPlainText(m.sections[0]!.body);
    expect(m.sections[0]!.heading).toBe('If you need help right now');
    expect(first).toMatch(/call or text 988/);
    expect(first).toMatch(/chat/);
    expect(first).toMatch(/call 911/);
    expect(moduleText(m)).not.toMatch(/!/);
  });

  it('names CBT and trauma-focused therapies, and says which approaches have little research', () => {
    const text = moduleText(findBuiltinModule('when-to-seek-help')!);
    expect(text).toMatch(
      /Cognitive behavioral therapy \(CBT\) is the best-tested approach for perfectionism/,
    );
    expect(text).toMatch(/trauma-focused therapies/);
    expect(text).toMatch(/IFS and Brainspotting have very little research so far/);
  });
});
