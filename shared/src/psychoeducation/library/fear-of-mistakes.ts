import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { PAPA, RAO } from './sources.js';

export const fearOfMistakes: ModuleContent = {
  slug: 'fear-of-mistakes',
  version: 2,
  title: 'When Mistakes Feel Dangerous',
  summary:
    'For some people, even a small error brings a wave of fear or shame. This module looks at why that can happen and offers a gentle way to practice being imperfect.',
  readingMinutes: 3,
  signTags: ['fear-of-mistakes'],
  sections: [
    {
      heading: 'More than a normal worry',
      body: md(
        'Most people dislike making mistakes. But you might notice that a small error hits you much harder than it seems to hit others. A typo, a missed call, or a wrong answer can bring a wave of dread or shame. Your face gets hot. Your stomach drops. You replay it for hours.',
        'When the feeling is far bigger than the mistake, it often means something older is being stirred up.',
      ),
    },
    {
      heading: 'Why mistakes can feel so big',
      body: md(
        "If mistakes once led to real harm, like yelling, punishment, or losing someone's warmth, your body may have learned to treat them as danger. The alarm can still go off as if the old stakes were true. In its way, it is trying to protect you.",
        'For people who learned that love depended on doing well, a mistake can also feel like a threat to closeness. It may seem less like “I got this wrong” and more like “they will not want me now.”',
      ),
    },
    {
      heading: 'What fear of mistakes can cost',
      body: md(
        'Living on guard against errors takes a lot of energy. You might check your work many times, avoid new things, or stay quiet so you cannot say the wrong thing. You might turn down chances to learn because you might not be good at first.',
        'Mistakes are also how people learn and grow. When they feel too risky, growth slows down.',
      ),
    },
    {
      heading: 'Learning that mistakes can be lived through',
      body: md(
        'Part of healing is learning, in your body, that mistakes can be survived. For many people, that learning does not come from being told. It comes from practice, in small and safe doses.',
        'Many therapists think that each time you make a small mistake and nothing terrible happens, the old lesson loosens a little. The same may be true each time someone stays warm after you slip.',
      ),
    },
  ],
  exercise: {
    title: 'A small mistake on purpose',
    intro:
      'This exercise may feel strange at first. That is part of the point. Pick something low-stakes, and go at your own pace. If your unease climbs very high, fix the flaw, take a few slow breaths, and stop for today.',
    steps: [
      'Choose one tiny, harmless flaw to allow this week. For example, send a text with a small typo, leave one dish in the sink, or wear socks that do not match.',
      'Before you do it, rate your unease from 0 to 10 and jot the number down.',
      'Do it, and then carry on with your day without fixing it.',
      'An hour later, rate your unease again. Did anything bad happen?',
      'Write one sentence about what you learned.',
      'If it felt like too much, choose an even smaller step next time, or leave this exercise for now.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'mistake-messages',
      text: 'What did you learn as a child about what happens after a mistake?',
    },
    {
      id: 'kind-response',
      text: 'How would you like to respond to yourself the next time you slip up?',
    },
  ],
  nextSteps: [
    'Choose a second tiny flaw to allow later this week, and compare your before and after numbers.',
    'Tell your therapist about one mistake this week that felt bigger than it was.',
  ],
  furtherReading: [PAPA, RAO],
};
