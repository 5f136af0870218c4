import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { PAPA, RAO } from './sources.js';

export const stressInTheBody: ModuleContent = {
  slug: 'stress-in-the-body',
  version: 2,
  title: 'When Stress Shows Up in Your Body',
  summary:
    'Pressure to be perfect is not only in your head. It can show up as headaches, tight muscles, or an upset stomach, and your body deserves care too.',
  readingMinutes: 3,
  signTags: ['body-stress'],
  sections: [
    {
      heading: 'The body keeps track',
      body: md(
        'When you live with steady pressure to get things right, your body often feels it. You might notice headaches, a tight jaw, sore shoulders, or a stomach that churns. Some people have trouble sleeping or feel tired all the time.',
        'These are common ways the body reacts to stress that goes on and on. They are signals to pay attention to, not reasons to blame yourself.',
      ),
    },
    {
      heading: 'Why stress lands in the body',
      body: md(
        'When your nervous system senses threat, it gets your body ready to act. Muscles tense. Breathing gets quick and shallow. Digestion slows down. This is helpful in short bursts.',
        'If your alarm stays on much of the time, your body does not get a chance to reset. For people who learned early to stay on guard, that can become the norm. Tension can feel so normal that you only notice it when it hurts.',
      ),
    },
    {
      heading: 'Check with a doctor too',
      body: md(
        'Aches, pains, and stomach troubles can have many causes. It is a good idea to see a doctor about anything new or lasting, so nothing is missed. Stress can be part of the picture while other causes are checked.',
        'This module cannot tell you what is causing how you feel. It is a way to notice the link between pressure and your body.',
      ),
    },
    {
      heading: 'Making friends with your body',
      body: md(
        'People who push hard often treat the body like a machine that should keep going. Healing can include listening to it instead. Tension, tiredness, and pain are messages. They may be saying you need rest, food, movement, or a break from pressure.',
        'Small moments of care can add up. A stretch, a slow breath, or a short walk may help your body ease off a little.',
      ),
    },
  ],
  exercise: {
    title: 'A two-minute body check',
    intro:
      'Try this once or twice a day this week, whenever you remember. If you forget, just start again. Keep your eyes open if that feels better. If paying attention to your body makes you feel more upset, panicky, or far away, stop. Look around the room, name a few things you can see, and do something ordinary, like having a drink of water. You can skip this practice and talk it over with your therapist.',
    steps: [
      'Sit or stand in a way that feels okay. Let your breath out slowly, a little longer than your breath in.',
      'Move your attention slowly from your head down to your feet. Notice any place that feels tight, sore, or tense.',
      'Pick one spot and gently soften it. Let your jaw loosen, drop your shoulders, or unclench your hands.',
      'Ask that part of your body, “What do you need right now?” Notice the first answer that comes.',
      'If you can, give it a small bit of what it needs, such as water, a stretch, or a moment of rest. Jot down the spot and what you gave it, like “shoulders, stretch.”',
    ],
  },
  reflectionPrompts: [
    {
      id: 'where-stress-lives',
      text: 'Where in your body do you tend to hold stress?',
    },
    {
      id: 'what-your-body-asks',
      text: 'What does your body most often ask you for that is hard to give?',
    },
  ],
  nextSteps: [
    'If an ache, pain, or stomach problem is new or will not go away, book a check-up with your doctor.',
    'Set one phone reminder for a two-minute body check at the time of day you usually feel most tense.',
  ],
  furtherReading: [PAPA, RAO],
};
