import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { MAYO, RAO } from './sources.js';

export const goodEnough: ModuleContent = {
  slug: 'good-enough',
  version: 2,
  title: 'Good Enough Is Truly Enough',
  summary:
    'Children and loved ones do well with care that is in tune only part of the time. Knowing this can ease the pressure to get everything right.',
  readingMinutes: 3,
  signTags: ['all-or-nothing', 'fear-of-mistakes', 'general'],
  sections: [
    {
      heading: 'Where the idea comes from',
      body: md(
        "Donald Winnicott was a children's doctor in England. He saw that children do well with parents who are “good enough.” He meant parents who respond with care and make plenty of mistakes along the way. He did not mean parents who never slip.",
        'Today, many therapists use his idea far beyond parenting. It fits friendships, couples, work, and the way you treat yourself.',
      ),
    },
    {
      heading: 'What researchers have seen',
      body: md(
        "Researchers have watched parents and babies together very closely. Even in secure, healthy pairs, the two were in step only about **30 to 50 percent** of the time. The rest of the time, the parent missed or misread the baby's signals. That is a rate the researchers observed, not a target to aim for. It shows how much room there is for misses in a bond that is going well.",
        'What seems to matter is what happens after a miss. When a parent notices, soothes, and reconnects, the child gets a chance to learn that the bond can handle hard moments.',
      ),
    },
    {
      heading: 'Why missing the mark can help',
      body: md(
        'It may sound odd, but many experts think a parent who never missed would not be doing a child a favor. Small misses followed by repair may help children learn that upset passes and people come back, and help them learn to handle frustration.',
        'Something similar may be true between adults. A friendship that has weathered a few mix-ups often feels safer than one that has never been tested.',
      ),
    },
    {
      heading: 'What good enough is not',
      body: md(
        'Good enough does not mean careless. It does not mean you stop caring about how you treat people. It means you aim for warm, steady, and present, instead of flawless.',
        "If you lean toward all-or-nothing thinking, good enough may feel like failing. You might notice a voice that says, “If it isn't perfect, it doesn't count.” This module offers another view: most of the good in relationships happens in the wide middle.",
      ),
    },
    {
      heading: 'Making it your own',
      body: md(
        'Try treating good enough as a real goal, not a fallback. On a hard day, getting it right some of the time and mending the rest is a success.',
      ),
    },
  ],
  exercise: {
    title: 'A good-enough week',
    intro:
      'This week, try lowering the bar on purpose in one small area. The aim is to learn what happens when something is done well enough.',
    steps: [
      'Pick one everyday task where you tend to go above and beyond. It might be a meal, an email, tidying up, or a school lunch.',
      'Before you start, fill in this line: “For this task, good enough means ___.” Keep it simple and clear.',
      'Do the task to that level and then stop, even if part of you wants to keep going.',
      'Notice what feelings come up. Unease is normal. Let it be there without acting on it. If it grows too strong, finish the task your usual way and try a smaller one next time.',
      'A day or two later, look back. Did anything bad happen? Did anyone notice? What did you do with the time you saved?',
    ],
  },
  reflectionPrompts: [
    {
      id: 'good-enough-people',
      text: 'Who in your life has been good enough for you: not perfect, but there when it counted?',
    },
    {
      id: 'where-good-enough-fits',
      text: 'Where in your life could good enough be the goal for now?',
    },
  ],
  nextSteps: [
    'Pick a second everyday task and write down your “good enough” line before you start it.',
    'Tell your therapist what happened when you stopped at good enough.',
  ],
  furtherReading: [RAO, MAYO],
};
