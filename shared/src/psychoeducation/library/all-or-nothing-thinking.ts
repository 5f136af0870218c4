import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { PAPA } from './sources.js';

export const allOrNothingThinking: ModuleContent = {
  slug: 'all-or-nothing-thinking',
  version: 2,
  title: 'Finding the Space Between Perfect and Failed',
  summary:
    'All-or-nothing thinking sees only two outcomes: perfect or failed. This module looks at where that habit can come from and how to notice the wide middle ground.',
  readingMinutes: 3,
  signTags: ['all-or-nothing'],
  sections: [
    {
      heading: 'What it can look like',
      body: md(
        'All-or-nothing thinking sorts things into two boxes. A task is a success or a disaster. A day is good or ruined. You are doing great or you are failing.',
        'You might notice thoughts like these:',
        bullets(
          '“One typo, so the whole report is bad.”',
          '“I missed one workout, so why bother at all?”',
          "“If it isn't my best, it doesn't count.”",
        ),
      ),
    },
    {
      heading: 'Why it makes sense',
      body: md(
        'This way of thinking is often fueled by a deep fear of failing or of being judged. If slipping up once led to real trouble, it makes sense to aim for perfect. Anything less can feel like a risk.',
        'Black-and-white thinking can also feel safer than gray. Gray areas ask you to live with not knowing. For a mind that learned to stay on guard, that can be hard.',
      ),
    },
    {
      heading: 'The cost of two boxes',
      body: md(
        'When only perfect counts, almost everything lands in the failed box. That can lead to giving up, putting things off, or feeling low for days after a small miss. It can also make it hard to see progress, since progress is always partway.',
      ),
    },
    {
      heading: 'Looking for the middle',
      body: md(
        'The middle ground is where most of life happens. A meal can be tasty and a bit salty. A talk can go well and still have an awkward moment. You can be a caring person and still lose your temper sometimes.',
        'When you catch an all-or-nothing thought, you do not have to fight it. You can simply ask a few questions:',
        bullets(
          '“What would a good-enough result be here?”',
          '“Is there anything between the two extremes?”',
          '“How would I see this if it happened to a friend?”',
        ),
        'These questions do not erase high standards. They just make room for a fuller picture.',
      ),
    },
  ],
  exercise: {
    title: 'From two boxes to a line',
    intro:
      'This week, try turning two boxes into a line with many points. You can do it on paper or in your head.',
    steps: [
      'When you notice a perfect-or-failed thought, write it down in a few words.',
      'Draw a line across a page. Write “total disaster” at the left end and “flawless” at the right end.',
      'Put a mark where what happened really sits. Most things land somewhere in the middle.',
      'Write one thing that went okay, even if it is small.',
      'Ask yourself what a friend would say about the same moment, and write that down too.',
      'Do this a few times this week. Notice if your first thought softens at all.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'middle-ground-moment',
      text: 'Think of a recent moment that was partly good and partly hard. What was in the middle?',
    },
    {
      id: 'where-two-boxes-began',
      text: 'When do you remember first feeling that only perfect was good enough?',
    },
  ],
  nextSteps: [
    'The next time a task feels ruined by one flaw, ask, “What would good enough look like here?” before you decide what to do.',
    'Bring one of your lines to your next session and talk about where the mark landed.',
  ],
  furtherReading: [PAPA],
};
