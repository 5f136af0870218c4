import { round2 } from './model.js';

export interface ReadabilityStats {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch-Kincaid grade level, rounded to 2 decimals (0 for text without words). */
  grade: number;
}

const WORD = /[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g;

/**
 * Estimates the syllables in one word with a vowel-group heuristic (silent final "e",
 * "-es" and "-ed" endings, "-le" after a vowel, "-ism"). Good enough for grade estimates, not exact.
 * Digits count one syllable each.
 */
export function countSyllables(word: string): number {
  const digits = word.replace(/[^0-9]/g, '').length;
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return digits;
  if (w.length <= 3) return 1 + digits;
  // Silent endings: "makes", "asked", "hope" (but not "wanted", "boxes", "table").
  w = w.replace(/(?:[^laeiouysxzcgh]es|[^laeiouydt]ed|[^laeiouy]e)$/, (m) => m[0] ?? '');
  w = w.replace(/([aeiouy])le$/, '$1l');
  w = w.replace(/^y/, '');
  let groups = w.match(/[aeiouy]{1,2}/g)?.length ?? 0;
  // "-ism" ends in a syllable with no vowel letter ("prism", "perfectionism").
  if (/ism$/.test(w)) groups += 1;
  return Math.max(1, groups) + digits;
}

/**
 * Counts words, sentences and syllables. Sentences end at ".", "!", "?" or a line break,
 * so short pieces such as item texts each count as a sentence when joined with newlines.
 */
export function readabilityStats(text: string): ReadabilityStats {
  const sentences = text
    .split(/[.!?]+(?=\s|$)|\n+/)
    .filter((s) => (s.match(WORD)?.length ?? 0) > 0).length;
  const words = text.match(WORD) ?? [];
  const syllables = words.reduce((acc, w) => acc + countSyllables(w), 0);
  const grade =
    words.length === 0
      ? 0
      : round2(
          0.39 * (words.length / Math.max(1, sentences)) +
            11.8 * (syllables / words.length) -
            15.59,
        );
  return { words: words.length, sentences, syllables, grade };
}

/**
 * Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59,
 * with a heuristic syllable count. Rounded to 2 decimals; 0 for text without words.
 * Client-facing wording in Attune aims for grade 8 or lower.
 */
export function fleschKincaidGrade(text: string): number {
  return readabilityStats(text).grade;
}
