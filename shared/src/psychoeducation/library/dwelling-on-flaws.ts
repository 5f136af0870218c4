import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { PAPA } from './sources.js';

export const dwellingOnFlaws: ModuleContent = {
  slug: 'dwelling-on-flaws',
  version: 2,
  title: 'Stuck on What Went Wrong',
  summary:
    'Some people replay their errors and flaws long after the moment has passed. This module looks at that habit with kindness and offers a way to widen your view.',
  readingMinutes: 3,
  signTags: ['dwelling-on-flaws'],
  sections: [
    {
      heading: 'The replay loop',
      body: md(
        'You might notice that your mind goes back again and again to what went wrong. A comment you wish you had not made. A small flaw in your work. The one bit of feedback that was not glowing. The many things that went fine fade away, and the one thing that did not stays bright.',
        'Dwelling on errors and flaws is common among people who hold themselves to very high standards.',
      ),
    },
    {
      heading: 'Where it can come from',
      body: md(
        'If you grew up with a lot of criticism, you may have learned to search for your flaws before anyone else could. Finding them first felt safer. Over time, that search can become automatic. You may even hear old critical voices when you look at your own work.',
        'Dwelling can also feel like a way to prevent the next mistake. If you study this one closely enough, maybe it will never happen again.',
      ),
    },
    {
      heading: 'The toll it can take',
      body: md(
        'Going over and over your flaws rarely leads to new answers. Instead, it tends to wear down your mood and your energy. Studies link a steady focus on mistakes and flaws with a higher chance of feeling low over time.',
        'If you notice your mood sinking, it is worth talking about with someone you trust, or with your therapist. You do not have to sort it out alone.',
      ),
    },
    {
      heading: 'Widening the lens',
      body: md(
        'The goal is not to ignore mistakes. It is to see them as one part of a bigger picture. You can learn from a slip in a few minutes and then let your mind move on.',
        "It can help to notice when you have slipped into a replay. You might say to yourself, “I'm going over it again.” Then you can gently turn your attention to something else, such as what went well, or what is in front of you right now.",
      ),
    },
  ],
  exercise: {
    title: 'Three for one',
    intro:
      'This practice helps balance a mind that leans toward flaws. It takes a few minutes in the evening, on the days you choose.',
    steps: [
      'At the end of the day, write down one thing you keep going back to. Keep it to a single line.',
      'Under it, write three things from the same day that went okay or well. They can be very small, like making a cup of tea or sending a hard email.',
      'Look at the one thing again. Ask, “Is there anything useful to learn here?” If so, write it in one line. If not, that is fine.',
      'Close the notebook. If the replay starts again, remind yourself that it is written down and you can come back to it.',
      'Try this on three or four days this week. Notice if the one thing feels any smaller by the end.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'what-you-replay',
      text: 'What kinds of moments does your mind tend to replay most?',
    },
    {
      id: 'what-gets-missed',
      text: 'What do you think gets missed when you focus on what went wrong?',
    },
  ],
  nextSteps: [
    'Keep your “three for one” notes in one place, so you can read back over the good parts at the end of the week.',
    'If your mood keeps sinking, tell your therapist or your doctor soon rather than waiting.',
  ],
  furtherReading: [PAPA],
};
