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
      severity: 'review',
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
