import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { ATTACHMENT, MAYO, PAPA } from './sources.js';

export const whenLoveFeltEarned: ModuleContent = {
  slug: 'when-love-felt-earned',
  version: 2,
  title: 'When Love Felt Like Something to Earn',
  summary:
    'Some adults find that rest, praise, and closeness all feel like things they have to earn. This module looks at the rules behind that feeling, where they may come from, and how they can loosen.',
  readingMinutes: 4,
  signTags: ['general', 'people-pleasing', 'accepting-praise', 'self-criticism'],
  sections: [
    {
      heading: 'Rules you may still live by',
      body: md(
        'Read these lines slowly and notice which ones feel familiar:',
        bullets(
          'I can rest once everything is done.',
          'If people knew how hard I find this, they would think less of me.',
          'Being useful is what makes me welcome.',
          'A mistake calls for a big apology, or lots of extra work to make up for it.',
          'Praise is nice, but it does not last.',
        ),
        'If a few of these ring true, you may be living by unwritten rules about your worth. Many people are. These rules are rarely said out loud. They show up in what you do when you are tired, wrong, or not needed.',
      ),
    },
    {
      heading: 'What the rules say underneath',
      body: md(
        'Under many of these rules sits one idea: *I am valued for what I do, not for who I am.* People often pick this up early, when warmth seemed to come after a good report card, a helpful act, or a calm face, and to cool after a slip.',
        "Each family has its own version. In one home the rule was “be the best.” In another it was “be no trouble” or “keep the peace.” Some children took on adult jobs, like looking after a parent's moods or younger siblings. No child chooses rules like these. They form because they seem to work: doing well keeps people close.",
      ),
    },
    {
      heading: 'What research can and cannot say',
      body: md(
        'Studies find links between growing up with approval that depended on doing well, or with a lot of harsh criticism, and later perfectionism and self-criticism. A link is not proof of cause. Many people from warm homes push hard, and many people from hard homes do not. Temperament, school, culture, and later life all play a part.',
        'So this module cannot explain your past for you. Only you can make sense of your own story, perhaps with a therapist beside you.',
      ),
    },
    {
      heading: 'Not about blame',
      body: md(
        'Looking at old rules is not the same as putting your parents on trial. Many caregivers who loved this way were stressed, unwell, or raised the same way themselves. Some homes also held harder things, such as neglect, addiction, or abuse. If that was true for you, it deserves real care and support, not a quick fix from a reading.',
        'The reason to look back is simple. Once you can see where a rule came from, it gets easier to ask whether it still fits the life you have now.',
      ),
    },
    {
      heading: 'How rules loosen',
      body: md(
        'Rules learned with people tend to loosen with people too. Each time someone stays warm when you are tired, unsure, or wrong, the old rule gets a little less convincing. That can happen with a partner, a friend, or a therapist.',
        'You can also test a rule on purpose, in small and safe ways. Rest before the list is done. Leave a small favor unreturned for a day. Then notice what really happens.',
      ),
    },
  ],
  exercise: {
    title: 'Rewriting one rule',
    intro:
      'This is a short look back, not a deep dig. If it brings up more than you want to hold right now, stop, put the page away, and come back another time, or bring it to your therapist.',
    steps: [
      'Find ten quiet minutes and something to write on.',
      'Copy this line and finish it three different ways: “To be welcome, I had to…”',
      'Circle the one that shapes your days the most now.',
      'Under it, write a kinder version you could test. For example, “Be no trouble” might become “I can ask for small things and still be welcome.”',
      'Pick one small, low-risk way to test the new version this week, and write down what happens.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'rules-you-learned',
      text: 'What did you learn, growing up, about what made you welcome or lovable?',
    },
    {
      id: 'what-you-needed',
      text: 'What would you have liked to hear as a child after a mistake?',
    },
  ],
  nextSteps: [
    'Pick one evening this week to rest before your to-do list is finished, and notice what you feel.',
    'Bring your rewritten rule to your next session and talk about where the old one came from.',
  ],
  furtherReading: [ATTACHMENT, PAPA, MAYO],
};
