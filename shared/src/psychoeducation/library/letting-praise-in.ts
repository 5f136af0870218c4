import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { ATTACHMENT, PAPA } from './sources.js';

export const lettingPraiseIn: ModuleContent = {
  slug: 'letting-praise-in',
  version: 2,
  title: 'Letting Kind Words In',
  summary:
    'Some people find praise hard to take in, or feel they are fooling others. This module explores why and offers a small way to practice receiving.',
  readingMinutes: 3,
  signTags: ['accepting-praise'],
  sections: [
    {
      heading: 'When praise bounces off',
      body: md(
        'Someone tells you that you handled something really well. Right away you point out what went wrong, give credit to someone else, or change the subject. Or you say thank you, but inside you think, “If they only knew.”',
        'You might notice that kind words make you uneasy rather than pleased. Some people feel like they are fooling everyone and will soon be found out. These are often called **impostor feelings**.',
      ),
    },
    {
      heading: 'Why it can be hard',
      body: md(
        'If your worth felt tied to how well you did, then success never fully settles. Praise is about this one task. It does not answer the deeper question: “Am I okay as I am?” So the good feeling fades fast, and worry about the next task takes its place.',
        'Praise can also feel risky. If people think you are good, you now have something to lose. Brushing praise away can feel safer than letting yourself believe it.',
      ),
    },
    {
      heading: 'The missing pause',
      body: md(
        'People who struggle with this often jump straight to the next goal. There is no moment to enjoy what went well. That gap can feel uneasy, because it is where the old worry about worth shows up.',
        'Learning to pause, even for a breath, is part of healing. It gives good moments a chance to land.',
      ),
    },
    {
      heading: 'Praise as information',
      body: md(
        "You do not have to agree with every kind word. You can simply treat it as one person's honest view. They saw something they valued. That is real, even if you feel unsure.",
        'Over time, letting praise in can help you see yourself more fully. Not as flawless, but as a person whose efforts and qualities are noticed by others.',
      ),
    },
  ],
  exercise: {
    title: 'Just say thank you',
    intro:
      'This week, practice taking in kind words without pushing them away. It may feel awkward, and that is okay.',
    steps: [
      'When someone praises you, take one slow breath before you answer.',
      'Say “thank you” and stop there. Try not to add a “but,” a joke, or a list of what went wrong.',
      'Later, write down what they said, word for word if you can.',
      'Next to it, fill in this line: “The part I can believe is ___.” Even a tiny part is enough.',
      'At the end of the week, read your notes. Notice how it feels to see them together.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'praise-that-stayed',
      text: 'Is there a kind thing someone once said to you that stayed with you? What helped it land?',
    },
    {
      id: 'what-praise-stirs',
      text: 'What feelings come up when someone praises you?',
    },
  ],
  nextSteps: [
    'Save one kind message someone sent you in a folder or note you can open on a hard day.',
    'The next time you want to add a “but” after thank you, stop after thank you and notice how it feels.',
  ],
  furtherReading: [ATTACHMENT, PAPA],
};
