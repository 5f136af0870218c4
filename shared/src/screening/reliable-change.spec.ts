import type { InstrumentDefinition, ItemDefinition } from './definition.js';
import { ScreeningError } from './errors.js';
import {
  RELIABLE_CHANGE_CRITERION,
  reliableChange,
  reliableChangeIndex,
  standardErrorOfDifference,
} from './reliable-change.js';
import { score } from './score.js';

const num = (linkId: string): ItemDefinition => ({
  linkId,
  text: `${linkId}?`,
  type: 'integer',
  min: 0,
  max: 50,
});

const instrument: InstrumentDefinition = {
  id: 'rc',
  key: 'rc',
  version: 1,
  title: 'RC',
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
      items: [num('distress'), num('wellbeing'), num('plain')],
    },
  ],
  scales: [
    {
      key: 'distress',
      title: 'Distress',
      items: ['distress'],
      method: 'sum',
      minAnsweredShare: 1,
      jacobsonTruax: { sd: 5, reliability: 0.8 },
    },
    {
      key: 'wellbeing',
      title: 'Wellbeing',
      items: ['wellbeing'],
      method: 'sum',
      minAnsweredShare: 1,
      higherIsWorse: false,
      jacobsonTruax: { sd: 5, reliability: 0.8 },
    },
    { key: 'plain', title: 'Plain', items: ['plain'], method: 'sum', minAnsweredShare: 1 },
  ],
  total: {
    key: 'total',
    title: 'Total',
    items: ['distress', 'wellbeing', 'plain'],
    method: 'sum',
    minAnsweredShare: 1,
    jacobsonTruax: { sd: 1, reliability: 0.5 },
  },
  criticalItems: [],
};

const at = (distress?: number, wellbeing?: number, plain?: number) =>
  score(instrument, {
    ...(distress === undefined ? {} : { distress: { value: distress } }),
    ...(wellbeing === undefined ? {} : { wellbeing: { value: wellbeing } }),
    ...(plain === undefined ? {} : { plain: { value: plain } }),
  });

describe('Jacobson-Truax formulas', () => {
  it('computes SEdiff = sqrt(2 * (sd * sqrt(1 - r))^2)', () => {
    expect(standardErrorOfDifference({ sd: 5, reliability: 0.8 })).toBeCloseTo(3.1623, 4);
    expect(standardErrorOfDifference({ sd: 1, reliability: 0.5 })).toBeCloseTo(1, 10);
    expect(standardErrorOfDifference({ sd: 2, reliability: 0 })).toBeCloseTo(2 * Math.SQRT2, 10);
  });

  it('computes RC = (x2 - x1) / SEdiff', () => {
    expect(reliableChangeIndex(10, 17, { sd: 5, reliability: 0.8 })).toBeCloseTo(2.2136, 4);
    expect(reliableChangeIndex(17, 10, { sd: 5, reliability: 0.8 })).toBeCloseTo(-2.2136, 4);
    expect(RELIABLE_CHANGE_CRITERION).toBe(1.96);
  });
});

describe('reliableChange', () => {
  it('marks a rise of 7 (RC 2.21) on a higher-is-worse scale as reliable deterioration', () => {
    const r = reliableChange(instrument, at(10, 10, 10), at(17, 10, 10));
    expect(r.scales[0]).toEqual({
      key: 'distress',
      title: 'Distress',
      earlier: 10,
      later: 17,
      change: 7,
      rc: 2.21,
      reliable: true,
      direction: 'deterioration',
    });
  });

  it('marks a fall of 7 as reliable improvement', () => {
    const r = reliableChange(instrument, at(17, 10, 10), at(10, 10, 10));
    expect(r.scales[0]).toMatchObject({
      change: -7,
      rc: -2.21,
      reliable: true,
      direction: 'improvement',
    });
  });

  it('reads direction the other way round when higher is better', () => {
    const up = reliableChange(instrument, at(10, 10, 10), at(10, 17, 10));
    expect(up.scales[1]).toMatchObject({
      key: 'wellbeing',
      rc: 2.21,
      reliable: true,
      direction: 'improvement',
    });
    const down = reliableChange(instrument, at(10, 17, 10), at(10, 10, 10));
    expect(down.scales[1]).toMatchObject({ rc: -2.21, direction: 'deterioration' });
  });

  it('calls a change of 6 (RC 1.90) no reliable change', () => {
    const r = reliableChange(instrument, at(10, 10, 10), at(16, 10, 10));
    expect(r.scales[0]).toMatchObject({
      change: 6,
      rc: 1.9,
      reliable: false,
      direction: 'no reliable change',
    });
    expect(reliableChange(instrument, at(10, 10, 10), at(10, 10, 10)).scales[0]).toMatchObject({
      change: 0,
      rc: 0,
      direction: 'no reliable change',
    });
  });

  it('gives raw change only for a scale without constants', () => {
    const r = reliableChange(instrument, at(10, 10, 3), at(10, 10, 40));
    expect(r.scales[2]).toEqual({
      key: 'plain',
      title: 'Plain',
      earlier: 3,
      later: 40,
      change: 37,
      rc: null,
      reliable: false,
      direction: 'unknown',
    });
  });

  it('gives no change and unknown direction when a score is null', () => {
    const r = reliableChange(instrument, at(undefined, 10, 10), at(30, 10, 10));
    expect(r.scales[0]).toMatchObject({
      earlier: null,
      later: 30,
      change: null,
      rc: null,
      reliable: false,
      direction: 'unknown',
    });
    expect(r.total).toMatchObject({ earlier: null, later: 50, change: null, direction: 'unknown' });
  });

  it('compares the total with its own constants', () => {
    // SEdiff = 1, so the raw change is the RC.
    const r = reliableChange(instrument, at(10, 10, 10), at(11, 10, 11));
    expect(r.total).toMatchObject({
      key: 'total',
      earlier: 30,
      later: 32,
      change: 2,
      rc: 2,
      reliable: true,
      direction: 'deterioration',
    });
    const small = reliableChange(instrument, at(10, 10, 10), at(11, 10, 10));
    expect(small.total).toMatchObject({
      change: 1,
      rc: 1,
      reliable: false,
      direction: 'no reliable change',
    });
  });

  it('refuses results of another instrument', () => {
    const other = { ...at(1, 1, 1), instrumentKey: 'phq9' };
    expect(() => reliableChange(instrument, other, at(1, 1, 1))).toThrow(ScreeningError);
    expect(() => reliableChange(instrument, at(1, 1, 1), other)).toThrow(
      "The later result is for instrument 'phq9', not 'rc'",
    );
  });
});
