import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { ATTACHMENT, NEFF, PAPA } from './sources.js';

export const whatHelps: ModuleContent = {
  slug: 'what-helps',
  version: 1,
  title: 'What Helps and What Falls Short',
  summary:
    'Many common tips for easing the push to be perfect only go so far. This module looks at why, and at what tends to bring deeper change.',
  readingMinutes: 3,
  signTags: ['general'],
  sections: [
    {
      heading: 'Why “just relax” does not work',
      body: md(
        'People who push hard are often told to relax, care less, or let it go. If that worked, you would have done it by now. When a pattern grew from a need to stay safe or stay loved, willpower alone cannot switch it off.',
        'This is not a sign that you are doing something wrong. It is a sign that the pattern runs deeper than a habit.',
      ),
    },
    {
      heading: 'Tips that help a little',
      body: md(
        'Time planning, to-do systems, and sayings like “done is better than perfect” can help in certain moments. They may get a task finished. But they work on what you do. They do not reach the need underneath.',
        'Repeating a phrase like “I am enough” often falls flat too. The old belief is not mostly a thought. It is what is left over from many early moments that said something different. Words alone rarely change what the body learned.',
      ),
    },
    {
      heading: 'Self-kindness: closer to the mark',
      body: md(
        "Being gentle with yourself can truly help, and research backs this up. Still, you might think, “I get that I'm meant to go easy on myself, but it feels empty.” That is very common. It can be hard to feel kindness toward yourself if you have not had much of it from others.",
        'If that sounds like you, nothing is wrong with you. It may simply mean that kindness needs to be felt from someone else first.',
      ),
    },
    {
      heading: 'What tends to bring deeper change',
      body: md(
        'If the pattern was learned in relationships, it can change in relationships. What helps most is being accepted, steadily and warmly, again and again, including when you fall short.',
        'This can happen with a partner or friend who stays close through your failures. It can also happen in therapy. A good therapist stays interested and warm when you share a mistake or a sense of not being enough. Over many sessions, that steady care adds up.',
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
      'Write it down in a line or two. Small things count, like a smile after you fumbled a word.',
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
  furtherReading: [ATTACHMENT, PAPA, NEFF],
};
