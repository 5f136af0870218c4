import type { Answers, EnableWhen, InstrumentDefinition, ItemDefinition } from './definition.js';
import { AnswerError, DefinitionError } from './errors.js';
import {
  DEFAULT_DECLINED_MESSAGE,
  DEFAULT_UNANSWERED_MESSAGE,
  ENGINE_VERSION,
  checkAnswers,
  enabledItemIds,
  isWorse,
  score,
} from './score.js';

const freq = (linkId: string, reverse = false): ItemDefinition => ({
  linkId,
  text: `Statement ${linkId}.`,
  type: 'choice',
  options: [
    ...[0, 1, 2, 3, 4].map((w) => ({
      code: String(w),
      display: `Level ${w}`,
      weight: reverse ? 4 - w : w,
    })),
    { code: 'skip', display: 'Prefer not to answer', declines: true },
  ],
});

function def(
  items: ItemDefinition[],
  extra: Partial<InstrumentDefinition> = {},
): InstrumentDefinition {
  return {
    id: 'test',
    key: 'test',
    version: 1,
    title: 'Test',
    description: '',
    licence: 'Test licence',
    validated: false,
    validationNote: 'Not validated.',
    sections: [{ key: 'main', title: 'Main', intro: '', whyWeAsk: '', items }],
    scales: [],
    criticalItems: [],
    ...extra,
  };
}

const v = (value: string | number | boolean) => ({ value });
const declined = { declined: true as const };

describe('score: scales', () => {
  const items = ['a', 'b', 'c', 'd'].map((id) => freq(id));
  const instrument = def(items, {
    scales: [
      {
        key: 'mean4',
        title: 'Mean',
        items: ['a', 'b', 'c', 'd'],
        method: 'mean',
        minAnsweredShare: 0.5,
      },
    ],
    total: {
      key: 'sum4',
      title: 'Sum',
      items: ['a', 'b', 'c', 'd'],
      method: 'sum',
      minAnsweredShare: 0.5,
    },
  });

  it('stamps the engine version and instrument', () => {
    const r = score(instrument, {});
    expect(r.engineVersion).toBe(ENGINE_VERSION);
    expect(ENGINE_VERSION).toBe('2.0.0');
    expect(r.instrumentKey).toBe('test');
    expect(r.instrumentVersion).toBe(1);
  });

  it('takes the mean and the sum when everything is answered', () => {
    const r = score(instrument, { a: v('1'), b: v('2'), c: v('4'), d: v('0') });
    expect(r.scales[0]).toEqual({
      key: 'mean4',
      title: 'Mean',
      score: 1.75,
      answered: 4,
      missing: 0,
      itemCount: 4,
      band: null,
      context: false,
    });
    expect(r.total?.score).toBe(7);
    expect(r.missingItems).toEqual([]);
  });

  it('is null below the answered share and the mean of answered items at or above it', () => {
    const one = score(instrument, { a: v('4') });
    expect(one.scales[0]).toMatchObject({ score: null, answered: 1, missing: 3, itemCount: 4 });
    expect(one.total?.score).toBeNull();
    const two = score(instrument, { a: v('4'), b: v('1') });
    expect(two.scales[0]).toMatchObject({ score: 2.5, answered: 2, missing: 2 });
    // Prorated sum: mean 2.5 over 4 items.
    expect(two.total?.score).toBe(10);
    expect(two.missingItems).toEqual(['c', 'd']);
  });

  it('scores nothing when no item is answered, whatever the share', () => {
    const loose = def(items, {
      scales: [{ key: 's', title: 'S', items: ['a'], method: 'mean', minAnsweredShare: 0.01 }],
    });
    expect(score(loose, {}).scales[0]?.score).toBeNull();
  });

  it('rounds to 2 decimals', () => {
    const r = score(instrument, { a: v('1'), b: v('1'), c: v('2') });
    expect(r.scales[0]?.score).toBe(1.33);
    // 4/3 * 4 = 5.333…
    expect(r.total?.score).toBe(5.33);
    const r2 = score(instrument, { a: v('2'), b: v('2'), c: v('1') });
    expect(r2.scales[0]?.score).toBe(1.67);
  });

  it('uses reversed weights for reverse-keyed items', () => {
    const mixed = def([freq('a'), freq('r', true)], {
      scales: [{ key: 's', title: 'S', items: ['a', 'r'], method: 'sum', minAnsweredShare: 1 }],
    });
    expect(score(mixed, { a: v('4'), r: v('4') }).scales[0]?.score).toBe(4);
    expect(score(mixed, { a: v('4'), r: v('0') }).scales[0]?.score).toBe(8);
    expect(score(mixed, { a: v('0'), r: v('4') }).scales[0]?.score).toBe(0);
  });

  it('counts "prefer not to answer" as missing, by option or by { declined: true }', () => {
    const byOption = score(instrument, { a: v('4'), b: v('skip'), c: v('2'), d: declined });
    expect(byOption.scales[0]).toMatchObject({ score: 3, answered: 2, missing: 2 });
    expect(byOption.declinedItems).toEqual(['b', 'd']);
    expect(byOption.missingItems).toEqual(['b', 'd']);
    const unanswered = score(instrument, { a: v('4'), c: v('2') });
    expect(unanswered.scales).toEqual(byOption.scales);
    expect(unanswered.declinedItems).toEqual([]);
  });

  it('prorates a sum on each missing item’s own range', () => {
    const wide: ItemDefinition = {
      linkId: 'w',
      text: 'Wide.',
      type: 'choice',
      options: [
        { code: 'lo', display: 'Low', weight: 0 },
        { code: 'hi', display: 'High', weight: 10 },
      ],
    };
    const d = def([freq('a'), wide], {
      scales: [{ key: 's', title: 'S', items: ['a', 'w'], method: 'sum', minAnsweredShare: 0.5 }],
    });
    // 'a' at 3 of 0-4 (75%); 'w' filled in at 75% of 0-10.
    expect(score(d, { a: v('3') }).scales[0]?.score).toBe(10.5);
    expect(score(d, { w: v('hi') }).scales[0]?.score).toBe(14);
  });

  it('scores bounded integer items by their value', () => {
    const d = def(
      [
        { linkId: 'n', text: 'Number.', type: 'integer', min: 0, max: 10 },
        { linkId: 'm', text: 'Number.', type: 'integer', min: 0, max: 10 },
      ],
      { scales: [{ key: 's', title: 'S', items: ['n', 'm'], method: 'sum', minAnsweredShare: 1 }] },
    );
    expect(score(d, { n: v(7), m: v(2) }).scales[0]?.score).toBe(9);
  });
});

describe('score: bands', () => {
  const d = def(
    ['a', 'b'].map((id) => freq(id)),
    {
      scales: [
        {
          key: 's',
          title: 'S',
          items: ['a', 'b'],
          method: 'mean',
          minAnsweredShare: 1,
          bands: [
            { min: 0, max: 1.49, label: 'few', severity: 'none' },
            { min: 1.5, max: 2.49, label: 'some', severity: 'mild' },
            { min: 2.5, max: 4, label: 'many', severity: 'moderate' },
          ],
        },
      ],
    },
  );
  const band = (a: string, b: string) => score(d, { a: v(a), b: v(b) }).scales[0]?.band;

  it('puts each score in its band, edges included', () => {
    expect(band('0', '0')).toEqual({ label: 'few', severity: 'none' });
    expect(band('1', '2')).toEqual({ label: 'some', severity: 'mild' });
    expect(band('2', '2')).toEqual({ label: 'some', severity: 'mild' });
    expect(band('2', '3')).toEqual({ label: 'many', severity: 'moderate' });
    expect(band('4', '4')).toEqual({ label: 'many', severity: 'moderate' });
  });

  it('gives no band to a null score', () => {
    expect(score(d, { a: v('4') }).scales[0]).toMatchObject({ score: null, band: null });
  });

  it('places a prorated score that falls between integer bands in the lower band', () => {
    const sum = def(
      ['a', 'b'].map((id) => freq(id)),
      {
        scales: [
          {
            key: 's',
            title: 'S',
            items: ['a', 'b'],
            method: 'sum',
            minAnsweredShare: 0.5,
            bands: [
              { min: 0, max: 4, label: 'low', severity: 'none' },
              { min: 5, max: 8, label: 'high', severity: 'high' },
            ],
          },
        ],
      },
    );
    // One answer of 2 prorates to 4, of 3 to 6: both land in a band despite the 4 → 5 gap.
    expect(score(sum, { a: v('2') }).scales[0]).toMatchObject({ score: 4, band: { label: 'low' } });
    expect(score(sum, { a: v('3') }).scales[0]).toMatchObject({
      score: 6,
      band: { label: 'high' },
    });
  });
});

describe('score: enableWhen', () => {
  const gateChoice: ItemDefinition = {
    linkId: 'gate',
    text: 'Gate.',
    type: 'choice',
    options: [
      { code: 'yes', display: 'Yes', weight: 1 },
      { code: 'no', display: 'No', weight: 0 },
      { code: 'skip', display: 'Prefer not to answer', declines: true },
    ],
  };
  const gateInt: ItemDefinition = {
    linkId: 'n',
    text: 'How many?',
    type: 'integer',
    min: 0,
    max: 10,
  };
  const gateBool: ItemDefinition = { linkId: 'b', text: 'True?', type: 'boolean' };
  const gateText: ItemDefinition = { linkId: 't', text: 'Say.', type: 'text' };
  const follow = (when: EnableWhen[], behavior?: 'all' | 'any'): ItemDefinition => ({
    ...freq('f'),
    enableWhen: when,
    ...(behavior ? { enableBehavior: behavior } : {}),
  });
  const shown = (when: EnableWhen[], answers: Answers, behavior?: 'all' | 'any'): boolean =>
    enabledItemIds(
      def([gateChoice, gateInt, gateBool, gateText, follow(when, behavior)]),
      answers,
    ).includes('f');

  it("'exists' true/false", () => {
    const yes = [{ question: 'n', operator: 'exists', answer: true }] as EnableWhen[];
    const no = [{ question: 'n', operator: 'exists', answer: false }] as EnableWhen[];
    expect(shown(yes, { n: v(0) })).toBe(true);
    expect(shown(yes, {})).toBe(false);
    expect(shown(yes, { n: declined })).toBe(false);
    expect(shown(no, {})).toBe(true);
    expect(shown(no, { n: v(3) })).toBe(false);
  });

  it("'=' and '!=' on choice codes", () => {
    const eq = [{ question: 'gate', operator: '=', answer: 'yes' }] as EnableWhen[];
    const ne = [{ question: 'gate', operator: '!=', answer: 'yes' }] as EnableWhen[];
    expect(shown(eq, { gate: v('yes') })).toBe(true);
    expect(shown(eq, { gate: v('no') })).toBe(false);
    expect(shown(eq, {})).toBe(false);
    expect(shown(ne, { gate: v('no') })).toBe(true);
    expect(shown(ne, { gate: v('yes') })).toBe(false);
    // As in FHIR: with no answer, no answer equals 'yes'.
    expect(shown(ne, {})).toBe(true);
    expect(shown(ne, { gate: v('skip') })).toBe(true);
  });

  it("'>', '<', '>=', '<=' on integers", () => {
    const op = (operator: EnableWhen['operator'], value: number, given: number) =>
      shown([{ question: 'n', operator, answer: value }], { n: v(given) });
    expect([op('>', 3, 4), op('>', 3, 3), op('>', 3, 2)]).toEqual([true, false, false]);
    expect([op('<', 3, 4), op('<', 3, 3), op('<', 3, 2)]).toEqual([false, false, true]);
    expect([op('>=', 3, 4), op('>=', 3, 3), op('>=', 3, 2)]).toEqual([true, true, false]);
    expect([op('<=', 3, 4), op('<=', 3, 3), op('<=', 3, 2)]).toEqual([false, true, true]);
    expect(shown([{ question: 'n', operator: '>', answer: 3 }], {})).toBe(false);
    expect(shown([{ question: 'n', operator: '<', answer: 3 }], { n: declined })).toBe(false);
  });

  it("'=' and '!=' on booleans and text", () => {
    expect(shown([{ question: 'b', operator: '=', answer: true }], { b: v(true) })).toBe(true);
    expect(shown([{ question: 'b', operator: '=', answer: true }], { b: v(false) })).toBe(false);
    expect(shown([{ question: 'b', operator: '!=', answer: true }], { b: v(false) })).toBe(true);
    expect(shown([{ question: 't', operator: '=', answer: 'hi' }], { t: v('hi') })).toBe(true);
    expect(shown([{ question: 't', operator: '=', answer: 'hi' }], { t: v('Hi') })).toBe(false);
  });

  it("enableBehavior 'all' (default) needs every condition, 'any' needs one", () => {
    const when = [
      { question: 'gate', operator: '=', answer: 'yes' },
      { question: 'n', operator: '>=', answer: 5 },
    ] as EnableWhen[];
    expect(shown(when, { gate: v('yes'), n: v(5) })).toBe(true);
    expect(shown(when, { gate: v('yes'), n: v(4) })).toBe(false);
    expect(shown(when, { gate: v('yes'), n: v(4) }, 'all')).toBe(false);
    expect(shown(when, { gate: v('yes'), n: v(4) }, 'any')).toBe(true);
    expect(shown(when, { gate: v('no'), n: v(9) }, 'any')).toBe(true);
    expect(shown(when, { gate: v('no'), n: v(1) }, 'any')).toBe(false);
  });

  it('treats a question that is itself disabled as unanswered', () => {
    const chain = def([
      gateChoice,
      { ...gateInt, enableWhen: [{ question: 'gate', operator: '=', answer: 'yes' }] },
      { ...freq('f'), enableWhen: [{ question: 'n', operator: 'exists', answer: true }] },
    ]);
    expect(enabledItemIds(chain, { gate: v('yes'), n: v(2) })).toEqual(['gate', 'n', 'f']);
    expect(enabledItemIds(chain, { gate: v('no'), n: v(2) })).toEqual(['gate']);
  });
});

describe('score: disabled items', () => {
  const gate: ItemDefinition = {
    linkId: 'gate',
    text: 'Gate.',
    type: 'choice',
    options: [
      { code: 'yes', display: 'Yes' },
      { code: 'no', display: 'No' },
    ],
  };
  const d = def(
    [
      gate,
      freq('a'),
      { ...freq('f'), enableWhen: [{ question: 'gate', operator: '=', answer: 'yes' }] },
    ],
    {
      scales: [{ key: 's', title: 'S', items: ['a', 'f'], method: 'mean', minAnsweredShare: 1 }],
      criticalItems: [
        {
          linkId: 'f',
          condition: { operator: '>', value: 0 },
          severity: 'urgent',
          message: 'Check in.',
          declinedCountsAsPositive: true,
        },
      ],
    },
  );

  it('ignores their answers for scores and flags and leaves them out of the item count', () => {
    const r = score(d, { gate: v('no'), a: v('2'), f: v('4') });
    expect(r.disabledItems).toEqual(['f']);
    expect(r.scales[0]).toMatchObject({ score: 2, answered: 1, itemCount: 1, missing: 0 });
    expect(r.flags).toEqual([]);
    expect(r.missingItems).toEqual([]);
    expect(score(d, { gate: v('no'), a: v('2'), f: declined }).flags).toEqual([]);
    expect(score(d, { gate: v('no'), a: v('2'), f: declined }).declinedItems).toEqual([]);
  });

  it('counts them once enabled', () => {
    const r = score(d, { gate: v('yes'), a: v('2'), f: v('4') });
    expect(r.disabledItems).toEqual([]);
    expect(r.scales[0]).toMatchObject({ score: 3, answered: 2, itemCount: 2 });
    expect(r.flags).toHaveLength(1);
  });

  it('scores null when every item of a scale is disabled', () => {
    const only = def(
      [gate, { ...freq('f'), enableWhen: [{ question: 'gate', operator: '=', answer: 'yes' }] }],
      {
        scales: [{ key: 's', title: 'S', items: ['f'], method: 'sum', minAnsweredShare: 0.5 }],
      },
    );
    expect(score(only, { gate: v('no') }).scales[0]).toMatchObject({
      score: null,
      itemCount: 0,
      answered: 0,
    });
  });
});

describe('score: flags', () => {
  const d = def([freq('safety'), freq('other')], {
    criticalItems: [
      {
        linkId: 'safety',
        condition: { operator: '>', value: 0 },
        severity: 'urgent',
        message: 'Thoughts reported.',
        declinedMessage: 'Question declined.',
        declinedCountsAsPositive: true,
      },
      {
        linkId: 'other',
        condition: { operator: '=', value: '4' },
        severity: 'check-in',
        message: 'Highest answer.',
        declinedCountsAsPositive: false,
      },
    ],
  });

  it('raises nothing for zero or no answer', () => {
    expect(score(d, { safety: v('0'), other: v('3') }).flags).toEqual([]);
    expect(score(d, {}).flags).toEqual([]);
  });

  it('raises an urgent flag for any answer above zero, ranked by the answer', () => {
    for (const code of ['1', '2', '3', '4']) {
      expect(score(d, { safety: v(code) }).flags).toEqual([
        {
          linkId: 'safety',
          severity: 'urgent',
          message: 'Thoughts reported.',
          reason: 'answered',
          rank: Number(code),
        },
      ]);
    }
  });

  it('raises a CHECK-IN, not its own level, for a decline when declinedCountsAsPositive is set', () => {
    const expected = [
      {
        linkId: 'safety',
        severity: 'check-in',
        message: 'Question declined.',
        reason: 'declined',
        rank: 0,
      },
    ];
    expect(score(d, { safety: declined }).flags).toEqual(expected);
    expect(score(d, { safety: v('skip') }).flags).toEqual(expected);
    expect(score(d, { other: declined }).flags).toEqual([]);
  });

  it('compares codes with = and lists flags in definition order', () => {
    expect(
      score(d, { other: v('4'), safety: v('2') }).flags.map((f) => [f.linkId, f.severity]),
    ).toEqual([
      ['safety', 'urgent'],
      ['other', 'check-in'],
    ]);
    expect(score(d, { other: v('3') }).flags).toEqual([]);
  });

  it('lists critical items without an answer as missing', () => {
    expect(score(d, { other: v('1') }).missingItems).toEqual(['safety']);
  });

  it('uses a standard message for declines when no declinedMessage is given', () => {
    const plain = def([freq('s')], {
      criticalItems: [
        {
          linkId: 's',
          condition: { operator: 'exists', value: true },
          severity: 'urgent',
          message: 'M',
          declinedCountsAsPositive: true,
        },
      ],
    });
    expect(score(plain, { s: declined }).flags).toEqual([
      {
        linkId: 's',
        severity: 'check-in',
        message: DEFAULT_DECLINED_MESSAGE,
        reason: 'declined',
        rank: 0,
      },
    ]);
    expect(score(plain, { s: v('0') }).flags[0]?.reason).toBe('answered');
  });

  it('raises a CHECK-IN for every shown critical item left blank, on submit only', () => {
    expect(score(d, {}).flags).toEqual([]);
    const sent = score(d, { other: v('1') }, { submitted: true });
    expect(sent.flags).toEqual([
      {
        linkId: 'safety',
        severity: 'check-in',
        message: DEFAULT_UNANSWERED_MESSAGE,
        reason: 'unanswered',
        rank: 0,
      },
    ]);
    expect(sent.unansweredCritical).toEqual(['safety']);
    // A decline is an answer: it is not "unanswered".
    expect(score(d, { safety: declined }, { submitted: true }).unansweredCritical).toEqual([
      'other',
    ]);
  });

  it('reads "review" in older definitions as CHECK-IN', () => {
    const old = def([freq('s')], {
      criticalItems: [
        {
          linkId: 's',
          condition: { operator: '>', value: 0 },
          severity: 'review' as never,
          message: 'M',
          declinedCountsAsPositive: false,
        },
      ],
    });
    expect(score(old, { s: v('2') }).flags[0]?.severity).toBe('check-in');
  });

  it('takes critical answers as a list of option codes', () => {
    const coded = def([freq('s')], {
      criticalItems: [
        {
          linkId: 's',
          answerCodes: ['3', '4'],
          severity: 'urgent',
          message: 'High.',
          declinedCountsAsPositive: true,
        },
      ],
    });
    expect(score(coded, { s: v('2') }).flags).toEqual([]);
    expect(score(coded, { s: v('4') }).flags.map((f) => [f.severity, f.rank])).toEqual([
      ['urgent', 4],
    ]);
  });

  describe('a "right now" follow-up', () => {
    const nowItem = {
      linkId: 'now',
      text: 'Right now?',
      type: 'choice' as const,
      options: [
        { code: 'yes', display: 'Yes' },
        { code: 'no', display: 'No' },
        { code: 'skip', display: 'Prefer not to answer', declines: true },
      ],
      enableWhen: [{ question: 'safety', operator: '!=' as const, answer: '0' }],
    };
    const withNow = def([freq('safety'), nowItem], {
      criticalItems: [
        {
          linkId: 'safety',
          condition: { operator: '>', value: 0 },
          severity: 'urgent',
          message: 'Thoughts reported.',
          declinedCountsAsPositive: true,
          followUp: {
            linkId: 'now',
            condition: { operator: '=', value: 'yes' },
            severity: 'immediate',
            message: 'Right now.',
          },
        },
      ],
    });

    it('raises IMMEDIATE on the critical item when met', () => {
      expect(score(withNow, { safety: v('2'), now: v('yes') }).flags).toEqual([
        {
          linkId: 'safety',
          severity: 'immediate',
          message: 'Right now.',
          reason: 'answered',
          rank: 2,
          rightNow: true,
        },
      ]);
    });

    it('stays URGENT for no, a decline or no answer to the follow-up', () => {
      for (const now of [v('no'), declined, undefined]) {
        const answers: Answers = now ? { safety: v('3'), now } : { safety: v('3') };
        expect(score(withNow, answers, { submitted: true }).flags.map((f) => f.severity)).toEqual([
          'urgent',
        ]);
      }
    });

    it('is ignored when the follow-up is hidden', () => {
      expect(score(withNow, { safety: v('0'), now: v('yes') }).flags).toEqual([]);
    });
  });
});

describe('isWorse', () => {
  it('orders by level first, then by the answer within a level', () => {
    const f = (severity: 'immediate' | 'urgent' | 'check-in', rank: number) => ({ severity, rank });
    expect(isWorse(f('urgent', 1), f('check-in', 0))).toBe(true);
    expect(isWorse(f('immediate', 1), f('urgent', 4))).toBe(true);
    expect(isWorse(f('urgent', 4), f('urgent', 1))).toBe(true);
    expect(isWorse(f('urgent', 1), f('urgent', 1))).toBe(false);
    expect(isWorse(f('check-in', 0), f('urgent', 1))).toBe(false);
  });
});

describe('score: answer errors', () => {
  const d = def([
    freq('a'),
    { linkId: 'n', text: 'Number.', type: 'integer', min: 0, max: 5 },
    { linkId: 'b', text: 'Yes or no?', type: 'boolean' },
    { linkId: 't', text: 'Say.', type: 'text' },
    { linkId: 'info', text: 'Read this.', type: 'display' },
  ]);
  const fails = (answers: unknown, linkId: string | undefined, message: RegExp) => {
    let error: unknown;
    try {
      score(d, answers as Answers);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AnswerError);
    expect((error as AnswerError).linkId).toBe(linkId);
    expect((error as AnswerError).message).toMatch(message);
  };

  it('names the linkId of an unknown item', () =>
    fails({ nope: v('1') }, 'nope', /unknown item 'nope'/));
  it('names the linkId of an invalid option code', () =>
    fails({ a: v('7') }, 'a', /'a'.*'7'.*not one of its option codes/));
  it('rejects a number for a choice item', () => fails({ a: v(1) }, 'a', /'a'/));
  it('rejects a non-integer or out-of-range integer', () => {
    fails({ n: v(2.5) }, 'n', /'n' must be a whole number/);
    fails({ n: v(6) }, 'n', /'n' is 6, outside 0 to 5/);
    fails({ n: v('3') }, 'n', /'n'/);
  });
  it('rejects wrong types for boolean and text', () => {
    fails({ b: v('yes') }, 'b', /'b' must be true or false/);
    fails({ t: v(3) }, 't', /'t' must be text/);
  });
  it('rejects answers to display items', () =>
    fails({ info: v('x') }, 'info', /'info' only shows text/));
  it('rejects malformed entries', () => {
    fails({ a: '1' }, 'a', /must be \{ value \} or \{ declined: true \}/);
    fails({ a: { declined: false } }, 'a', /"declined" can only be true/);
    fails({ a: { value: '1', declined: true } }, 'a', /must be \{ value \}/);
    fails({ a: null }, 'a', /'a'/);
  });
  it('rejects answers that are not an object', () => {
    fails(null, undefined, /Answers must be an object/);
    fails([], undefined, /Answers must be an object/);
  });
  it('checkAnswers uses the same rules without scoring', () => {
    expect(() => checkAnswers(d, { a: v('9') })).toThrow(AnswerError);
    expect(checkAnswers(d, { a: v('2'), n: v(5), b: v(false), t: v('') })).toBeUndefined();
    expect(() => checkAnswers(d, { info: declined })).toThrow(/'info' only shows text/);
  });
});

describe('score: definitions', () => {
  it('throws DefinitionError for an invalid definition instead of failing later', () => {
    const broken = def([freq('a')], {
      scales: [{ key: 's', title: 'S', items: ['missing'], method: 'mean', minAnsweredShare: 0.5 }],
    });
    expect(() => score(broken, {})).toThrow(DefinitionError);
    expect(() => score(broken, {})).toThrow(/scale 's': item 'missing' does not exist/);
  });
});
