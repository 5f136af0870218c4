/// <reference types="node" />
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Answers, InstrumentDefinition } from './definition.js';
import { AnswerError, FhirImportError, ScreeningError } from './errors.js';
import {
  FHIR_ITEM_WEIGHT_URL,
  FHIR_ORDINAL_VALUE_URL,
  fromFhirQuestionnaire,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from './fhir.js';
import { PERFECTIONISM_PATTERNS_CHECK } from './perfectionism-patterns-check.js';
import { score } from './score.js';
import { validateDefinition } from './validate.js';

// Third-party text: test data only, never exported or seeded.
const PHQ9: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('./fixtures/phq9.questionnaire.json', import.meta.url), 'utf8'),
);
const PHQ_ITEMS = [
  '44250-9',
  '44255-8',
  '44259-0',
  '44254-1',
  '44251-7',
  '44258-2',
  '44252-5',
  '44253-3',
  '44260-8',
].map((c) => `/${c}`);
const CODE_FOR = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
const phqAnswers = (points: number[]): Answers =>
  Object.fromEntries(
    points.map((p, i) => [PHQ_ITEMS[i] as string, { value: CODE_FOR[p] as string }]),
  );

/** Plain JSON copy, so key order and frozen objects do not matter in comparisons. */
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function questionnaire(
  items: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    resourceType: 'Questionnaire',
    id: 'q',
    name: 'TestQ',
    title: 'Test Q',
    status: 'active',
    item: items,
    ...extra,
  };
}
const coding = (code: string, weight?: number) => ({
  valueCoding: { code, display: code.toUpperCase() },
  ...(weight === undefined
    ? {}
    : { extension: [{ url: FHIR_ITEM_WEIGHT_URL, valueDecimal: weight }] }),
});
const choice = (
  linkId: string,
  weights: number[] = [0, 1, 2],
  extra: Record<string, unknown> = {},
) => ({
  linkId,
  text: `Question ${linkId}`,
  type: 'choice',
  answerOption: weights.map((w, i) => coding(`c${i}`, w)),
  ...extra,
});

function importError(q: unknown): FhirImportError {
  try {
    fromFhirQuestionnaire(q);
  } catch (e) {
    expect(e).toBeInstanceOf(FhirImportError);
    return e as FhirImportError;
  }
  throw new Error('expected FhirImportError');
}

describe('fromFhirQuestionnaire: PHQ-9 fixture', () => {
  const phq = fromFhirQuestionnaire(PHQ9);

  it('imports the questionnaire metadata', () => {
    expect(phq).toMatchObject({
      id: 'phq-9-test-fixture',
      key: 'phq9',
      version: 1,
      url: 'http://loinc.org/q/44249-1',
      title: 'PHQ-9 quick depression assessment panel',
      validated: false,
    });
    expect(phq.licence).toMatch(/^Copyright © Pfizer Inc\./);
    expect(phq.sections).toHaveLength(1);
    expect(phq.sections[0]?.items.map((i) => i.linkId)).toEqual([...PHQ_ITEMS, '/69722-7']);
  });

  it('reads weights from itemWeight on the option and ordinalValue on the coding', () => {
    const first = phq.sections[0]!.items[0]!;
    const sixth = phq.sections[0]!.items[5]!;
    const expected = [
      { code: 'LA6568-5', display: 'Not at all', weight: 0, system: 'http://loinc.org' },
      { code: 'LA6569-3', display: 'Several days', weight: 1, system: 'http://loinc.org' },
      {
        code: 'LA6570-1',
        display: 'More than half the days',
        weight: 2,
        system: 'http://loinc.org',
      },
      { code: 'LA6571-9', display: 'Nearly every day', weight: 3, system: 'http://loinc.org' },
    ];
    expect(first.options).toEqual(expected);
    expect(sixth.options).toEqual(expected);
    expect(phq.sections[0]!.items[9]!.options!.every((o) => o.weight === undefined)).toBe(true);
  });

  it('builds a total sum over the nine weighted items, leaving out the difficulty item', () => {
    expect(phq.total).toEqual({
      key: 'total',
      title: 'PHQ-9 quick depression assessment panel total',
      items: PHQ_ITEMS,
      method: 'sum',
      minAnsweredShare: 1,
    });
    expect(phq.scales).toEqual([]);
  });

  it('scores all "Several days" as 9 and all "Nearly every day" as 27', () => {
    expect(score(phq, phqAnswers([1, 1, 1, 1, 1, 1, 1, 1, 1])).total?.score).toBe(9);
    expect(score(phq, phqAnswers([3, 3, 3, 3, 3, 3, 3, 3, 3])).total?.score).toBe(27);
    expect(score(phq, phqAnswers([0, 0, 0, 0, 0, 0, 0, 0, 0])).total?.score).toBe(0);
  });

  it('scores a mixed pattern as summed by hand, whatever the difficulty answer', () => {
    // 3+2+1+0+3+2+1+0+1 = 13
    const answers = phqAnswers([3, 2, 1, 0, 3, 2, 1, 0, 1]);
    expect(score(phq, answers).total?.score).toBe(13);
    expect(score(phq, { ...answers, '/69722-7': { value: 'LA6575-0' } }).total?.score).toBe(13);
  });

  it('leaves the total empty when an item is missing, unless a share is chosen on import', () => {
    const eight = phqAnswers([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(score(phq, eight).total).toMatchObject({ score: null, answered: 8, missing: 1 });
    const lenient = fromFhirQuestionnaire(PHQ9, {
      minAnsweredShare: 0.75,
      key: 'phq-9',
      version: 3,
    });
    expect(lenient).toMatchObject({ key: 'phq-9', version: 3 });
    expect(score(lenient, eight).total?.score).toBe(9);
  });

  describe('with the published severity bands added', () => {
    const banded: InstrumentDefinition = json(phq);
    banded.total!.bands = [
      { min: 0, max: 4, label: 'none-minimal', severity: 'none' },
      { min: 5, max: 9, label: 'mild', severity: 'mild' },
      { min: 10, max: 14, label: 'moderate', severity: 'moderate' },
      { min: 15, max: 19, label: 'moderately severe', severity: 'high' },
      { min: 20, max: 27, label: 'severe', severity: 'high' },
    ];
    banded.criticalItems = [
      {
        linkId: '/44260-8',
        condition: { operator: '>', value: 0 },
        severity: 'urgent',
        message: 'Item 9 above zero.',
        declinedCountsAsPositive: true,
      },
    ];
    /** Answers adding up to `total`, filled item by item. */
    const reaching = (total: number): Answers => {
      let left = total;
      return phqAnswers(
        PHQ_ITEMS.map(() => {
          const p = Math.min(3, left);
          left -= p;
          return p;
        }),
      );
    };

    it('is a valid definition', () => {
      expect(validateDefinition(banded)).toBe(banded);
    });

    it.each([
      [0, 'none-minimal'],
      [4, 'none-minimal'],
      [5, 'mild'],
      [9, 'mild'],
      [10, 'moderate'],
      [14, 'moderate'],
      [15, 'moderately severe'],
      [19, 'moderately severe'],
      [20, 'severe'],
      [27, 'severe'],
    ])('puts a total of %i in band %s', (total, label) => {
      const r = score(banded, reaching(total));
      expect(r.total?.score).toBe(total);
      expect(r.total?.band?.label).toBe(label);
    });

    it('flags item 9 above zero', () => {
      expect(score(banded, reaching(24)).flags).toEqual([]);
      expect(score(banded, reaching(25)).flags.map((f) => f.linkId)).toEqual(['/44260-8']);
    });

    it('survives export and import unchanged', () => {
      expect(json(fromFhirQuestionnaire(json(toFhirQuestionnaire(banded))))).toEqual(json(banded));
    });
  });
});

describe('toFhirQuestionnaire / fromFhirQuestionnaire round trip', () => {
  const ppc = PERFECTIONISM_PATTERNS_CHECK;
  const exported = json(toFhirQuestionnaire(ppc));
  const back = fromFhirQuestionnaire(exported);

  it('gives back the same definition', () => {
    expect(json(back)).toEqual(json(ppc));
  });

  it('scores any answers identically', () => {
    const items = ppc.sections.flatMap((s) => s.items);
    const answerArb = fc.tuple(
      ...items.map((item) =>
        item.type === 'choice'
          ? fc.oneof(
              fc.constant(undefined),
              fc.constant({ declined: true as const }),
              fc.constantFrom(...item.options!.map((o) => ({ value: o.code }))),
            )
          : fc.oneof(
              fc.constant(undefined),
              fc.string().map((s) => ({ value: s })),
            ),
      ),
    );
    fc.assert(
      fc.property(answerArb, (list) => {
        const answers: Answers = {};
        list.forEach((a, i) => {
          if (a) answers[items[i]!.linkId] = a;
        });
        expect(score(back, answers)).toEqual(score(ppc, answers));
      }),
      { numRuns: 200 },
    );
  });

  it('writes a Questionnaire that generic FHIR tools can read', () => {
    expect(exported).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'attune-perfectionism-patterns-check-2',
      name: 'PerfectionismPatternsCheck',
      version: '2',
      status: 'active',
      copyright: ppc.licence,
    });
    const groups = exported.item;
    expect(groups.map((g) => g.linkId)).toEqual(ppc.sections.map((s) => s.key));
    expect(groups.every((g) => g.type === 'group')).toBe(true);
    const firstOption = groups[0]!.item![0]!.answerOption![1]!;
    expect(firstOption.extension).toEqual([{ url: FHIR_ITEM_WEIGHT_URL, valueDecimal: 1 }]);
    expect(firstOption.valueCoding.extension).toEqual([
      { url: FHIR_ORDINAL_VALUE_URL, valueDecimal: 1 },
    ]);
    const followUp = groups.find((g) => g.linkId === 'origins')!.item![1]!;
    expect(followUp).toMatchObject({
      type: 'text',
      enableBehavior: 'any',
      enableWhen: [
        {
          question: 'origins-approval',
          operator: '=',
          answerCoding: { code: 'sometimes', display: 'Sometimes' },
        },
        {
          question: 'origins-approval',
          operator: '=',
          answerCoding: { code: 'often', display: 'Often' },
        },
      ],
    });
    expect(groups.find((g) => g.linkId === 'safety')!.item![0]!.required).toBe(true);
  });

  it('never writes an empty string (FHIR JSON forbids them)', () => {
    const bare: InstrumentDefinition = {
      ...json(ppc),
      description: '',
      sections: json(ppc).sections.map((s) => ({ ...s, intro: '', whyWeAsk: '' })),
    };
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    const q = toFhirQuestionnaire(bare);
    walk(q);
    expect(strings.filter((s) => s === '')).toEqual([]);
    expect(q.description).toBeUndefined();
    expect(json(fromFhirQuestionnaire(json(q)))).toEqual(json(bare));
  });

  it('carries integer bounds, booleans and numeric enableWhen', () => {
    const d: InstrumentDefinition = {
      ...json(ppc),
      sections: [
        {
          key: 'only',
          title: 'Only',
          intro: '',
          whyWeAsk: '',
          items: [
            { linkId: 'n', text: 'How many?', type: 'integer', min: 0, max: 9 },
            { linkId: 'yn', text: 'Yes?', type: 'boolean' },
            {
              linkId: 'more',
              text: 'Why?',
              type: 'text',
              enableWhen: [
                { question: 'n', operator: '>=', answer: 2.5 },
                { question: 'yn', operator: '=', answer: true },
              ],
            },
          ],
        },
      ],
      scales: [],
      total: {
        key: 'total',
        title: 'T',
        items: ['n'],
        method: 'sum',
        minAnsweredShare: 1,
        bands: [{ min: 0, max: 9, label: 'all', severity: 'none' }],
      },
      criticalItems: [
        {
          linkId: 'yn',
          condition: { operator: '=', value: true },
          severity: 'review',
          message: 'Yes said.',
          declinedCountsAsPositive: false,
        },
      ],
    };
    const q = toFhirQuestionnaire(d);
    expect(q.item[0]!.item![0]!.extension).toEqual([
      { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0 },
      { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 9 },
    ]);
    expect(q.item[0]!.item![2]!.enableWhen).toEqual([
      { question: 'n', operator: '>=', answerDecimal: 2.5 },
      { question: 'yn', operator: '=', answerBoolean: true },
    ]);
    expect(q.item[0]!.item![2]!.enableBehavior).toBe('all');
    const back2 = fromFhirQuestionnaire(json(q));
    expect(json(back2)).toEqual(
      json({
        ...d,
        sections: [
          {
            ...d.sections[0],
            items: d.sections[0]!.items.map((i) =>
              i.linkId === 'more' ? { ...i, enableBehavior: 'all' } : i,
            ),
          },
        ],
      }),
    );
    expect(score(back2, { n: { value: 3 }, yn: { value: true } })).toEqual(
      score(d, { n: { value: 3 }, yn: { value: true } }),
    );
  });
});

describe('fromFhirQuestionnaire: mapping', () => {
  it('turns groups into sections and gathers loose top-level items into their own sections', () => {
    const d = fromFhirQuestionnaire(
      questionnaire([
        choice('a'),
        {
          linkId: 'g1',
          type: 'group',
          text: 'Group one',
          item: [choice('b'), { linkId: 'd', type: 'display', text: 'Note' }],
        },
        { linkId: 'c', type: 'string', text: 'Anything else?' },
      ]),
    );
    expect(d.sections.map((s) => [s.key, s.title, s.items.map((i) => i.linkId)])).toEqual([
      ['questions', 'Test Q', ['a']],
      ['g1', 'Group one', ['b', 'd']],
      ['questions-3', 'Test Q', ['c']],
    ]);
    expect(d.sections[2]!.items[0]!.type).toBe('text');
    expect(d.total?.items).toEqual(['a', 'b']);
    expect(d.key).toBe('test-q');
    expect(d.validationNote).toMatch(/does not say whether it is validated/);
    expect(d.licence).toMatch(/No copyright or licence text/);
  });

  it('imports enableWhen of each answer type and enableBehavior', () => {
    const d = fromFhirQuestionnaire(
      questionnaire([
        choice('a'),
        { linkId: 'n', type: 'integer', text: 'N' },
        { linkId: 'yn', type: 'boolean', text: 'YN' },
        { linkId: 's', type: 'string', text: 'S' },
        {
          linkId: 'x',
          type: 'display',
          text: 'X',
          enableBehavior: 'any',
          enableWhen: [
            {
              question: 'a',
              operator: '=',
              answerCoding: { system: 'http://example.org/other', code: 'c2' },
            },
            { question: 'n', operator: '>', answerInteger: 3 },
            { question: 'n', operator: '<=', answerDecimal: 1.5 },
            { question: 'yn', operator: '!=', answerBoolean: false },
            { question: 's', operator: '=', answerString: 'hello' },
            { question: 'a', operator: 'exists', answerBoolean: true },
          ],
        },
      ]),
    );
    const x = d.sections[0]!.items[4]!;
    expect(x.enableBehavior).toBe('any');
    expect(x.enableWhen).toEqual([
      { question: 'a', operator: '=', answer: 'c2' },
      { question: 'n', operator: '>', answer: 3 },
      { question: 'n', operator: '<=', answer: 1.5 },
      { question: 'yn', operator: '!=', answer: false },
      { question: 's', operator: '=', answer: 'hello' },
      { question: 'a', operator: 'exists', answer: true },
    ]);
  });

  it('compares answerCoding by code only', () => {
    const d = fromFhirQuestionnaire(
      questionnaire([
        choice('a'),
        {
          ...choice('b'),
          enableWhen: [
            { question: 'a', operator: '=', answerCoding: { system: 'urn:x', code: 'c1' } },
          ],
        },
      ]),
    );
    expect(score(d, { a: { value: 'c1' }, b: { value: 'c2' } }).disabledItems).toEqual([]);
    expect(score(d, { a: { value: 'c0' }, b: { value: 'c2' } }).disabledItems).toEqual(['b']);
  });

  it('maps valueInteger and valueString options, and answerInteger on such a choice', () => {
    const d = fromFhirQuestionnaire(
      questionnaire([
        {
          linkId: 'i',
          type: 'choice',
          text: 'I',
          answerOption: [{ valueInteger: 1 }, { valueInteger: 2 }],
        },
        {
          linkId: 's',
          type: 'choice',
          text: 'S',
          answerOption: [{ valueString: 'red' }],
          enableWhen: [{ question: 'i', operator: '=', answerInteger: 2 }],
        },
      ]),
    );
    expect(d.sections[0]!.items[0]!.options).toEqual([
      { code: '1', display: '1' },
      { code: '2', display: '2' },
    ]);
    expect(d.sections[0]!.items[1]!.enableWhen).toEqual([
      { question: 'i', operator: '=', answer: '2' },
    ]);
    expect(d.total).toBeUndefined();
  });

  it('reads options and weights from a contained ValueSet', () => {
    const q = questionnaire(
      [
        { linkId: 'a', type: 'choice', text: 'A', answerValueSet: '#freq' },
        { linkId: 'b', type: 'choice', text: 'B', answerValueSet: '#yn' },
      ],
      {
        contained: [
          {
            resourceType: 'ValueSet',
            id: 'freq',
            expansion: {
              contains: [
                {
                  system: 'urn:f',
                  code: 'lo',
                  display: 'Low',
                  extension: [{ url: FHIR_ORDINAL_VALUE_URL, valueDecimal: 0 }],
                },
                {
                  system: 'urn:f',
                  code: 'hi',
                  display: 'High',
                  extension: [{ url: FHIR_ORDINAL_VALUE_URL, valueDecimal: 5 }],
                },
              ],
            },
          },
          {
            resourceType: 'ValueSet',
            id: 'yn',
            compose: {
              include: [
                { system: 'urn:yn', concept: [{ code: 'y', display: 'Yes' }, { code: 'n' }] },
              ],
            },
          },
        ],
      },
    );
    const d = fromFhirQuestionnaire(q);
    expect(d.sections[0]!.items[0]!.options).toEqual([
      { code: 'lo', display: 'Low', system: 'urn:f', weight: 0 },
      { code: 'hi', display: 'High', system: 'urn:f', weight: 5 },
    ]);
    expect(d.sections[0]!.items[1]!.options).toEqual([
      { code: 'y', display: 'Yes', system: 'urn:yn' },
      { code: 'n', display: 'n', system: 'urn:yn' },
    ]);
    expect(d.total?.items).toEqual(['a']);
  });

  it('treats a data-absent-reason asked-declined option as "prefer not to answer"', () => {
    const d = fromFhirQuestionnaire(
      questionnaire([
        {
          ...choice('a', [0, 1]),
          answerOption: [
            coding('c0', 0),
            coding('c1', 1),
            {
              valueCoding: {
                system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
                code: 'asked-declined',
                display: 'Declined',
              },
            },
          ],
        },
        choice('b', [0, 1]),
      ]),
      { minAnsweredShare: 0.5 },
    );
    expect(d.sections[0]!.items[0]!.options![2]).toMatchObject({
      code: 'asked-declined',
      declines: true,
    });
    expect(score(d, { a: { value: 'asked-declined' }, b: { value: 'c1' } }).total).toMatchObject({
      score: 2,
      answered: 1,
      missing: 1,
    });
  });

  it("applies a group's enableWhen to each of its items", () => {
    const d = fromFhirQuestionnaire(
      questionnaire([
        choice('gate'),
        {
          linkId: 'g',
          type: 'group',
          text: 'G',
          enableWhen: [{ question: 'gate', operator: '=', answerCoding: { code: 'c1' } }],
          item: [
            choice('a'),
            {
              ...choice('b'),
              enableWhen: [{ question: 'a', operator: 'exists', answerBoolean: true }],
            },
          ],
        },
      ]),
    );
    const [a, b] = d.sections[1]!.items;
    expect(a!.enableWhen).toEqual([{ question: 'gate', operator: '=', answer: 'c1' }]);
    expect(b!.enableWhen).toEqual([
      { question: 'gate', operator: '=', answer: 'c1' },
      { question: 'a', operator: 'exists', answer: true },
    ]);
    expect(b!.enableBehavior).toBe('all');
    expect(score(d, { gate: { value: 'c0' } }).disabledItems).toEqual(['a', 'b']);
  });
});

describe('fromFhirQuestionnaire: rejects what it cannot represent, naming the item', () => {
  it.each(['reference', 'attachment', 'date', 'decimal', 'open-choice', 'quantity'])(
    'item type %s',
    (type) => {
      const e = importError(questionnaire([choice('ok'), { linkId: 'bad-1', type, text: 'Bad' }]));
      expect(e.linkId).toBe('bad-1');
      expect(e.message).toBe(
        `Item 'bad-1' has type '${type}', which Attune instruments cannot represent`,
      );
    },
  );

  it('repeating items and groups', () => {
    expect(importError(questionnaire([choice('r', [0, 1], { repeats: true })])).message).toMatch(
      /Item 'r' repeats/,
    );
    expect(
      importError(
        questionnaire([
          { linkId: 'rg', type: 'group', text: 'G', repeats: true, item: [choice('a')] },
        ]),
      ).linkId,
    ).toBe('rg');
  });

  it('answerValueSet without inline options', () => {
    const e = importError(
      questionnaire([
        { linkId: 'vs', type: 'choice', text: 'VS', answerValueSet: 'http://loinc.org/vs/LL358-3' },
      ]),
    );
    expect(e.linkId).toBe('vs');
    expect(e.message).toMatch(
      /Item 'vs' takes its options from answerValueSet 'http:\/\/loinc.org\/vs\/LL358-3', which is not included inline/,
    );
    expect(
      importError(questionnaire([{ linkId: 'none', type: 'choice', text: 'N' }])).message,
    ).toMatch(/Item 'none' is a choice item without answer options/);
  });

  it('nested groups and items under a question', () => {
    const nested = importError(
      questionnaire([
        {
          linkId: 'outer',
          type: 'group',
          text: 'O',
          item: [{ linkId: 'inner', type: 'group', text: 'I', item: [choice('a')] }],
        },
      ]),
    );
    expect(nested.message).toMatch(/Group 'inner' is nested inside group 'outer'/);
    expect(nested.linkId).toBe('inner');
    expect(
      importError(questionnaire([{ ...choice('p'), item: [choice('child')] }])).message,
    ).toMatch(/Item 'p' has items nested under a question/);
  });

  it('options where only some carry a weight', () => {
    const e = importError(
      questionnaire([{ ...choice('w'), answerOption: [coding('x', 1), coding('y')] }]),
    );
    expect(e.message).toMatch(/Item 'w': some answer options carry a weight and others do not/);
  });

  it('unsupported enableWhen answers and option values', () => {
    expect(
      importError(
        questionnaire([
          choice('a'),
          {
            ...choice('b'),
            enableWhen: [{ question: 'a', operator: '=', answerDate: '2024-01-01' }],
          },
        ]),
      ).message,
    ).toMatch(/Item 'b': enableWhen with answerDate cannot be represented/);
    expect(
      importError(
        questionnaire([
          { linkId: 'o', type: 'choice', text: 'O', answerOption: [{ valueDate: '2024-01-01' }] },
        ]),
      ).message,
    ).toMatch(/Item 'o': answerOption values must be/);
  });

  it('an enableWhen on a later item, via validation', () => {
    const e = importError(
      questionnaire([
        {
          ...choice('a'),
          enableWhen: [{ question: 'b', operator: 'exists', answerBoolean: true }],
        },
        choice('b'),
      ]),
    );
    expect(e.linkId).toBe('a');
    expect(e.message).toMatch(
      /^The Questionnaire does not make a valid instrument: item 'a' enableWhen #1: question 'b'/,
    );
  });

  it('items without linkId or text, and things that are not Questionnaires', () => {
    expect(importError(questionnaire([{ type: 'choice', text: 'Nameless' }])).message).toMatch(
      /has no linkId \(text: 'Nameless'\)/,
    );
    expect(importError(questionnaire([{ linkId: 't', type: 'boolean' }])).message).toBe(
      "Item 't' has no text",
    );
    expect(importError({ resourceType: 'Patient' }).message).toMatch(
      /Expected a FHIR Questionnaire/,
    );
    expect(importError(null).message).toMatch(/Expected a FHIR Questionnaire/);
    expect(importError(questionnaire([])).message).toBe('The Questionnaire has no items');
  });

  it('malformed Attune extensions', () => {
    const q = json(toFhirQuestionnaire(PERFECTIONISM_PATTERNS_CHECK));
    const scaleExt = q.extension.find((e) => e.url.endsWith('scale'))!;
    scaleExt.extension = scaleExt.extension!.filter((e) => e.url !== 'method');
    expect(importError(q).message).toMatch(/Attune scale extension #1: "method" must appear once/);
  });
});

describe('toFhirQuestionnaireResponse', () => {
  const ppc = PERFECTIONISM_PATTERNS_CHECK;
  const meta = {
    id: 'qr-1',
    questionnaireUrl: 'https://example.test/Questionnaire/ppc|1',
    authored: '2025-03-01T10:00:00Z',
  };

  it('writes answered, enabled items grouped by section', () => {
    const qr = toFhirQuestionnaireResponse(
      ppc,
      {
        'all-or-nothing-1': { value: 'often' },
        'all-or-nothing-2': { declined: true },
        'origins-approval': { value: 'no' },
        // Hidden by enableWhen (approval is 'no'), so left out.
        'origins-more': { value: 'private words' },
        'safety-self-harm': { value: 'decline' },
      },
      { ...meta, subjectDisplay: 'A. Client' },
    );
    expect(qr).toEqual({
      resourceType: 'QuestionnaireResponse',
      id: 'qr-1',
      questionnaire: 'https://example.test/Questionnaire/ppc|1',
      status: 'completed',
      authored: '2025-03-01T10:00:00Z',
      subject: { display: 'A. Client' },
      item: [
        {
          linkId: 'all-or-nothing',
          text: 'All or nothing',
          item: [
            {
              linkId: 'all-or-nothing-1',
              text: ppc.sections[0]!.items[0]!.text,
              answer: [{ valueCoding: { code: 'often', display: 'Often' } }],
            },
            {
              linkId: 'all-or-nothing-2',
              text: ppc.sections[0]!.items[1]!.text,
              answer: [{ valueCoding: { code: 'decline', display: 'Prefer not to answer' } }],
            },
          ],
        },
        {
          linkId: 'origins',
          text: 'Growing up',
          item: [
            {
              linkId: 'origins-approval',
              text: expect.any(String),
              answer: [{ valueCoding: { code: 'no', display: 'No' } }],
            },
          ],
        },
        {
          linkId: 'safety',
          text: 'Your safety',
          item: [
            {
              linkId: 'safety-self-harm',
              text: expect.any(String),
              answer: [{ valueCoding: { code: 'decline', display: 'Prefer not to answer' } }],
            },
          ],
        },
      ],
    });
  });

  it('writes integer, boolean and text values, and a data-absent-reason for other declines', () => {
    const d: InstrumentDefinition = {
      ...json(ppc),
      sections: [
        {
          key: 'only',
          title: 'Only',
          intro: '',
          whyWeAsk: '',
          items: [
            { linkId: 'n', text: 'N', type: 'integer', min: 0, max: 5 },
            { linkId: 'yn', text: 'YN', type: 'boolean' },
            { linkId: 't', text: 'T', type: 'text' },
            { linkId: 'm', text: 'M', type: 'integer' },
            {
              linkId: 'w',
              text: 'W',
              type: 'choice',
              options: [
                { code: 'a', display: 'A', system: 'urn:s', weight: 1 },
                { code: 'b', display: 'B', system: 'urn:s', weight: 2 },
              ],
            },
          ],
        },
      ],
      scales: [],
      total: { key: 'total', title: 'T', items: ['n'], method: 'sum', minAnsweredShare: 1 },
      criticalItems: [],
    };
    const qr = toFhirQuestionnaireResponse(
      d,
      {
        n: { value: 4 },
        yn: { value: false },
        t: { value: 'hello' },
        m: { declined: true },
        w: { value: 'b' },
      },
      { ...meta, status: 'in-progress' },
    );
    expect(qr.status).toBe('in-progress');
    expect(qr.subject).toBeUndefined();
    expect(qr.item[0]!.item).toEqual([
      { linkId: 'n', text: 'N', answer: [{ valueInteger: 4 }] },
      { linkId: 'yn', text: 'YN', answer: [{ valueBoolean: false }] },
      { linkId: 't', text: 'T', answer: [{ valueString: 'hello' }] },
      {
        linkId: 'm',
        text: 'M',
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
            valueCode: 'asked-declined',
          },
        ],
      },
      {
        linkId: 'w',
        text: 'W',
        answer: [{ valueCoding: { code: 'b', display: 'B', system: 'urn:s' } }],
      },
    ]);
  });

  it('rejects answers that do not fit and a bad authored date', () => {
    expect(() =>
      toFhirQuestionnaireResponse(ppc, { 'all-or-nothing-1': { value: 'daily' } }, meta),
    ).toThrow(AnswerError);
    expect(() => toFhirQuestionnaireResponse(ppc, { ghost: { value: 'x' } }, meta)).toThrow(
      /unknown item 'ghost'/,
    );
    expect(() => toFhirQuestionnaireResponse(ppc, {}, { ...meta, authored: 'yesterday' })).toThrow(
      ScreeningError,
    );
  });

  it('writes no groups when nothing is answered', () => {
    expect(toFhirQuestionnaireResponse(ppc, {}, meta).item).toEqual([]);
  });
});
