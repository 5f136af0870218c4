import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { ATTACHMENT, PAPA } from './sources.js';

export const puttingThingsOff: ModuleContent = {
  slug: 'putting-things-off',
  version: 2,
  title: 'Putting Things Off When They Have to Be Perfect',
  summary:
    'Putting things off is often not about being lazy. For many people it comes from fear that the result will not be good enough.',
  readingMinutes: 3,
  signTags: ['procrastination'],
  sections: [
    {
      heading: 'A puzzle that makes sense',
      body: md(
        'It can seem odd that someone with high standards would leave things to the last minute. But it is very common. When a task has to be perfect, starting it can feel like stepping into danger.',
        'So you wait. You tidy, check your phone, or work on something easier. The task sits there, and the pressure grows.',
      ),
    },
    {
      heading: 'What might be going on underneath',
      body: md(
        'Putting things off can protect you from a painful feeling. As long as the work is not done, it cannot be judged. And if you run out of time, you can tell yourself it would have been better with more time.',
        "You might notice thoughts like “I need to be in the right mood first” or “I'll start when I can do it properly.” These thoughts are trying to keep you safe from failing. They just end up keeping you stuck.",
      ),
    },
    {
      heading: 'It is not a flaw in your character',
      body: md(
        'People who struggle this way are often called lazy or told to just try harder. That misses the point. The problem is rarely a lack of effort. More often it is too much fear about the result.',
        'Tips like “done is better than perfect” can help in the moment. They tend to work better when you also make room for the fear underneath. It is hard to start anything when you are bracing for judgment, including your own.',
      ),
    },
    {
      heading: 'Making starting feel safer',
      body: md(
        'Big, vague tasks feel scary. Small, clear steps feel doable. Breaking a task into tiny pieces, and aiming for a rough first try, can lower the stakes.',
        'It also helps to notice progress, not just the finish line. A started task is a real step, even if it is messy.',
      ),
    },
  ],
  exercise: {
    title: 'The ten-minute rough start',
    intro:
      'Pick one task you have been putting off. This week, the only goal is to start it roughly, on purpose.',
    steps: [
      'Write the task at the top of a page. Under it, write the very first tiny step. Make it so small it feels almost silly, like “open the file” or “write one sentence.”',
      'Set a timer for ten minutes.',
      'Work on the task until the timer goes off. Aim for rough, not right. Typos and half-formed ideas are welcome.',
      'When the timer ends, you can stop. You have done what you set out to do.',
      'Fill in this line: “Before I started I felt ___. After ten minutes I felt ___.”',
      'If you want, do another ten minutes on another day. If not, that is fine too.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'what-waiting-protects',
      text: 'When you put something off, what might you be trying to protect yourself from?',
    },
    {
      id: 'safer-start',
      text: 'What would help a task feel a little safer to start?',
    },
  ],
  nextSteps: [
    'Write down the next tiny step for your task now, while it is fresh, so the next start is easier.',
    'Try one more ten-minute rough start on a different task this week.',
  ],
  furtherReading: [PAPA, ATTACHMENT],
};
