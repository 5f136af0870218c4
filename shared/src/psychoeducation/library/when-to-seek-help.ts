import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { PAPA } from './sources.js';

export const whenToSeekHelp: ModuleContent = {
  slug: 'when-to-seek-help',
  version: 1,
  title: 'When to Reach Out for Support',
  summary:
    'Sometimes the pressure to be perfect gets too heavy to carry alone. Here are some signs that more support could help, and where to turn.',
  readingMinutes: 3,
  signTags: ['general'],
  sections: [
    {
      heading: 'You do not have to do this alone',
      body: md(
        'Reading and practicing on your own can help a lot. But there may be times when the pressure to get things right takes a big toll on your life. Reaching out at those times is not a failure. It is a wise and caring choice.',
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
          'Thoughts of harming yourself, or a deep sense that you will never measure up.',
          'Finding it hard to enjoy anything you achieve, or never feeling satisfied.',
        ),
        'If you already see a therapist, you can bring any of these up at your next session.',
      ),
    },
    {
      heading: 'If you are thinking of harming yourself',
      body: md(
        'If thoughts of harming yourself come up, please reach out now rather than waiting for your next session. In the US, you can call or text **988** to reach the 988 Suicide and Crisis Lifeline, day or night. You can also go to a hospital emergency room near you. The crisis contacts shown on this page are there for you too.',
      ),
    },
    {
      heading: 'What therapy can offer',
      body: md(
        'A therapist who understands early hurts and the push to be perfect can help you:',
        bullets(
          'Look at old hurts in a safe setting.',
          'Find ways to calm your body and handle strong feelings.',
          'Understand where your patterns came from.',
          'Grow kinder, more flexible ways of relating to yourself.',
        ),
        'Therapists use many approaches. You may hear about Acceptance and Commitment Therapy, or ACT. It helps you make room for hard thoughts instead of fighting them. Internal Family Systems, or IFS, helps you get to know the parts of you that try to keep you safe, including the part that pushes for perfect. Brainspotting works with stress held in the body. Your therapist can talk with you about what might fit.',
      ),
    },
    {
      heading: 'Your pace is okay',
      body: md(
        'Healing takes time, and it often goes better with support. Your patterns grew for good reasons, and they deserve care, not judgment. Asking for help is one more way of choosing connection over perfection.',
      ),
    },
  ],
  exercise: {
    title: 'Plan your support',
    intro:
      'A simple plan, made ahead of time, can make it easier to reach out when things feel heavy.',
    steps: [
      'Write down the names and numbers of two people you could contact on a hard day.',
      "Add your therapist's or practice's contact details, if you have them.",
      'Save 988 in your phone as a crisis contact.',
      'Write down one or two early signs that tell you things are getting too heavy.',
      "Keep this plan somewhere easy to find, like your phone's notes or your wallet.",
      'If you like, share your plan with your therapist so you can shape it together.',
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
  furtherReading: [PAPA],
};
