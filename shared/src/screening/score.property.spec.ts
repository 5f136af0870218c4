import fc from 'fast-check';
import type { Answers, InstrumentDefinition, ItemDefinition, ScaleMethod } from './definition.js';
import { score, type ScoreResult } from './score.js';

interface ItemSpec {
  weights: number[];
  hasDecline: boolean;
}
interface DefSpec {
  items: ItemSpec[];
  method: ScaleMethod;
  share: number;
}

const itemSpec = fc.record({
  weights: fc.uniqueArray(fc.integer({ min: -5, max: 10 }), { minLength: 2, maxLength: 5 }),
  hasDecline: fc.boolean(),
});
const defSpec = fc.record({
  items: fc.array(itemSpec, { minLength: 1, maxLength: 8 }),
  method: fc.constantFrom<ScaleMethod>('sum', 'mean'),
  share: fc.double({ min: 0.05, max: 1, noNaN: true }),
});

function toItem(spec: ItemSpec, i: number, reverse = false): ItemDefinition {
  const lo = Math.min(...spec.weights);
  const hi = Math.max(...spec.weights);
  return {
    linkId: `i${i}`,
    text: `Item ${i}.`,
    type: 'choice',
    options: [
      ...spec.weights.map((w, k) => ({
        code: `o${k}`,
        display: `Option ${k}`,
        weight: reverse ? lo + hi - w : w,
      })),
      ...(spec.hasDecline ? [{ code: 'x', display: 'Prefer not to answer', declines: true }] : []),
    ],
  };
}

function build(
  spec: DefSpec,
  opts: { reverse?: boolean; before?: ItemDefinition[]; follow?: Set<number> } = {},
): InstrumentDefinition {
  const items = spec.items.map((s, i) => {
    const item = toItem(s, i, opts.reverse);
    if (opts.follow?.has(i)) item.enableWhen = [{ question: 'gate', operator: '=', answer: 'yes' }];
    return item;
  });
  const ids = items.map((i) => i.linkId);
  return {
    id: 'prop',
    key: 'prop',
    version: 1,
    title: 'Property',
    description: '',
    licence: 'Test',
    validated: false,
    validationNote: 'Test only.',
    sections: [
      {
        key: 'main',
        title: 'Main',
        intro: '',
        whyWeAsk: '',
        items: [...(opts.before ?? []), ...items],
      },
    ],
    scales: [
      { key: 's', title: 'S', items: ids, method: spec.method, minAnsweredShare: spec.share },
    ],
    total: {
      key: 'total',
      title: 'Total',
      items: ids,
      method: spec.method === 'sum' ? 'mean' : 'sum',
      minAnsweredShare: spec.share,
    },
    criticalItems: ids.map((linkId, i) => ({
      linkId,
      condition: { operator: '>', value: Math.min(...(spec.items[i] as ItemSpec).weights) },
      severity: 'check-in',
      message: `Check ${linkId}.`,
      declinedCountsAsPositive: true,
    })),
  };
}

/** One answer per item: unanswered, declined (explicitly or via the option) or an option. */
function answersFor(spec: DefSpec): fc.Arbitrary<Answers> {
  return fc
    .tuple(
      ...spec.items.map((s) =>
        fc.oneof(
          fc.constant(undefined),
          fc.constant({ declined: true as const }),
          ...(s.hasDecline ? [fc.constant({ value: 'x' })] : []),
          fc.integer({ min: 0, max: s.weights.length - 1 }).map((k) => ({ value: `o${k}` })),
        ),
      ),
    )
    .map((list) => {
      const answers: Answers = {};
      list.forEach((a, i) => {
        if (a) answers[`i${i}`] = a;
      });
      return answers;
    });
}

const withAnswers = defSpec.chain((spec) => fc.tuple(fc.constant(spec), answersFor(spec)));
const TOLERANCE = 0.005 + 1e-9;

const ranges = (spec: DefSpec) =>
  spec.items.map((s) => ({ min: Math.min(...s.weights), max: Math.max(...s.weights) }));
function bounds(spec: DefSpec, method: ScaleMethod) {
  const r = ranges(spec);
  return method === 'sum'
    ? { lo: r.reduce((a, x) => a + x.min, 0), hi: r.reduce((a, x) => a + x.max, 0) }
    : { lo: Math.min(...r.map((x) => x.min)), hi: Math.max(...r.map((x) => x.max)) };
}

const scoresOnly = (r: ScoreResult) => ({ scales: r.scales, total: r.total });

describe('score properties', () => {
  it('keeps mean scores within [lowest weight, highest weight] and sum scores within [sum of minimums, sum of maximums]', () => {
    fc.assert(
      fc.property(withAnswers, ([spec, answers]) => {
        const r = score(build(spec), answers);
        for (const s of [r.scales[0]!, r.total!]) {
          const method: ScaleMethod =
            s.key === 's' ? spec.method : spec.method === 'sum' ? 'mean' : 'sum';
          const { lo, hi } = bounds(spec, method);
          if (s.score !== null) {
            expect(s.score).toBeGreaterThanOrEqual(lo - TOLERANCE);
            expect(s.score).toBeLessThanOrEqual(hi + TOLERANCE);
          }
          expect(s.answered + s.missing).toBe(spec.items.length);
          // Null exactly when too few items were answered.
          expect(s.score === null).toBe(
            s.answered === 0 || s.answered / s.itemCount < spec.share - 1e-9,
          );
        }
      }),
    );
  });

  it('equals the plain mean and the plain sum when every item is answered', () => {
    const full = defSpec.chain((spec) =>
      fc.tuple(
        fc.constant(spec),
        fc.tuple(...spec.items.map((s) => fc.integer({ min: 0, max: s.weights.length - 1 }))),
      ),
    );
    fc.assert(
      fc.property(full, ([spec, picks]) => {
        const answers: Answers = Object.fromEntries(
          picks.map((k, i) => [`i${i}`, { value: `o${k}` }]),
        );
        const points = picks.map((k, i) => (spec.items[i] as ItemSpec).weights[k] as number);
        const sum = points.reduce((a, b) => a + b, 0);
        const r = score(build(spec), answers);
        // Scale 's' uses spec.method and the total the other method.
        const [mean, plain] =
          spec.method === 'mean' ? [r.scales[0]!, r.total!] : [r.total!, r.scales[0]!];
        expect(Math.abs((mean.score as number) - sum / points.length)).toBeLessThanOrEqual(
          TOLERANCE,
        );
        expect(plain.score).toBe(sum);
      }),
    );
  });

  it('ignores answers to items that enableWhen hides, for scores and flags alike', () => {
    const gate: ItemDefinition = {
      linkId: 'gate',
      text: 'Gate.',
      type: 'choice',
      options: [
        { code: 'yes', display: 'Yes' },
        { code: 'no', display: 'No' },
      ],
    };
    const arb = defSpec.chain((spec) =>
      fc.tuple(
        fc.constant(spec),
        fc.subarray(spec.items.map((_, i) => i)),
        answersFor(spec),
        answersFor(spec),
        fc.constantFrom<Answers>({}, { gate: { value: 'no' } }, { gate: { declined: true } }),
      ),
    );
    fc.assert(
      fc.property(arb, ([spec, followIdx, base, extra, gateAnswer]) => {
        const follow = new Set(followIdx);
        const d = build(spec, { before: [gate], follow });
        const visible: Answers = { ...gateAnswer };
        for (const [id, a] of Object.entries(base))
          if (!follow.has(Number(id.slice(1)))) visible[id] = a;
        const hidden: Answers = {};
        for (const [id, a] of Object.entries(extra))
          if (follow.has(Number(id.slice(1)))) hidden[id] = a;
        const without = score(d, visible);
        const withHidden = score(d, { ...visible, ...hidden });
        expect(withHidden).toEqual(without);
        expect(without.disabledItems).toEqual(
          [...follow].sort((a, b) => a - b).map((i) => `i${i}`),
        );
      }),
    );
  });

  it('mirrors the score when weights are reversed (sum: total range minus score)', () => {
    fc.assert(
      fc.property(withAnswers, ([spec, answers]) => {
        const sumSpec = { ...spec, method: 'sum' as const };
        const r = score(build(sumSpec), answers).scales[0]!;
        const m = score(build(sumSpec, { reverse: true }), answers).scales[0]!;
        const { lo, hi } = bounds(spec, 'sum');
        expect(m.score === null).toBe(r.score === null);
        if (r.score !== null && m.score !== null) {
          expect(Math.abs(m.score - (lo + hi - r.score))).toBeLessThanOrEqual(0.01 + 1e-9);
        }
      }),
    );
  });

  it('mirrors 0-4 items: reversed = 4 - original for means, 4n - original for sums', () => {
    const zeroToFour = fc.record({
      items: fc.array(
        fc.record({ weights: fc.constant<number[]>([0, 1, 2, 3, 4]), hasDecline: fc.boolean() }),
        { minLength: 1, maxLength: 8 },
      ),
      method: fc.constantFrom<ScaleMethod>('sum', 'mean'),
      share: fc.double({ min: 0.05, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        zeroToFour.chain((spec) => fc.tuple(fc.constant(spec), answersFor(spec))),
        ([spec, answers]) => {
          const r = score(build(spec), answers).scales[0]!;
          const m = score(build(spec, { reverse: true }), answers).scales[0]!;
          const top = spec.method === 'mean' ? 4 : 4 * spec.items.length;
          if (r.score === null) expect(m.score).toBeNull();
          else
            expect(Math.abs((m.score as number) - (top - r.score))).toBeLessThanOrEqual(
              0.01 + 1e-9,
            );
          // With everything answered there is no missing-data rounding at all.
          const all: Answers = Object.fromEntries(
            spec.items.map((_, i) => [`i${i}`, { value: `o${i % 5}` }]),
          );
          const ra = score(build(spec), all).scales[0]!.score as number;
          const ma = score(build(spec, { reverse: true }), all).scales[0]!.score as number;
          if (spec.method === 'sum') expect(ma).toBe(top - ra);
          else expect(Math.abs(ma - (top - ra))).toBeLessThanOrEqual(0.01 + 1e-9);
        },
      ),
    );
  });

  it('is deterministic and does not depend on the order of answers', () => {
    fc.assert(
      fc.property(withAnswers, ([spec, answers]) => {
        const d = build(spec);
        const first = score(d, answers);
        expect(score(d, answers)).toEqual(first);
        const reversed = Object.fromEntries(Object.entries(answers).reverse());
        expect(JSON.stringify(score(d, reversed))).toBe(JSON.stringify(first));
      }),
    );
  });

  it('scores a declined item exactly like an unanswered one', () => {
    fc.assert(
      fc.property(withAnswers, ([spec, answers]) => {
        const d = build(spec);
        const dropped: Answers = {};
        for (const [id, a] of Object.entries(answers)) {
          const isDecline = 'declined' in a || a.value === 'x';
          if (!isDecline) dropped[id] = a;
        }
        const withDeclines = score(d, answers);
        const withoutDeclines = score(d, dropped);
        expect(scoresOnly(withDeclines)).toEqual(scoresOnly(withoutDeclines));
        expect(withDeclines.missingItems).toEqual(withoutDeclines.missingItems);
        // Declines still show, and can still raise flags (declinedCountsAsPositive).
        expect(
          withDeclines.flags.filter((f) => f.reason === 'declined').map((f) => f.linkId),
        ).toEqual(withDeclines.declinedItems);
      }),
    );
  });
});

/** An independent rounding of n/d (BigInt) half away from zero to 2 decimals, as a string. */
function roundRational(n: bigint, d: bigint): string {
  const neg = n < 0n !== d < 0n && n !== 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const hundredths = (an * 100n * 2n + ad) / (2n * ad); // floor(x*100 + 1/2)
  const text = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return neg && hundredths !== 0n ? `-${text}` : text;
}

/** A one-item-per-weight instrument whose weights are given in thousandths. */
function thousandths(weights: number[], method: ScaleMethod, extra = 0): InstrumentDefinition {
  const items: ItemDefinition[] = weights.map((w, i) => ({
    linkId: `i${i}`,
    text: `Item ${i}.`,
    type: 'choice',
    options: [
      { code: 'pick', display: 'Pick', weight: w / 1000 },
      { code: 'other', display: 'Other', weight: (w + 1000 + extra) / 1000 },
    ],
  }));
  return {
    id: 'ties',
    key: 'ties',
    version: 1,
    title: 'Ties',
    description: '',
    licence: 'Test',
    validated: false,
    validationNote: 'Test only.',
    sections: [{ key: 'main', title: 'Main', intro: '', whyWeAsk: '', items }],
    scales: [
      {
        key: 's',
        title: 'S',
        items: items.map((i) => i.linkId),
        method,
        minAnsweredShare: 0.01,
      },
    ],
    criticalItems: [],
  };
}
const pickAll = (n: number): Answers =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`i${i}`, { value: 'pick' }]));

describe('score: exact decimal arithmetic at exact halves (half away from zero)', () => {
  it.each([
    // Binary floating point gives 18.424999999999997 for (18.4 + 18.45) / 2.
    [[18400, 18450], 'mean', 18.43],
    [[-18400, -18450], 'mean', -18.43],
    [[1005], 'mean', 1.01],
    [[2675], 'sum', 2.68],
    [[1, 2, 2], 'sum', 0.01],
    [[-5], 'sum', -0.01],
    [[125, 0], 'mean', 0.06],
    [[10100, 8325], 'sum', 18.43],
  ] as const)('%j (%s) scores %d', (weights, method, expected) => {
    const r = score(thousandths([...weights], method), pickAll(weights.length));
    expect(r.scales[0]!.score).toBe(expected);
  });

  it('a prorated sum that is exactly x.xx5 rounds away from zero', () => {
    // Items range over [1, 4], [2.085, 5.085] and [0, 3]; both answers sit at their minimum, so
    // the missing item is filled at its minimum too: 1 + 2.085 + 0 = 3.085 exactly.
    const d = thousandths([1000, 2085, 0], 'sum', 2000);
    const answers = { i0: { value: 'pick' }, i1: { value: 'pick' } };
    expect(score(d, answers).scales[0]!.score).toBe(3.09);
  });

  it('agrees with exact rational rounding on random means and sums of decimal weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -99_999, max: 99_999 }), { minLength: 1, maxLength: 9 }),
        fc.constantFrom<ScaleMethod>('mean', 'sum'),
        (weights, method) => {
          const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
          const d = method === 'mean' ? BigInt(weights.length) * 1000n : 1000n;
          const r = score(thousandths(weights, method), pickAll(weights.length));
          expect(r.scales[0]!.score!.toFixed(2)).toBe(roundRational(sum, d));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees at every exact tie of a two-item mean', () => {
    // (10a + 10a + 10) / 2 = 10a + 5 thousandths: always exactly halfway between hundredths.
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 50_000 }), (a) => {
        const weights = [a * 10, a * 10 + 10];
        const sum = BigInt(weights[0]! + weights[1]!);
        const r = score(thousandths(weights, 'mean'), pickAll(2));
        expect(r.scales[0]!.score!.toFixed(2)).toBe(roundRational(sum, 2000n));
      }),
      { numRuns: 300 },
    );
  });
});
