import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { ATTACHMENT, NEFF, PAPA } from './sources.js';

export const whatHelps: ModuleContent = {
  slug: 'what-helps',
  version: 2,
  title: 'What Helps and What Falls Short',
  summary:
    'Many common tips for easing the push to be perfect only go so far. This module looks at why, and at what tends to bring deeper change.',
  readingMinutes: 4,
  signTags: ['general'],
  sections: [
    {
      heading: 'Why “just relax” does not work',
      body: md(
        'People who push hard are often told to relax, care less, or let it go. If that worked, you would have done it by now. When a pattern grew from a need to stay safe or stay loved, willpower alone rarely switches it off.',
        'This is not a sign that you are doing something wrong. It is a sign that the pattern runs deeper than a habit.',
      ),
    },
    {
      heading: 'Tips that help a little',
      body: md(
        'Time planning, to-do systems, and sayings like “done is better than perfect” can help in certain moments. They may get a task finished. But they mostly work on what you do. On their own, they may not reach the need underneath.',
        'Repeating a phrase like “I am enough” often falls flat too. Many therapists think the old belief is not mostly a thought. It may be what is left over from many early moments that said something different, and words alone rarely reach that.',
      ),
    },
    {
      heading: 'Self-kindness: closer to the mark',
      body: md(
        "Studies suggest that being gentle with yourself can help with perfectionism. Still, you might think, “I get that I'm meant to go easy on myself, but it feels empty.” That is very common. It can be hard to feel kindness toward yourself if you have not had much of it from others.",
        'If that sounds like you, nothing is wrong with you. It may simply mean that kindness needs to be felt from someone else first.',
      ),
    },
    {
      heading: 'What tends to bring deeper change',
      body: md(
        'If the pattern was learned in relationships, it may also change in relationships. Many people find that being accepted, steadily and warmly, again and again, including when they fall short, slowly shifts how they see themselves.',
        'This can happen with a partner or friend who stays close through your failures. It can also happen in therapy. A good therapist stays interested and warm when you share a mistake or a sense of not being enough. Structured therapy can help too. Cognitive behavioral therapy (CBT) has the most research for perfectionism so far, and like most therapy, it tends to go better inside a caring relationship.',
      ),
    },
    {
      heading: 'Change takes time',
      body: md(
        'This kind of change is slow. It does not come from one insight or one good day. It builds up, bit by bit, in your body and in your relationships. Over time, a mistake can become just a mistake, not proof that you are not enough.',
      ),
    },
  ],
  exercise: {
    title: 'Collecting moments of being accepted',
    intro:
      'This week, gather small pieces of proof that you can be valued when you are not at your best.',
    steps: [
      'In the evening, think back over the day. Look for any moment when someone was kind to you while you were tired, unsure, or imperfect.',
      'Write it down in a line or two, like this: “When I ___, ___ was kind by ___.” Small moments belong on the list too, like a smile after you fumbled a word.',
      "Notice how it feels to read it back. You don't need to feel anything special.",
      'If a day has no such moment, that is okay. Write down one kind thing you did for yourself instead.',
      'At the end of the week, read the list slowly. Let it sink in for a minute.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'tried-before',
      text: "What have you tried before to ease the pressure to be perfect? What helped, and what didn't?",
    },
    {
      id: 'felt-accepted',
      text: "When have you felt accepted by someone even when you weren't at your best?",
    },
  ],
  nextSteps: [
    'Ask your therapist how the work you do together fits with what this module describes.',
    'Keep your list of accepted moments going for one more week, and read it on a day when you feel not enough.',
  ],
  furtherReading: [ATTACHMENT, PAPA, NEFF],
};
