import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { PAPA, RAO } from './sources.js';

export const fearOfMistakes: ModuleContent = {
  slug: 'fear-of-mistakes',
  version: 1,
  title: 'When Mistakes Feel Dangerous',
  summary:
    'For some people, even a small error brings a wave of fear or shame. This module explains why and offers a gentle way to practice being imperfect.',
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
        "If mistakes once led to real harm, like yelling, punishment, or losing someone's warmth, your body learned to treat them as danger. Your alarm still goes off as if the old stakes were true. It is trying to protect you.",
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
        'Part of healing is learning, in your body, that mistakes can be survived. That learning does not come from being told. It comes from practice, in small and safe doses.',
        'Each time you make a small mistake and nothing terrible happens, you give your nervous system new proof. Each time someone stays warm after you slip, the old lesson loosens a little. Making peace with mistakes is a big part of healing.',
      ),
    },
  ],
  exercise: {
    title: 'A small mistake on purpose',
    intro:
      'This exercise may feel strange at first. That is part of the point. Pick something low-stakes, and go at your own pace.',
    steps: [
      'Choose one tiny, harmless flaw to allow this week. For example, send a text with a small typo, leave one dish in the sink, or wear socks that do not match.',
      'Before you do it, notice how uneasy you feel. Jot down a word or two about it.',
      'Do it, and then carry on with your day without fixing it.',
      'An hour later, check in. How uneasy do you feel now? Did anything bad happen?',
      'Write one sentence about what you learned.',
      'If it felt like too much, choose an even smaller step next time. Trying is what counts.',
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
  furtherReading: [PAPA, RAO],
};
