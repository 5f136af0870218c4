/**
 * The built-in screener. Every sentence was written for Attune from the ideas in the
 * project's clinical background reading (Papa, "Perfectionism as a Trauma Response";
 * "Attachment and Perfectionism"). It is not validated: it supports a conversation with
 * the therapist and the choice of reading, never a diagnosis.
 */
import type {
  AnswerOption,
  InstrumentDefinition,
  ItemDefinition,
  ScaleDefinition,
  ScoreBand,
  SectionDefinition,
} from './definition.js';

/** Past-two-weeks frequency, 0-4, plus "prefer not to answer" (counts as missing). */
const FREQUENCY: readonly AnswerOption[] = [
  { code: 'never', display: 'Never', weight: 0 },
  { code: 'rarely', display: 'Rarely', weight: 1 },
  { code: 'sometimes', display: 'Sometimes', weight: 2 },
  { code: 'often', display: 'Often', weight: 3 },
  { code: 'almost-always', display: 'Almost always', weight: 4 },
  { code: 'decline', display: 'Prefer not to answer', declines: true },
];

// Labels for clinicians; clients do not see scores.
const BANDS: readonly ScoreBand[] = [
  { min: 0, max: 1.49, label: 'few signs', severity: 'none' },
  { min: 1.5, max: 2.49, label: 'some signs', severity: 'mild' },
  { min: 2.5, max: 4, label: 'many signs', severity: 'moderate' },
];

const frequencyItem = (linkId: string, text: string): ItemDefinition => ({
  linkId,
  text,
  type: 'choice',
  options: FREQUENCY.map((o) => ({ ...o })),
});

interface Domain {
  key: string;
  /** Clinician-facing name of the sign. */
  scaleTitle: string;
  /** Client-facing section title. */
  title: string;
  intro: string;
  whyWeAsk: string;
  items: string[];
}

/** One domain per sign that perfectionism may be trauma-related. */
const DOMAINS: readonly Domain[] = [
  {
    key: 'all-or-nothing',
    scaleTitle: 'All-or-nothing thinking',
    title: 'All or nothing',
    intro: 'Think about the past two weeks. How often was each of these true for you?',
    whyWeAsk:
      'Some people see only two choices: perfect or failed. There is a lot of room in between. Knowing how often this shows up helps your therapist find reading that fits you.',
    items: [
      'If something was not perfect, it felt like a failure.',
      'One small slip made a whole day or task feel ruined.',
      'I saw how I did something as either great or awful, with nothing in between.',
    ],
  },
  {
    key: 'fear-of-mistakes',
    scaleTitle: 'Fear of mistakes',
    title: 'Worry about mistakes',
    intro: 'Over the past two weeks, how often did you notice these?',
    whyWeAsk:
      'Mistakes can feel scary if, at some point in your life, they seemed to put you at risk. This helps us see how much that fear is around for you now.',
    items: [
      'Just thinking about making a mistake made me tense.',
      'A small mistake left me feeling much more ashamed than it called for.',
      'I checked things I had done again and again so no one would find an error.',
    ],
  },
  {
    key: 'dwelling-on-flaws',
    scaleTitle: 'Dwelling on mistakes and flaws',
    title: 'Going over flaws',
    intro: 'Think back over the past two weeks. How often did these happen?',
    whyWeAsk:
      'Going over what went wrong can keep the mind busy long after the moment has passed. Your answers help your therapist know where to start.',
    items: [
      'I kept replaying my mistakes long after they happened.',
      'I noticed what was wrong with things I did more than what went well.',
      'My mind kept coming back to things I dislike about myself.',
    ],
  },
  {
    key: 'procrastination',
    scaleTitle: 'Procrastination from fear of imperfection',
    title: 'Putting things off',
    intro: 'In the past two weeks, how often was each of these true?',
    whyWeAsk:
      'Putting things off is not laziness. Often it is a way to avoid the fear of not doing well enough. Knowing this helps us offer kind and useful ideas.',
    items: [
      'I put off starting a task because I worried I would not do it well enough.',
      'I left things to the last minute because I could not get them just right.',
      'I held back from showing or handing in something because it did not feel ready yet.',
    ],
  },
  {
    key: 'accepting-praise',
    scaleTitle: 'Trouble accepting praise',
    title: 'Taking in kind words',
    intro: 'Over the past two weeks, how often was this true for you?',
    whyWeAsk:
      'Praise can be hard to take in when your worth has felt tied to doing well. This helps your therapist understand how kind words land for you.',
    items: [
      'When someone praised me, I brushed it off.',
      'Kind words made me feel like I had tricked people.',
      'I found it hard to believe the good things people said about me.',
    ],
  },
  {
    key: 'self-criticism',
    scaleTitle: 'Chronic self-criticism',
    title: 'Being hard on yourself',
    intro: 'Think about the past two weeks. How often did you notice these?',
    whyWeAsk:
      'Many people carry a harsh inner voice that once helped them stay safe. Noticing that voice is a first step toward making it softer.',
    items: [
      'My inner critic was harsh and unkind to me.',
      'I talked to myself in ways I would never talk to a friend.',
      'I was hard on myself even when things went fine.',
    ],
  },
  {
    key: 'people-pleasing',
    scaleTitle: 'People-pleasing',
    title: 'Putting others first',
    intro: 'In the past two weeks, how often did these happen?',
    whyWeAsk:
      'Caring about others is a strength. When their approval always comes before your own needs, it can wear you down. This helps us see the balance for you.',
    items: [
      'I said yes when I wanted to say no.',
      'Keeping others pleased with me came before my own needs.',
      'I found it hard to set limits with people.',
    ],
  },
  {
    key: 'body-stress',
    scaleTitle: 'Stress-related body symptoms',
    title: 'Stress in your body',
    intro: 'Over the past two weeks, how often did you have these?',
    whyWeAsk:
      'Pressure does not stay only in the mind. The body often feels it too. These questions do not check for any illness. They help your therapist see the whole picture.',
    items: [
      'Under pressure, I had headaches or tight, sore muscles.',
      'My body felt tense or on guard, even when I tried to rest.',
      'Under pressure, I had an upset stomach or other stomach trouble.',
    ],
  },
  {
    key: 'closeness',
    scaleTitle: 'Strain in closeness',
    title: 'Closeness with others',
    intro: 'Think about the people close to you over the past two weeks.',
    whyWeAsk:
      'Letting people see our rough edges can feel risky. This helps your therapist understand what being close to others is like for you.',
    items: [
      'I kept people at a distance so they would not see my flaws.',
      'It was hard to let someone close see me struggle.',
      'I worried people would like me less if they saw my mistakes.',
    ],
  },
];

const domainSections: SectionDefinition[] = DOMAINS.map((d) => ({
  key: d.key,
  title: d.title,
  intro: d.intro,
  whyWeAsk: d.whyWeAsk,
  items: d.items.map((text, i) => frequencyItem(`${d.key}-${i + 1}`, text)),
}));

const domainScales: ScaleDefinition[] = domainSections.map((s, i) => ({
  key: s.key,
  title: (DOMAINS[i] as Domain).scaleTitle,
  items: s.items.map((item) => item.linkId),
  method: 'mean',
  minAnsweredShare: 0.5,
  bands: BANDS.map((b) => ({ ...b })),
  domainTag: s.key,
  higherIsWorse: true,
}));

const AVOIDANT = ['attachment-avoidant-1', 'attachment-avoidant-2', 'attachment-avoidant-3'];
const ANXIOUS = ['attachment-anxious-1', 'attachment-anxious-2', 'attachment-anxious-3'];

const attachmentSection: SectionDefinition = {
  key: 'attachment-lens',
  title: 'Leaning on others',
  intro:
    'These questions are about how you relate to people you are close to. Think about the past two weeks. They are not added to the rest of this check-in.',
  whyWeAsk:
    'How we learned to count on others early in life can shape how we handle mistakes and closeness now. Your answers give your therapist helpful background.',
  items: [
    frequencyItem(
      AVOIDANT[0] as string,
      'I would rather handle things on my own than ask for help.',
    ),
    frequencyItem(AVOIDANT[1] as string, 'Needing other people made me feel uneasy.'),
    frequencyItem(AVOIDANT[2] as string, 'I kept my feelings to myself, even with people I trust.'),
    frequencyItem(ANXIOUS[0] as string, 'I worried that people close to me might leave.'),
    frequencyItem(
      ANXIOUS[1] as string,
      'I needed to hear again and again that things were okay between us.',
    ),
    frequencyItem(
      ANXIOUS[2] as string,
      'If someone seemed unhappy with what I did, I worried about where I stood with them.',
    ),
  ],
};

const originsSection: SectionDefinition = {
  key: 'origins',
  title: 'Growing up',
  contentNotice:
    'This part asks about your childhood. It is fully optional, so skip it if you like.',
  intro: 'One gentle question about the past. Answer only if it feels okay.',
  whyWeAsk:
    'High standards often begin as a way to stay close to the people who raised us. There is no blame here. This just helps your therapist understand your story.',
  items: [
    {
      linkId: 'origins-approval',
      text: 'When you were growing up, did love or approval seem to depend on how well you did?',
      type: 'choice',
      options: [
        { code: 'no', display: 'No' },
        { code: 'sometimes', display: 'Sometimes' },
        { code: 'often', display: 'Often' },
        { code: 'not-sure', display: 'I am not sure' },
        { code: 'decline', display: 'Prefer not to answer', declines: true },
      ],
    },
    {
      linkId: 'origins-more',
      text: 'If you like, you can share a little more here. Keep it as short as you want.',
      type: 'text',
      enableWhen: [
        { question: 'origins-approval', operator: '=', answer: 'sometimes' },
        { question: 'origins-approval', operator: '=', answer: 'often' },
      ],
      enableBehavior: 'any',
    },
  ],
};

const SAFETY_ITEM = 'safety-self-harm';
const SAFETY_NOW_ITEM = 'safety-right-now';

/**
 * The safety part. The notice is read before the question: it says what is asked, that
 * declining is fine and brings a check-in, that answers are not watched around the clock, and
 * where to get help now. A critical answer opens the "right now" follow-up.
 */
const safetySection: SectionDefinition = {
  key: 'safety',
  title: 'Your safety',
  contentNotice:
    'The next question asks about thoughts of death or of hurting yourself. You can answer it, or choose "Prefer not to answer". If you choose not to answer, that is okay. Your therapist will check in with you. No one watches these answers day and night. If you need help now, call or text 988 at any time, or call 911 if you are in danger.',
  intro: 'One question about the past two weeks. There may be one more after it.',
  whyWeAsk:
    'We ask everyone this question because your safety matters most. Your therapist reads your answers, but not right away, and not at night. If you need help now, call or text 988 at any time.',
  items: [
    {
      ...frequencyItem(
        SAFETY_ITEM,
        'In the past two weeks, how often have you had thoughts that you would be better off dead, thoughts of ending your life, or thoughts of hurting yourself?',
      ),
      // Required so the question is never skipped by accident; "Prefer not to answer" stays open.
      required: true,
    },
    {
      linkId: SAFETY_NOW_ITEM,
      text: 'Are you having any of these thoughts right now?',
      type: 'choice',
      options: [
        { code: 'yes', display: 'Yes' },
        { code: 'no', display: 'No' },
        { code: 'decline', display: 'Prefer not to answer', declines: true },
      ],
      // Shown only after an answer above "Never".
      enableWhen: ['rarely', 'sometimes', 'often', 'almost-always'].map((code) => ({
        question: SAFETY_ITEM,
        operator: '=' as const,
        answer: code,
      })),
      enableBehavior: 'any',
    },
  ],
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** linkIds of the items that the screener's total covers (all nine domains). */
const DOMAIN_ITEMS = domainSections.flatMap((s) => s.items.map((i) => i.linkId));

/**
 * Attune's built-in, not validated screener: nine domains, one per sign that perfectionism
 * may be trauma-related (three items each, 0-4 frequency over the past two weeks, mean score
 * when at least half are answered), an unscored attachment lens (avoidant and anxious context
 * scales, outside the total), one optional origins question, and one safety item: an answer
 * above "Never" raises an URGENT flag (IMMEDIATE when the "right now" follow-up is yes), a
 * decline or a blank at submit a CHECK-IN. Deep-frozen: clone before changing.
 */
export const PERFECTIONISM_PATTERNS_CHECK: InstrumentDefinition = deepFreeze({
  id: 'attune-perfectionism-patterns-check-2',
  key: 'perfectionism-patterns-check',
  // v2: the safety item covers death wishes and suicidal thoughts, with a "right now" follow-up;
  // items fit people without a job, "inner critic", three body-stress items, a clinician note.
  version: 2,
  title: 'Perfectionism Patterns Check',
  description:
    'A short check-in about how high standards show up in your life. There are no right or wrong answers. Answer what feels okay, skip what does not, and come back any time. Your therapist will go over it with you.',
  licence:
    'Copyright © Attune contributors. Written for Attune and shared under the same licence as Attune (GNU AGPL 3.0 or later).',
  validated: false,
  validationNote:
    'Not validated. For discussion with your therapist and for choosing reading, not for diagnosis.',
  clinicianNote:
    'The nine signs describe patterns of perfectionism that clinical writing links to trauma and attachment. They are not evidence that trauma occurred: high scores can have many other sources, and low scores do not rule trauma out. Ask about history directly, at the client’s pace, before drawing any conclusion.',
  sections: [...domainSections, attachmentSection, originsSection, safetySection],
  scales: [
    ...domainScales,
    {
      key: 'attachment-avoidant',
      title: 'Attachment lens: avoidant pathway (context, not in total)',
      items: AVOIDANT,
      method: 'mean',
      minAnsweredShare: 0.5,
      domainTag: 'attachment-avoidant',
      context: true,
    },
    {
      key: 'attachment-anxious',
      title: 'Attachment lens: anxious pathway (context, not in total)',
      items: ANXIOUS,
      method: 'mean',
      minAnsweredShare: 0.5,
      domainTag: 'attachment-anxious',
      context: true,
    },
  ],
  total: {
    key: 'total',
    title: 'All nine signs (mean)',
    items: DOMAIN_ITEMS,
    method: 'mean',
    minAnsweredShare: 0.5,
    bands: BANDS.map((b) => ({ ...b })),
    higherIsWorse: true,
  },
  criticalItems: [
    {
      linkId: SAFETY_ITEM,
      condition: { operator: '>', value: 0 },
      severity: 'urgent',
      message:
        'The client reported thoughts of being better off dead, of ending their life or of hurting themselves in the past two weeks. Review their safety with them promptly.',
      declinedMessage:
        'The client chose "Prefer not to answer" on the safety question (thoughts of death or self-harm). Check in with them about their safety.',
      declinedCountsAsPositive: true,
      unansweredMessage:
        'Safety question not answered: the client sent the screener without answering the question about thoughts of death or self-harm. Check in with them about their safety.',
      followUp: {
        linkId: SAFETY_NOW_ITEM,
        condition: { operator: '=', value: 'yes' },
        severity: 'immediate',
        message:
          "The client said they are having thoughts of death or self-harm right now. Contact them as soon as you can and follow your practice's crisis steps.",
      },
    },
  ],
} satisfies InstrumentDefinition);
