import { countSyllables, fleschKincaidGrade, readabilityStats } from './readability.js';

describe('countSyllables', () => {
  it.each([
    ['cat', 1],
    ['the', 1],
    ['hope', 1],
    ['makes', 1],
    ['asked', 1],
    ['whole', 1],
    ['wanted', 2],
    ['boxes', 2],
    ['table', 2],
    ['people', 2],
    ['reading', 2],
    ['family', 3],
    ['therapist', 3],
    ['everything', 4],
    ['Perfectionism', 5],
    ['988', 3],
  ])('%s has %i', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it('ignores punctuation and case', () => {
    expect(countSyllables('"Table,"')).toBe(2);
    expect(countSyllables('')).toBe(0);
  });
});

describe('fleschKincaidGrade', () => {
  it('matches the formula on a hand-counted sentence', () => {
    // 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59
    expect(readabilityStats('The cat sat on the mat.')).toEqual({
      words: 6,
      sentences: 1,
      syllables: 6,
      grade: -1.45,
    });
    expect(fleschKincaidGrade('The cat sat on the mat.')).toBe(-1.45);
  });

  it('averages over sentences', () => {
    // 10 words, 2 sentences, 11 syllables: 0.39*5 + 11.8*1.1 - 15.59 = -0.66
    expect(readabilityStats('I like my dog. She is very kind to me!')).toEqual({
      words: 10,
      sentences: 2,
      syllables: 11,
      grade: -0.66,
    });
  });

  it('treats line breaks as sentence ends', () => {
    expect(readabilityStats('Never\nRarely\nAlmost always').sentences).toBe(3);
  });

  it('rates dense academic prose far above plain wording', () => {
    const dense =
      'Neurobiological hypervigilance, consolidated through chronically dysregulated attachment relationships, ' +
      'characteristically perpetuates maladaptive perfectionistic cognitions throughout adulthood.';
    const plain = 'You can skip any question. Your therapist will talk it through with you.';
    expect(fleschKincaidGrade(dense)).toBeGreaterThan(20);
    expect(fleschKincaidGrade(plain)).toBeLessThan(6);
  });

  it('returns 0 for text without words', () => {
    expect(fleschKincaidGrade('')).toBe(0);
    expect(fleschKincaidGrade(' ... ')).toBe(0);
  });
});
