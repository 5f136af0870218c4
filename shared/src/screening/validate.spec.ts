import type { InstrumentDefinition, ItemDefinition, ScaleDefinition } from './definition.js';
import { DefinitionError } from './errors.js';
import { PERFECTIONISM_PATTERNS_CHECK } from './perfectionism-patterns-check.js';
import { validateDefinition } from './validate.js';

const freq = (linkId: string): ItemDefinition => ({
  linkId,
  text: `Statement ${linkId}.`,
  type: 'choice',
  options: [
    ...[0, 1, 2, 3, 4].map((w) => ({ code: String(w), display: `Level ${w}`, weight: w })),
    { code: 'skip', display: 'Prefer not to answer', declines: true },
  ],
});

function valid(): InstrumentDefinition {
  return {
    id: 'demo-1',
    key: 'demo',
    version: 1,
    title: 'Demo',
    description: 'Demo instrument.',
    licence: 'CC0',
    validated: false,
    validationNote: 'Not validated.',
    sections: [
      {
        key: 'main',
        title: 'Main',
        intro: 'Intro.',
        whyWeAsk: 'Because.',
        items: [
          { linkId: 'intro', text: 'Read me.', type: 'display' },
          freq('a'),
          freq('b'),
          { linkId: 'n', text: 'How many?', type: 'integer', min: 0, max: 10 },
          { linkId: 'yn', text: 'Yes?', type: 'boolean' },
          {
            linkId: 'free',
            text: 'Say more.',
            type: 'text',
            enableWhen: [{ question: 'yn', operator: '=', answer: true }],
          },
        ],
      },
    ],
    scales: [
      {
        key: 'ab',
        title: 'A and B',
        items: ['a', 'b'],
        method: 'mean',
        minAnsweredShare: 0.5,
        bands: [
          { min: 0, max: 1.99, label: 'low', severity: 'none' },
          { min: 2, max: 4, label: 'high', severity: 'moderate' },
        ],
        jacobsonTruax: { sd: 1, reliability: 0.8 },
      },
    ],
    total: {
      key: 'total',
      title: 'Total',
      items: ['a', 'b', 'n'],
      method: 'sum',
      minAnsweredShare: 1,
    },
    criticalItems: [
      {
        linkId: 'a',
        condition: { operator: '>', value: 2 },
        severity: 'check-in',
        message: 'Look.',
        declinedCountsAsPositive: false,
      },
    ],
  };
}

/** Applies a change to a fresh valid definition and returns the validation error message. */
function problem(change: (d: InstrumentDefinition) => void): string {
  const d = structuredClone(valid());
  change(d);
  try {
    validateDefinition(d);
  } catch (e) {
    expect(e).toBeInstanceOf(DefinitionError);
    return (e as DefinitionError).message;
  }
  throw new Error('expected the definition to be rejected');
}

const items = (d: InstrumentDefinition) => d.sections[0]!.items;
const item = (d: InstrumentDefinition, linkId: string) =>
  items(d).find((i) => i.linkId === linkId)!;
const scale = (d: InstrumentDefinition): ScaleDefinition => d.scales[0]!;

describe('validateDefinition', () => {
  it('accepts a valid definition and returns it', () => {
    const d = valid();
    expect(validateDefinition(d)).toBe(d);
  });

  it('accepts the built-in Perfectionism Patterns Check', () => {
    expect(validateDefinition(PERFECTIONISM_PATTERNS_CHECK)).toBe(PERFECTIONISM_PATTERNS_CHECK);
  });

  it('rejects what is not an object', () => {
    expect(() => validateDefinition(null)).toThrow('the definition must be an object');
    expect(() => validateDefinition([])).toThrow(DefinitionError);
    expect(() => validateDefinition('{}')).toThrow(DefinitionError);
  });

  describe('instrument fields', () => {
    it.each([
      ['id', (d: InstrumentDefinition) => (d.id = 'has space'), /instrument: "id" must be 1-64/],
      [
        'key',
        (d: InstrumentDefinition) => (d.key = 'Not Kebab'),
        /instrument: "key" must be kebab-case/,
      ],
      [
        'version 0',
        (d: InstrumentDefinition) => (d.version = 0),
        /"version" must be a positive integer/,
      ],
      [
        'version 1.5',
        (d: InstrumentDefinition) => (d.version = 1.5),
        /"version" must be a positive integer/,
      ],
      [
        'licence',
        (d: InstrumentDefinition) => (d.licence = ' '),
        /"licence" must be a non-empty string/,
      ],
      [
        'validated',
        (d: InstrumentDefinition) =>
          ((d as unknown as Record<string, unknown>)['validated'] = 'no'),
        /"validated" must be true or false/,
      ],
      ['validationNote', (d: InstrumentDefinition) => (d.validationNote = ''), /"validationNote"/],
      [
        'sections',
        (d: InstrumentDefinition) => (d.sections = []),
        /"sections" must be a non-empty list/,
      ],
      [
        'criticalItems',
        (d: InstrumentDefinition) => delete (d as Partial<InstrumentDefinition>).criticalItems,
        /"criticalItems" must be a list/,
      ],
      [
        'unknown property',
        (d: InstrumentDefinition) => ((d as unknown as Record<string, unknown>)['titel'] = 'x'),
        /instrument: unknown property "titel"/,
      ],
    ])('%s', (_name, change, message) => {
      expect(problem(change)).toMatch(message);
    });
  });

  describe('sections and items', () => {
    it('rejects duplicate linkIds, naming the item', () => {
      expect(problem((d) => items(d).push(freq('a')))).toMatch(/item 'a': linkId is used twice/);
    });

    it('rejects a section key that is also an item linkId', () => {
      expect(problem((d) => (d.sections[0]!.key = 'a'))).toMatch(
        /section 'a': section key is also used as an item linkId/,
      );
    });

    it('rejects duplicate section keys', () => {
      expect(
        problem((d) =>
          d.sections.push({
            key: 'main',
            title: 'Again',
            intro: '',
            whyWeAsk: '',
            items: [freq('z')],
          }),
        ),
      ).toMatch(/section 'main': section key is used twice/);
    });

    it('rejects an empty section and a missing whyWeAsk', () => {
      expect(problem((d) => (d.sections[0]!.items = []))).toMatch(
        /section 'main': "items" must be a non-empty list/,
      );
      expect(
        problem((d) => delete (d.sections[0] as Partial<(typeof d.sections)[0]>).whyWeAsk),
      ).toMatch(/section 'main': "whyWeAsk" must be a string/);
    });

    it('rejects an unknown item type and empty text', () => {
      expect(problem((d) => ((item(d, 'yn') as { type: string }).type = 'date'))).toMatch(
        /item 'yn': "type" 'date' is not one of/,
      );
      expect(problem((d) => (item(d, 'yn').text = ''))).toMatch(
        /item 'yn': "text" must be a non-empty string/,
      );
    });

    it('rejects a typo in an item property', () => {
      expect(
        problem((d) => ((item(d, 'a') as unknown as Record<string, unknown>)['requierd'] = true)),
      ).toMatch(/item 'a': unknown property "requierd"/);
    });

    it('rejects duplicate option codes', () => {
      expect(problem((d) => (item(d, 'a').options![1]!.code = '0'))).toMatch(
        /item 'a': option code '0' is used twice/,
      );
    });

    it.each([NaN, Infinity, '2'])('rejects a non-finite weight (%s)', (weight) => {
      expect(
        problem((d) => ((item(d, 'b').options![2] as { weight: unknown }).weight = weight)),
      ).toMatch(/item 'b' option #3: "weight" must be a finite number/);
    });

    it('rejects options where only some carry a weight', () => {
      expect(problem((d) => delete item(d, 'a').options![0]!.weight)).toMatch(
        /item 'a': either every answer option has a weight or none does/,
      );
    });

    it('rejects two "prefer not to answer" options and a weighted one', () => {
      expect(
        problem((d) =>
          item(d, 'a').options!.push({ code: 'skip2', display: 'No thanks', declines: true }),
        ),
      ).toMatch(/item 'a': has more than one "prefer not to answer" option/);
      expect(problem((d) => (item(d, 'a').options![5]!.weight = 0))).toMatch(
        /item 'a' option #6: a "prefer not to answer" option counts as missing and cannot carry a weight/,
      );
    });

    it('rejects a choice item without options or with only a decline', () => {
      expect(problem((d) => (item(d, 'a').options = []))).toMatch(
        /item 'a': a choice item needs a non-empty "options" list/,
      );
      expect(
        problem((d) => {
          item(d, 'yn').type = 'choice';
          item(d, 'yn').options = [{ code: 'x', display: 'X', declines: true }];
        }),
      ).toMatch(/item 'yn': needs at least one option that is not "prefer not to answer"/);
    });

    it('rejects options on other types and bounds outside integer items', () => {
      expect(problem((d) => (item(d, 'yn').options = [{ code: 'x', display: 'X' }]))).toMatch(
        /item 'yn': only choice items take "options"/,
      );
      expect(problem((d) => (item(d, 'free').max = 3))).toMatch(
        /item 'free': only integer items take "max"/,
      );
      expect(problem((d) => (item(d, 'n').min = 11))).toMatch(
        /item 'n': "min" is greater than "max"/,
      );
      expect(problem((d) => (item(d, 'n').max = 2.5))).toMatch(
        /item 'n': "max" must be an integer/,
      );
    });
  });

  describe('enableWhen', () => {
    const when = (
      d: InstrumentDefinition,
      linkId: string,
      question: string,
      operator: string,
      answer: unknown,
    ) => {
      item(d, linkId).enableWhen = [{ question, operator, answer } as never];
    };

    it('rejects a question that comes later, itself or does not exist', () => {
      expect(problem((d) => when(d, 'a', 'b', '=', '1'))).toMatch(
        /item 'a' enableWhen #1: question 'b' must be the linkId of an item that comes earlier/,
      );
      expect(problem((d) => when(d, 'a', 'a', '=', '1'))).toMatch(
        /item 'a' enableWhen #1: question 'a'/,
      );
      expect(problem((d) => when(d, 'b', 'ghost', '=', '1'))).toMatch(
        /item 'b' enableWhen #1: question 'ghost'/,
      );
    });

    it('rejects an unknown operator', () => {
      expect(problem((d) => when(d, 'b', 'a', 'contains', '1'))).toMatch(
        /item 'b' enableWhen #1: operator 'contains' is not one of exists, =, !=, >, <, >=, <=/,
      );
    });

    it('rejects ordering operators and unknown or declining codes on choice items', () => {
      expect(problem((d) => when(d, 'b', 'a', '>', '1'))).toMatch(
        /operator '>' cannot compare option codes of item 'a'/,
      );
      expect(problem((d) => when(d, 'b', 'a', '=', '9'))).toMatch(
        /item 'a' has no option with code '9'/,
      );
      expect(problem((d) => when(d, 'b', 'a', '=', 'skip'))).toMatch(
        /"prefer not to answer" option 'skip'/,
      );
      expect(problem((d) => when(d, 'b', 'a', '=', 1))).toMatch(
        /"answer" for choice item 'a' must be an option code/,
      );
    });

    it('checks value types against the question', () => {
      expect(problem((d) => when(d, 'free', 'n', '>', '3'))).toMatch(
        /"answer" for integer item 'n' must be a number/,
      );
      expect(problem((d) => when(d, 'free', 'yn', '=', 'true'))).toMatch(
        /"answer" for boolean item 'yn' must be a boolean/,
      );
      expect(problem((d) => when(d, 'free', 'yn', '<', true))).toMatch(
        /operator '<' cannot be used with boolean item 'yn'/,
      );
      expect(problem((d) => when(d, 'free', 'n', 'exists', 1))).toMatch(
        /operator 'exists' needs a boolean "answer"/,
      );
      expect(problem((d) => when(d, 'free', 'intro', 'exists', true))).toMatch(
        /item 'intro' is a display item/,
      );
    });

    it('rejects an empty list and an unknown enableBehavior', () => {
      expect(problem((d) => (item(d, 'free').enableWhen = []))).toMatch(
        /item 'free': "enableWhen" must be a non-empty list/,
      );
      expect(
        problem((d) => ((item(d, 'free') as { enableBehavior: string }).enableBehavior = 'some')),
      ).toMatch(/item 'free': "enableBehavior" must be 'all' or 'any'/);
    });
  });

  describe('scales', () => {
    it('rejects scale items that do not exist or cannot be scored', () => {
      expect(problem((d) => scale(d).items.push('ghost'))).toMatch(
        /scale 'ab': item 'ghost' does not exist/,
      );
      expect(problem((d) => scale(d).items.push('free'))).toMatch(
        /scale 'ab': item 'free' cannot be scored/,
      );
      expect(problem((d) => scale(d).items.push('intro'))).toMatch(
        /scale 'ab': item 'intro' cannot be scored/,
      );
      expect(problem((d) => delete item(d, 'n').max)).toMatch(
        /total scale 'total': item 'n' cannot be scored/,
      );
      expect(problem((d) => scale(d).items.push('a'))).toMatch(
        /scale 'ab': item 'a' is listed twice/,
      );
      expect(problem((d) => (scale(d).items = []))).toMatch(
        /scale 'ab': "items" must be a non-empty list/,
      );
    });

    it('rejects an item that gives the same points for every answer', () => {
      expect(
        problem((d) =>
          item(d, 'a').options!.forEach((o) => o.weight !== undefined && (o.weight = 1)),
        ),
      ).toMatch(/scale 'ab': item 'a' gives the same points for every answer/);
    });

    it.each([0, -0.1, 1.01, NaN, '0.5'])('rejects minAnsweredShare %s', (share) => {
      expect(
        problem((d) => ((scale(d) as { minAnsweredShare: unknown }).minAnsweredShare = share)),
      ).toMatch(/scale 'ab': "minAnsweredShare" must be a number above 0 and at most 1/);
    });

    it('accepts minAnsweredShare 1', () => {
      const d = valid();
      scale(d).minAnsweredShare = 1;
      expect(validateDefinition(d).scales[0]?.minAnsweredShare).toBe(1);
    });

    it('rejects an unknown method and duplicate scale keys', () => {
      expect(problem((d) => ((scale(d) as { method: string }).method = 'median'))).toMatch(
        /scale 'ab': "method" must be 'sum' or 'mean'/,
      );
      expect(problem((d) => (d.total!.key = 'ab'))).toMatch(
        /total scale 'ab': scale key is used twice/,
      );
    });

    it('rejects overlapping, unordered, gapped or short bands', () => {
      expect(problem((d) => (scale(d).bands![1]!.min = 1.5))).toMatch(
        /scale 'ab': band 'high' \(1.5-4\) overlaps/,
      );
      expect(problem((d) => scale(d).bands!.reverse())).toMatch(
        /scale 'ab': band 'low' .* overlaps or comes before/,
      );
      expect(problem((d) => (scale(d).bands![0]!.max = 0.5))).toMatch(
        /scale 'ab': gap between band 'low' \(ends 0.5\) and band 'high' \(starts 2\)/,
      );
      expect(problem((d) => (scale(d).bands![1]!.max = 3))).toMatch(
        /scale 'ab': bands cover 0-3 but scores can range from 0 to 4/,
      );
      expect(problem((d) => (scale(d).bands![0]!.min = 1))).toMatch(
        /bands cover 1-4 but scores can range from 0 to 4/,
      );
      expect(problem((d) => (scale(d).bands![0]!.min = 3))).toMatch(
        /scale 'ab' band #1: "min" 3 is greater than "max" 1.99/,
      );
      expect(
        problem((d) => ((scale(d).bands![0] as { severity: string }).severity = 'severe')),
      ).toMatch(/scale 'ab' band #1: "severity" must be one of none, mild, moderate, high/);
      expect(problem((d) => (scale(d).bands = []))).toMatch(
        /scale 'ab': "bands" must be a non-empty list/,
      );
    });

    it('checks band coverage of sum scales against the sum of item ranges', () => {
      const d = valid();
      d.total!.bands = [
        { min: 0, max: 9, label: 'low', severity: 'none' },
        { min: 10, max: 18, label: 'high', severity: 'high' },
      ];
      expect(validateDefinition(d).total?.bands).toHaveLength(2);
      expect(
        problem((x) => (x.total!.bands = [{ min: 0, max: 17, label: 'all', severity: 'none' }])),
      ).toMatch(/total scale 'total': bands cover 0-17 but scores can range from 0 to 18/);
    });

    it('checks Jacobson-Truax constants', () => {
      expect(problem((d) => (scale(d).jacobsonTruax!.sd = 0))).toMatch(
        /scale 'ab': Jacobson-Truax "sd" must be a number above 0 \(got 0\)/,
      );
      expect(problem((d) => (scale(d).jacobsonTruax!.sd = -2))).toMatch(
        /"sd" must be a number above 0/,
      );
      expect(problem((d) => (scale(d).jacobsonTruax!.reliability = 1))).toMatch(
        /scale 'ab': Jacobson-Truax "reliability" must be at least 0 and below 1 \(got 1\)/,
      );
      expect(problem((d) => (scale(d).jacobsonTruax!.reliability = -0.1))).toMatch(
        /"reliability" must be at least 0/,
      );
      const zero = valid();
      scale(zero).jacobsonTruax!.reliability = 0;
      expect(validateDefinition(zero).scales[0]?.jacobsonTruax?.reliability).toBe(0);
    });

    it('keeps context scales out of the total and unbanded', () => {
      expect(problem((d) => (scale(d).context = true))).toMatch(
        /scale 'ab': a context scale is not banded/,
      );
      expect(
        problem((d) => {
          scale(d).context = true;
          delete scale(d).bands;
        }),
      ).toMatch(
        /total scale 'total': item 'a' belongs to a context scale and cannot count toward the total/,
      );
      expect(problem((d) => (d.total!.context = true))).toMatch(
        /total scale 'total': the total cannot be a context scale/,
      );
    });

    it('rejects a domainTag that is not kebab-case', () => {
      expect(problem((d) => (scale(d).domainTag = 'All or nothing'))).toMatch(
        /scale 'ab': "domainTag" must be a kebab-case tag/,
      );
    });
  });

  describe('critical items', () => {
    it('rejects a missing or display item', () => {
      expect(problem((d) => (d.criticalItems[0]!.linkId = 'ghost'))).toMatch(
        /critical item 'ghost': item 'ghost' does not exist/,
      );
      expect(
        problem(
          (d) =>
            (d.criticalItems[0] = {
              ...d.criticalItems[0]!,
              linkId: 'intro',
              condition: { operator: 'exists', value: true },
            }),
        ),
      ).toMatch(/critical item 'intro': item 'intro' is a display item/);
    });

    it('checks the condition, severity, message and declinedCountsAsPositive', () => {
      expect(problem((d) => (d.criticalItems[0]!.condition!.value = true))).toMatch(
        /critical item 'a': "value" for choice item 'a' must be an option code or a weight/,
      );
      expect(
        problem((d) => (d.criticalItems[0]!.condition = { operator: 'exists', value: false })),
      ).toMatch(/critical item 'a': a critical condition 'exists' false can never be met/);
      expect(
        problem((d) => ((d.criticalItems[0] as { severity: string }).severity = 'high')),
      ).toMatch(/critical item 'a': "severity" must be one of immediate, urgent, check-in/);
      expect(problem((d) => (d.criticalItems[0]!.message = ''))).toMatch(
        /critical item 'a': "message" must be a non-empty string/,
      );
      expect(
        problem(
          (d) =>
            delete (d.criticalItems[0] as Partial<(typeof d.criticalItems)[0]>)
              .declinedCountsAsPositive,
        ),
      ).toMatch(/critical item 'a': "declinedCountsAsPositive" must be true or false/);
    });

    it('takes option codes instead of a condition, but not both and not the decline option', () => {
      expect(
        problem((d) => {
          delete d.criticalItems[0]!.condition;
          d.criticalItems[0]!.answerCodes = ['nope'];
        }),
      ).toMatch(/critical item 'a': item 'a' has no option with code 'nope'/);
      expect(problem((d) => (d.criticalItems[0]!.answerCodes = ['x']))).toMatch(
        /give either "condition" or "answerCodes"/,
      );
      expect(problem((d) => delete d.criticalItems[0]!.condition)).toMatch(
        /give either "condition" or "answerCodes"/,
      );
    });

    it('checks a follow-up: a later item shown only after the critical one, with a level', () => {
      expect(
        problem(
          (d) =>
            (d.criticalItems[0]!.followUp = {
              linkId: 'ghost',
              condition: { operator: 'exists', value: true },
              severity: 'immediate',
              message: 'Now.',
            }),
        ),
      ).toMatch(/critical item 'a' followUp: item 'ghost' does not exist/);
      expect(
        problem(
          (d) =>
            (d.criticalItems[0]!.followUp = {
              linkId: 'b',
              condition: { operator: 'exists', value: true },
              severity: 'soon' as never,
              message: 'Now.',
            }),
        ),
      ).toMatch(/followUp: "severity" must be one of immediate, urgent, check-in/);
    });

    it('needs weights to compare a choice item with a number', () => {
      expect(
        problem((d) => {
          d.scales = [];
          d.total!.items = ['b', 'n'];
          item(d, 'a').options!.forEach((o) => delete o.weight);
        }),
      ).toMatch(/critical item 'a': a number compares option weights, but item 'a' has no weights/);
    });
  });

  it('bounds every string and list, naming where', () => {
    const longTitle = { ...valid(), title: 'x'.repeat(100_000) };
    expect(() => validateDefinition(longTitle)).toThrow(
      /instrument\.title: is 100000 characters long; the limit is 2000/,
    );
    const manyOptions = valid();
    manyOptions.sections[0]!.items[0]!.options = Array.from({ length: 501 }, (_, i) => ({
      code: `c${i}`,
      display: `Option ${i}`,
      weight: 0,
    }));
    expect(() => validateDefinition(manyOptions)).toThrow(
      /sections\[0\]\.items\[0\]\.options: has 501 entries; the limit is 500/,
    );
    // Long-form text has a higher ceiling; a licence of a few pages is fine.
    expect(validateDefinition({ ...valid(), licence: 'y'.repeat(15_000) }).licence).toHaveLength(
      15_000,
    );
    expect(() => validateDefinition({ ...valid(), licence: 'y'.repeat(20_001) })).toThrow(
      /limit is 20000/,
    );
  });

  it('reports every problem at once', () => {
    const d = structuredClone(valid());
    d.version = 0;
    scale(d).items.push('ghost');
    d.criticalItems[0]!.linkId = 'nobody';
    try {
      validateDefinition(d);
      throw new Error('expected a DefinitionError');
    } catch (e) {
      const err = e as DefinitionError;
      expect(err.problems).toEqual([
        'instrument: "version" must be a positive integer',
        "scale 'ab': item 'ghost' does not exist",
        "critical item 'nobody': item 'nobody' does not exist",
      ]);
      expect(err.message).toMatch(/^Invalid instrument definition \(3 problems\): /);
    }
  });
});
