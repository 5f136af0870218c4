import type { Answers, InstrumentDefinition } from './definition.js';
import { PERFECTIONISM_PATTERNS_CHECK as PPC } from './perfectionism-patterns-check.js';
import { readabilityStats } from './readability.js';
import { enabledItemIds, score } from './score.js';
import { validateDefinition } from './validate.js';
import { goldStars } from '../psychoeducation/tone.js';

const DOMAINS = [
  'all-or-nothing',
  'fear-of-mistakes',
  'dwelling-on-flaws',
  'procrastination',
  'accepting-praise',
  'self-criticism',
  'people-pleasing',
  'body-stress',
  'closeness',
];
const section = (key: string) => PPC.sections.find((s) => s.key === key)!;
const scale = (key: string) => PPC.scales.find((s) => s.key === key)!;
const domainItems = DOMAINS.flatMap((d) => section(d).items.map((i) => i.linkId));

/** Everything a client reads: title, description, notes, intros and items (not option labels, which repeat). */
function clientText(def: InstrumentDefinition): string[] {
  return [
    def.title,
    def.description,
    def.validationNote,
    ...def.sections.flatMap((s) => [
      s.title,
      s.intro,
      s.whyWeAsk,
      ...(s.contentNotice ? [s.contentNotice] : []),
      ...s.items.map((i) => i.text),
    ]),
  ];
}

describe('PERFECTIONISM_PATTERNS_CHECK', () => {
  it('is a valid, deep-frozen, not validated instrument', () => {
    expect(validateDefinition(PPC)).toBe(PPC);
    expect(PPC).toMatchObject({
      id: 'attune-perfectionism-patterns-check-2',
      key: 'perfectionism-patterns-check',
      version: 2,
      validated: false,
    });
    expect(PPC.validationNote).toBe(
      'Not validated. For discussion with your therapist and for choosing reading, not for diagnosis.',
    );
    expect(Object.isFrozen(PPC)).toBe(true);
    expect(Object.isFrozen(PPC.sections[0]!.items[0]!.options![0])).toBe(true);
  });

  it('has one section per sign, then the attachment lens, origins and safety', () => {
    expect(PPC.sections.map((s) => s.key)).toEqual([
      ...DOMAINS,
      'attachment-lens',
      'origins',
      'safety',
    ]);
  });

  it.each(DOMAINS)('domain %s: 2-3 frequency items and a banded mean scale', (key) => {
    const s = section(key);
    expect(s.items.length).toBeGreaterThanOrEqual(2);
    expect(s.items.length).toBeLessThanOrEqual(3);
    // Body stress names several kinds of symptom, so it gets the full three items.
    if (key === 'body-stress') expect(s.items).toHaveLength(3);
    for (const item of s.items) {
      expect(item.type).toBe('choice');
      expect(item.options).toEqual([
        { code: 'never', display: 'Never', weight: 0 },
        { code: 'rarely', display: 'Rarely', weight: 1 },
        { code: 'sometimes', display: 'Sometimes', weight: 2 },
        { code: 'often', display: 'Often', weight: 3 },
        { code: 'almost-always', display: 'Almost always', weight: 4 },
        { code: 'decline', display: 'Prefer not to answer', declines: true },
      ]);
    }
    expect(scale(key)).toMatchObject({
      items: s.items.map((i) => i.linkId),
      method: 'mean',
      minAnsweredShare: 0.5,
      domainTag: key,
      bands: [
        { min: 0, max: 1.49, label: 'few signs', severity: 'none' },
        { min: 1.5, max: 2.49, label: 'some signs', severity: 'mild' },
        { min: 2.5, max: 4, label: 'many signs', severity: 'moderate' },
      ],
    });
    expect(scale(key).context).toBeUndefined();
  });

  it('totals every domain item and nothing else', () => {
    expect(PPC.total).toMatchObject({
      key: 'total',
      method: 'mean',
      minAnsweredShare: 0.5,
      items: domainItems,
    });
    expect(domainItems).toHaveLength(27);
  });

  it('keeps the attachment lens as context outside the total', () => {
    const avoidant = scale('attachment-avoidant');
    const anxious = scale('attachment-anxious');
    expect(avoidant).toMatchObject({ context: true, method: 'mean', minAnsweredShare: 0.5 });
    expect(anxious).toMatchObject({ context: true, method: 'mean', minAnsweredShare: 0.5 });
    expect([...avoidant.items, ...anxious.items].sort()).toEqual(
      section('attachment-lens')
        .items.map((i) => i.linkId)
        .sort(),
    );
    expect(avoidant.items.some((id) => PPC.total!.items.includes(id))).toBe(false);
    expect(anxious.items.some((id) => PPC.total!.items.includes(id))).toBe(false);
    expect(avoidant.title).toMatch(/context, not in total/);
  });

  it('gives every section a warm why-we-ask note and an intro', () => {
    for (const s of PPC.sections) {
      expect(s.whyWeAsk.length).toBeGreaterThan(40);
      expect(s.intro.length).toBeGreaterThan(10);
    }
  });

  it('carries a clinician note, kept out of client-facing text, that the signs are not evidence of trauma', () => {
    expect(PPC.clinicianNote).toMatch(/nine signs describe patterns/);
    expect(PPC.clinicianNote).toMatch(/not evidence that trauma occurred/);
    expect(clientText(PPC).join('\n')).not.toContain(PPC.clinicianNote!);
  });

  it('fits people with or without a job and calls the harsh voice the inner critic', () => {
    const items = PPC.sections.flatMap((s) => s.items.map((i) => i.text));
    expect(items.filter((t) => /\bmy (work|job)\b/i.test(t))).toEqual([]);
    expect(items.filter((t) => /voice in my head/i.test(t))).toEqual([]);
    expect(section('self-criticism').items[0]!.text).toBe(
      'My inner critic was harsh and unkind to me.',
    );
  });

  it('speaks to the client with plain respect, not praise', () => {
    expect(goldStars(clientText(PPC).join('\n'))).toEqual([]);
  });

  it('uses no diagnostic or clinical labels in client-facing text', () => {
    const text = clientText(PPC).join('\n');
    expect(text).not.toMatch(
      /\b(disorder|ptsd|patient|symptoms?|trauma|depress\w*|score|severe|abnormal)\b/i,
    );
  });

  describe('reading level', () => {
    const stats = readabilityStats(clientText(PPC).join('\n'));

    it('is grade 8 or lower for all client-facing text together', () => {
      expect(stats.words).toBeGreaterThan(800);
      console.log(
        `Perfectionism Patterns Check: ${stats.words} words, ${stats.sentences} sentences, FK grade ${stats.grade}`,
      );
      expect(stats.grade).toBeLessThanOrEqual(8);
    });

    it.each(PPC.sections.map((s) => s.key))('section %s on its own is grade 8 or lower', (key) => {
      const s = section(key);
      const text = [
        s.title,
        s.intro,
        s.whyWeAsk,
        s.contentNotice ?? '',
        ...s.items.map((i) => i.text),
      ].join('\n');
      expect(readabilityStats(text).grade).toBeLessThanOrEqual(8);
    });
  });

  describe('scoring', () => {
    const answers = (pairs: Record<string, string>): Answers =>
      Object.fromEntries(Object.entries(pairs).map(([id, code]) => [id, { value: code }]));

    it('scores a domain as the mean of its answered items', () => {
      const r = score(
        PPC,
        answers({
          'all-or-nothing-1': 'often',
          'all-or-nothing-2': 'often',
          'all-or-nothing-3': 'sometimes',
        }),
      );
      expect(r.scales[0]).toMatchObject({
        key: 'all-or-nothing',
        score: 2.67,
        band: { label: 'many signs', severity: 'moderate' },
      });
      const two = score(
        PPC,
        answers({ 'all-or-nothing-1': 'rarely', 'all-or-nothing-3': 'sometimes' }),
      );
      expect(two.scales[0]).toMatchObject({
        score: 1.5,
        answered: 2,
        missing: 1,
        band: { label: 'some signs' },
      });
      const one = score(
        PPC,
        answers({ 'all-or-nothing-1': 'almost-always', 'all-or-nothing-2': 'decline' }),
      );
      expect(one.scales[0]).toMatchObject({ score: null, answered: 1, missing: 2, band: null });
    });

    it('scores body stress from two of its three items, and not from one', () => {
      const two = score(PPC, answers({ 'body-stress-1': 'never', 'body-stress-3': 'often' }));
      expect(two.scales.find((s) => s.key === 'body-stress')).toMatchObject({
        score: 1.5,
        answered: 2,
        missing: 1,
        band: { label: 'some signs' },
      });
      const one = score(PPC, answers({ 'body-stress-1': 'never' }));
      expect(one.scales.find((s) => s.key === 'body-stress')).toMatchObject({
        score: null,
        band: null,
      });
    });

    it('computes the total over the nine domains only', () => {
      const all: Answers = Object.fromEntries(domainItems.map((id) => [id, { value: 'often' }]));
      for (const id of [
        ...scale('attachment-avoidant').items,
        ...scale('attachment-anxious').items,
      ])
        all[id] = { value: 'never' };
      const r = score(PPC, all);
      expect(r.total).toMatchObject({
        score: 3,
        answered: 27,
        itemCount: 27,
        band: { label: 'many signs' },
      });
      expect(r.scales.find((s) => s.key === 'attachment-avoidant')).toMatchObject({
        score: 0,
        context: true,
        band: null,
      });
      expect(r.missingItems).toEqual(['safety-self-harm']);
    });

    it('shows the origins follow-up only after "sometimes" or "often"', () => {
      const shown = (code: string) =>
        enabledItemIds(PPC, answers({ 'origins-approval': code })).includes('origins-more');
      expect(shown('sometimes')).toBe(true);
      expect(shown('often')).toBe(true);
      expect(shown('no')).toBe(false);
      expect(shown('not-sure')).toBe(false);
      expect(shown('decline')).toBe(false);
    });
  });

  describe('safety item', () => {
    const s = section('safety');
    const SAFETY = 'safety-self-harm';
    const NOW = 'safety-right-now';
    const critical = PPC.criticalItems[0]!;

    it('sits behind a notice that says what is asked, that declining brings a check-in, that answers are not watched around the clock, and how to get help now', () => {
      expect(s.contentNotice).toMatch(/thoughts of death or of hurting yourself/);
      expect(s.contentNotice).toMatch(/Prefer not to answer/);
      expect(s.contentNotice).toMatch(/therapist will check in/);
      expect(s.contentNotice).toMatch(/No one watches these answers day and night/);
      expect(s.contentNotice).toMatch(/988/);
      expect(s.contentNotice).toMatch(/911/);
    });

    it('asks about death wishes, suicidal thoughts and self-harm, and must be answered (declining is an answer)', () => {
      expect(s.items.map((i) => i.linkId)).toEqual([SAFETY, NOW]);
      const item = s.items[0]!;
      expect(item).toMatchObject({ linkId: SAFETY, required: true });
      expect(item.text).toMatch(/better off dead/);
      expect(item.text).toMatch(/ending your life/);
      expect(item.text).toMatch(/hurting yourself/);
      expect(item.options!.some((o) => o.declines)).toBe(true);
    });

    it('shows the "right now" follow-up only after an answer above "Never"', () => {
      const shown = (code: string) =>
        enabledItemIds(PPC, { [SAFETY]: { value: code } }).includes(NOW);
      expect(shown('never')).toBe(false);
      expect(shown('decline')).toBe(false);
      for (const code of ['rarely', 'sometimes', 'often', 'almost-always'])
        expect(shown(code)).toBe(true);
      expect(enabledItemIds(PPC, {}).includes(NOW)).toBe(false);
    });

    it('raises no flag for "Never"', () => {
      expect(score(PPC, { [SAFETY]: { value: 'never' } }).flags).toEqual([]);
    });

    it.each([
      ['rarely', 1],
      ['sometimes', 2],
      ['often', 3],
      ['almost-always', 4],
    ])('raises an URGENT flag for "%s"', (code, rank) => {
      expect(score(PPC, { [SAFETY]: { value: code } }).flags).toEqual([
        { linkId: SAFETY, severity: 'urgent', message: critical.message, reason: 'answered', rank },
      ]);
    });

    it('raises IMMEDIATE when the thoughts are there right now', () => {
      const r = score(PPC, { [SAFETY]: { value: 'rarely' }, [NOW]: { value: 'yes' } });
      expect(r.flags).toEqual([
        {
          linkId: SAFETY,
          severity: 'immediate',
          message: critical.followUp!.message,
          reason: 'answered',
          rank: 1,
          rightNow: true,
        },
      ]);
      for (const now of [{ value: 'no' }, { declined: true as const }]) {
        expect(score(PPC, { [SAFETY]: { value: 'often' }, [NOW]: now }).flags[0]?.severity).toBe(
          'urgent',
        );
      }
    });

    it('raises a CHECK-IN with its own wording when declined, either way', () => {
      const expected = [
        {
          linkId: SAFETY,
          severity: 'check-in',
          message: critical.declinedMessage,
          reason: 'declined',
          rank: 0,
        },
      ];
      expect(score(PPC, { [SAFETY]: { value: 'decline' } }).flags).toEqual(expected);
      expect(score(PPC, { [SAFETY]: { declined: true } }).flags).toEqual(expected);
      expect(critical.declinedMessage).not.toEqual(critical.message);
    });

    it('records "safety question not answered" and a CHECK-IN when sent blank', () => {
      const r = score(PPC, {}, { submitted: true });
      expect(r.unansweredCritical).toEqual([SAFETY]);
      expect(r.flags).toEqual([
        {
          linkId: SAFETY,
          severity: 'check-in',
          message: critical.unansweredMessage,
          reason: 'unanswered',
          rank: 0,
        },
      ]);
      expect(critical.unansweredMessage).toMatch(/^Safety question not answered/);
      expect(score(PPC, {}).flags).toEqual([]);
    });
  });
});
