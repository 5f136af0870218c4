import { fromFhirQuestionnaire } from './fhir.js';
import { PERFECTIONISM_PATTERNS_CHECK as PPC } from './perfectionism-patterns-check.js';
import {
  safetySignals,
  toClientInstrumentView,
  unansweredSafetyItems,
  visibleItemIds,
} from './client-view.js';
import { handbookFixture, PHQ9_FILE, PHQ9_TOTAL } from '../../testing/handbook-fixtures.js';

/** Every key anywhere in a JSON value. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  return out;
}

describe('toClientInstrumentView', () => {
  const view = toClientInstrumentView(PPC);

  it('keeps the questions and leaves out scales, bands, weights, codes and clinician messages', () => {
    const keys = keysOf(view);
    for (const k of [
      'scales',
      'total',
      'bands',
      'weight',
      'message',
      'declinedMessage',
      'unansweredMessage',
      'severity',
      'validationNote',
      'domainTag',
      'criticalItems',
    ])
      expect(keys.has(k)).toBe(false);
    expect(view.sections.map((s) => s.key)).toEqual(PPC.sections.map((s) => s.key));
    expect(JSON.stringify(view)).not.toMatch(/Review their safety|few signs|many signs/);
  });

  it('turns the safety condition into the option codes that bring up crisis help', () => {
    expect(view.safetyItems).toEqual([
      {
        linkId: 'safety-self-harm',
        answerCodes: ['rarely', 'sometimes', 'often', 'almost-always'],
        followUp: { linkId: 'safety-right-now', answerCodes: ['yes'] },
      },
    ]);
  });

  it('gives the runner the same safety outcomes as the engine', () => {
    expect(safetySignals(view, { 'safety-self-harm': { value: 'never' } })).toEqual([]);
    expect(safetySignals(view, { 'safety-self-harm': { value: 'often' } })).toEqual([
      { linkId: 'safety-self-harm', reason: 'answered', rightNow: false },
    ]);
    expect(
      safetySignals(view, {
        'safety-self-harm': { value: 'rarely' },
        'safety-right-now': { value: 'yes' },
      }),
    ).toEqual([{ linkId: 'safety-self-harm', reason: 'answered', rightNow: true }]);
    expect(safetySignals(view, { 'safety-self-harm': { declined: true } })).toEqual([
      { linkId: 'safety-self-harm', reason: 'declined', rightNow: false },
    ]);
    expect(unansweredSafetyItems(view, {})).toEqual(['safety-self-harm']);
    expect(unansweredSafetyItems(view, { 'safety-self-harm': { declined: true } })).toEqual([]);
    expect(visibleItemIds(view, { 'safety-self-harm': { value: 'often' } })).toContain(
      'safety-right-now',
    );
    expect(visibleItemIds(view, {})).not.toContain('safety-right-now');
  });

  it('leaves out calculated items of an imported Questionnaire', () => {
    const phq = toClientInstrumentView(fromFhirQuestionnaire(handbookFixture(PHQ9_FILE)));
    const ids = phq.sections.flatMap((s) => s.items.map((i) => i.linkId));
    expect(ids).toHaveLength(10);
    expect(ids).not.toContain(PHQ9_TOTAL);
    expect(phq.safetyItems[0]!.answerCodes).toEqual(['LA6569-3', 'LA6570-1', 'LA6571-9']);
    expect(keysOf(phq).has('code')).toBe(true); // option codes only
    expect(phq.sections[0]!.items.every((i) => !('code' in i))).toBe(true);
  });
});
