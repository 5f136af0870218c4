import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { NEFF, PAPA } from './sources.js';

export const theInnerCritic: ModuleContent = {
  slug: 'the-inner-critic',
  version: 2,
  title: 'Getting to Know Your Inner Critic',
  summary:
    'Many people carry a harsh inner voice that rarely lets up. Getting to know that voice can be a first step toward a kinder one.',
  readingMinutes: 3,
  signTags: ['self-criticism'],
  sections: [
    {
      heading: 'A voice that never takes a day off',
      body: md(
        'You might notice an inner voice that comments on almost everything you do. It points out flaws, predicts failure, and rarely has a kind word. It may sound like a strict parent, teacher, or coach. It may just sound like you.',
        "This voice often says things you would never say to a friend. “You're so stupid.” “Everyone can see you're a mess.” “You should have known better.”",
      ),
    },
    {
      heading: 'Where the critic comes from',
      body: md(
        'Many people who grew up around a lot of criticism find that those voices moved inside. Later, the critic keeps talking, even when the original people are long gone. It can feel like the voice is simply telling the truth.',
        'The critic often thinks it is helping. It may believe that if it is harsh enough, you will avoid mistakes, or others will criticize you less. In its own way, it is trying to protect you.',
      ),
    },
    {
      heading: 'Why harshness does not work well',
      body: md(
        'Many people fear that if they stop being hard on themselves, they will stop trying. Studies suggest the opposite is often true. People who meet a setback with kindness tend to stay at least as motivated, and often keep trying longer, than people who attack themselves.',
        'Being hard on yourself all the time also wears you down. It can feed worry, low mood, and deep tiredness.',
      ),
    },
    {
      heading: 'Noticing before changing',
      body: md(
        'The first step is not to silence the critic. It is to notice it. When you can spot the voice, you get a little space from it. You start to see that it is one voice among many, not the final word.',
        'Some people give their critic a name, or picture it as a radio station that plays gloomy news all day. That can make it easier to say, “Ah, there it is again,” instead of believing every word.',
      ),
    },
    {
      heading: 'Toward a kinder voice',
      body: md(
        'With time, you can also grow a second voice. This one is warm and fair. It notices mistakes without attacking you. It sounds more like a good friend than a harsh judge.',
      ),
    },
  ],
  exercise: {
    title: 'Catch and label',
    intro:
      'This week, the only task is to notice your inner critic. You do not need to change anything yet.',
    steps: [
      'Set two or three gentle reminders on your phone for different times of day.',
      'When a reminder goes off, pause and ask, “What has my inner voice been saying?”',
      "If you notice a harsh thought, label it. You might say, “That's my critic talking,” or use a name you choose.",
      'Jot it down in this form: “Time: ___. What was going on: ___. What the critic said: ___.” Over the week, look for patterns.',
      'For one of those thoughts, write what a caring friend might say instead.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'whose-voice',
      text: 'Does your inner critic sound like anyone you know, or once knew?',
    },
    {
      id: 'kinder-voice',
      text: 'What would a kinder inner voice sound like for you?',
    },
  ],
  nextSteps: [
    'Pick a name for your critic, and use it the next time you notice the harsh voice.',
    'Bring one of your notes to your next session, with the kinder words you wrote next to it.',
  ],
  furtherReading: [PAPA, NEFF],
};
