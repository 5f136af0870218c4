import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { ATTACHMENT } from './sources.js';

export const twoAttachmentPaths: ModuleContent = {
  slug: 'two-attachment-paths',
  version: 1,
  title: 'Pulling Away or Holding On: Two Paths to Perfectionism',
  summary:
    'Early bonds can shape the push to be perfect in two different ways: one leans toward needing no one, and the other toward a fear of being left.',
  readingMinutes: 3,
  signTags: ['attachment-avoidant', 'attachment-anxious', 'closeness'],
  sections: [
    {
      heading: 'A way to hold on to love',
      body: md(
        'Many therapists see the push to be perfect as more than a habit or a trait. They see it as a way a child learned to keep love and safety when those felt like they came with conditions. How a child adapted often depends on what the family seemed to ask of them.',
        'Two common paths are described below. You might see yourself in one, in both, or in neither. These are not labels. They are ways of making sense of patterns.',
      ),
    },
    {
      heading: 'The pulling-away path',
      body: md(
        'Some children learned that their feelings and needs were not welcome. Warmth was there, but with quiet rules: be strong, be no trouble, keep your needs small. The child learned to handle feelings alone and to show only their capable side.',
        "As adults, people on this path may feel that being capable is the price of closeness. The thinking goes: if I am good enough, I won't need anyone, and if I don't need anyone, no one can turn me away. Being perfect becomes a kind of armor.",
        'From the outside, this path often looks like success. Inside, it can feel lonely, because no one is allowed to see the mistakes, needs, or limits.',
      ),
    },
    {
      heading: 'The holding-on path',
      body: md(
        "Other children learned that closeness could slip away at any time. They became very alert to signs of how the bond was doing. In adult life, that alertness can turn toward how well you perform. The hope is: if I do everything right, I won't be left.",
        "People on this path are often deeply tuned in to how others react to their work. This is not vanity. It is a watchfulness that learned to track any hint of distance. Feedback may land not as “this part needs work” but as “they don't want me around.” So a small mistake can feel like a big threat to the relationship.",
      ),
    },
    {
      heading: 'What both paths share',
      body: md(
        "Both paths grew from a child's wise effort to hold on to love. Both tie worth to doing well. And both can make it hard to rest, to enjoy success, or to let others see the real you.",
        'The hopeful part is that patterns learned in relationships can shift in relationships. Steady, caring connection, with a partner, a friend, or a therapist, can slowly teach that you are valued for who you are.',
      ),
    },
  ],
  exercise: {
    title: 'Noticing your pull',
    intro:
      'This week, pay gentle attention to what you do when you feel unsure of yourself around others. There are no right answers.',
    steps: [
      'Pick one or two moments this week when you made a mistake or got feedback.',
      'Ask yourself: did I want to pull back and handle it alone, or reach out for comfort? Maybe a bit of both?',
      'Write down what you noticed in a sentence or two.',
      'Think about what you needed in that moment. Was it space, comfort, or a sign that the other person was still there?',
      'If it feels right, share what you noticed with your therapist or someone you trust.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'which-pull',
      text: 'When things go wrong, do you tend to pull away, hold on tighter, or something else?',
    },
    {
      id: 'valued-for-who-you-are',
      text: 'What would help you feel valued for who you are, and not only for what you do?',
    },
  ],
  furtherReading: [ATTACHMENT],
};
