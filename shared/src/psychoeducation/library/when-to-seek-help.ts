import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { PAPA } from './sources.js';

export const whenToSeekHelp: ModuleContent = {
  slug: 'when-to-seek-help',
  version: 2,
  title: 'When to Reach Out for Support',
  summary:
    'Sometimes the pressure to be perfect gets too heavy to carry alone. Here is where to turn in a crisis, signs that more support could help, and what kinds of therapy are out there.',
  readingMinutes: 4,
  signTags: ['general'],
  sections: [
    {
      heading: 'If you need help right now',
      body: md(
        'If you are thinking about ending your life or harming yourself, please reach out now. Do not wait for your next session.',
        bullets(
          'In the US, call or text **988** to reach the 988 Suicide and Crisis Lifeline, any time of day or night. You can also chat with them online at 988lifeline.org.',
          'If you are in danger right now, call **911** or go to the closest emergency room.',
        ),
        'The crisis contacts at the bottom of this page and the “Need help now?” button at the top are there for you too. This app is not watched around the clock, so do not use it to ask for urgent help.',
      ),
    },
    {
      heading: 'Signs that more support may help',
      body: md(
        'You might think about talking with a mental health professional if you notice any of these:',
        bullets(
          'Worry or low mood, tied to how you perform, that does not go away.',
          'Trouble keeping up at work, at home, or in your relationships.',
          "Body signs of stress, like headaches, tension, or stomach trouble, that don't ease.",
          'A deep sense that you will never measure up.',
          'Finding it hard to enjoy anything you achieve, or never feeling satisfied.',
        ),
        'If you already see a therapist, you can bring any of these up at your next session.',
      ),
    },
    {
      heading: 'Therapies with the most research',
      body: md(
        '**Cognitive behavioral therapy (CBT)** is the best-tested approach for perfectionism so far. It helps you spot rigid rules and harsh self-talk, test them in small steps, and build more flexible habits. Studies, including some of guided self-help and online programs, suggest it can ease perfectionism and the worry and low mood that often come with it.',
        'If hard or frightening events from the past still weigh on you, **trauma-focused therapies** have strong research behind them. Examples include trauma-focused CBT, cognitive processing therapy, prolonged exposure, and EMDR. A trained therapist can help you decide whether one of these fits, and when.',
      ),
    },
    {
      heading: 'Other approaches you may hear about',
      body: md(
        'Some therapists use other approaches. **Acceptance and Commitment Therapy (ACT)** helps you make room for hard thoughts instead of fighting them, and has a smaller but growing body of research. **Internal Family Systems (IFS)** works with the different “parts” of you, including the part that pushes for perfect. **Brainspotting** works with stress felt in the body.',
        'IFS and Brainspotting have very little research so far. Some people find them helpful, but there is not yet good evidence on how well they work for perfectionism. It is fair to ask any therapist what the research says about the approach they suggest.',
      ),
    },
    {
      heading: 'Your pace is okay',
      body: md(
        'Change takes time, and it often goes better with support. Your patterns grew for good reasons, and they deserve care, not judgment. Asking for help is one more way of choosing connection over perfection.',
      ),
    },
  ],
  exercise: {
    title: 'Plan your support',
    intro:
      'A simple plan, made ahead of time, can make it easier to reach out when things feel heavy. Fill in the blanks below on paper or in your phone notes.',
    steps: [
      'Save 988 in your phone as a crisis contact, for calls and texts.',
      'Write: “On a hard day, I can contact ___ and ___.” Choose people who feel safe to you.',
      "Add your therapist's or practice's contact details, if you have them.",
      'Write: “Early signs that things are getting too heavy for me: ___.”',
      "Keep the plan somewhere easy to find, like your phone's notes or your wallet.",
      'If you like, share the plan with your therapist so you can shape it together.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'reaching-out',
      text: 'What makes it hard for you to ask for help, and what makes it a little easier?',
    },
    {
      id: 'good-support',
      text: 'What would good support look like for you right now?',
    },
  ],
  nextSteps: [
    'Save 988 in your phone today, even if you never expect to need it.',
    'Ask your therapist which approach they use and what research supports it for you.',
  ],
  furtherReading: [PAPA],
};
