import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { ATTACHMENT, MAYO, PAPA } from './sources.js';

export const whenLoveFeltEarned: ModuleContent = {
  slug: 'when-love-felt-earned',
  version: 1,
  title: 'When Love Felt Like Something to Earn',
  summary:
    'The drive to be perfect often starts in childhood, when warmth seemed to depend on doing well. Seeing where it came from can make room for more kindness toward yourself.',
  readingMinutes: 3,
  signTags: ['general', 'people-pleasing', 'accepting-praise', 'self-criticism'],
  sections: [
    {
      heading: 'Two ways a child can learn about worth',
      body: md(
        'Some children get warmth simply because they exist. They are loved on good days and bad days, after wins and after mistakes. They may still want to do well. But their sense of worth has a floor under it that does not move.',
        'Other children learn that warmth comes with strings attached. Praise and closeness show up after a good grade, a tidy room, or a calm mood. Coolness or letdown shows up after a slip. No one has to say it out loud. The child takes in a lesson: *love has to be earned, and it can be lost.*',
      ),
    },
    {
      heading: 'The many ways to earn',
      body: md(
        "Every family has its own currency. A child might learn to be the top student, the helper, or the quiet one who never causes trouble. Some children become “the easy one” so the family feels less tense. Some take on adult jobs, like looking after a parent's feelings.",
        'No child sits down and decides to be a perfectionist. The pattern grows on its own, because it seems to work. Being perfect enough feels like the way to stay close and stay safe.',
      ),
    },
    {
      heading: 'This is not about blame',
      body: md(
        'Many parents who loved in this way were doing their best. They may have been under stress, or raised the same way themselves. Some homes were also shaped by harder things, such as neglect, harsh words, addiction, illness, or abuse. Not everyone who strives hard had a painful childhood. And not every painful childhood leads here.',
        'Looking at where the pattern came from is not about finding someone at fault. It is about seeing why it makes sense.',
      ),
    },
    {
      heading: 'How it can show up now',
      body: md(
        'You might notice some of these:',
        bullets(
          'Feeling that you are only as good as your last success.',
          'Finding it hard to rest, as if rest has to be earned.',
          'Brushing off praise, or waiting to be found out.',
          'Saying yes when you mean no, to keep others pleased.',
          'Being much harder on yourself than on anyone else.',
        ),
        'These habits once helped a young person get by. They deserve understanding, not blame.',
      ),
    },
    {
      heading: 'A new kind of experience',
      body: md(
        'Because this pattern was learned in relationships, it can also soften in relationships. Being accepted when you are tired, unsure, or wrong gives you new proof over time. That can happen with a partner, a friend, or a therapist.',
      ),
    },
  ],
  exercise: {
    title: 'Tracing the rules you learned',
    intro:
      'This is a gentle look back, not a deep dig. If it stirs up more than you want to hold right now, stop and come back another time, or bring it to your therapist.',
    steps: [
      'Find a quiet ten minutes and a piece of paper.',
      'Finish this sentence in a few ways: “Growing up, I felt most loved when I...”',
      'Then finish this one: “I worried people would pull away if I...”',
      'Look at what you wrote. Circle one rule that still shapes your days.',
      'Next to it, write what a kind friend might say about that rule.',
      'If you wish, share what you found with your therapist.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'rules-you-learned',
      text: 'What did you learn, growing up, about what made you lovable?',
    },
    {
      id: 'what-you-needed',
      text: 'What would you have liked to hear as a child after a mistake?',
    },
  ],
  furtherReading: [ATTACHMENT, PAPA, MAYO],
};
