import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { MAYO, RAO } from './sources.js';

export const connectionOverPerfection: ModuleContent = {
  slug: 'connection-over-perfection',
  version: 2,
  title: 'Connection Matters More Than Getting It Right',
  summary:
    'The people in your life do not need you to be flawless. They need you to show up, stay close, and come back after hard moments.',
  readingMinutes: 4,
  signTags: ['closeness', 'general'],
  sections: [
    {
      heading: 'A different goal',
      body: md(
        'A lot of the world rewards results. Grades, looks, and output can start to feel like the measure of a person. It makes sense that many of us carry that same pressure into parenting, love, and the way we treat ourselves.',
        'This module invites a gentler goal. Instead of trying to get everything right, you can aim to stay in touch with the people who matter to you. In Attune we call this **connection over perfection**. It means caring more about being there than about how things turn out.',
      ),
    },
    {
      heading: 'What people really need from each other',
      body: md(
        'Attachment research suggests that a child does not need a flawless parent, and the same seems true between adults. What appears to matter more is someone who is there, who notices feelings, and who is willing to mend things after a rough moment.',
        'When you choose connection, you send a quiet message: *you are safe with me, even when things are messy.* Over time, that message may do more for trust than a perfect track record.',
      ),
    },
    {
      heading: 'How the push to be perfect can get in the way',
      body: md(
        "High standards can come from real care. Still, you might notice that the push to be perfect can also keep people at arm's length. When part of you is always checking for mistakes, it is hard to relax and simply be with someone.",
        'For many people, that push began as a shield against a fear of not being good enough, or of being turned away. From the outside it may look like drive. From the inside it can feel like a worry that never fully rests.',
      ),
    },
    {
      heading: 'Small moments add up',
      body: md(
        'Connection is built in ordinary moments, like these:',
        bullets(
          'A parent who stays steady while a child is upset.',
          'A friend who hears you out before giving advice.',
          'A partner who says, “I missed what you needed just now. Can we try again?”',
        ),
        'None of these moments are perfect. They are real, and that is often what people remember.',
      ),
    },
    {
      heading: 'Kindness starts with you',
      body: md(
        'When you give yourself room to make mistakes, it gets easier to give others the same room. Your close bonds can then become places where it is fine to be unsure, to ask for help, and to grow.',
        'This is not about dropping your standards. It is about keeping people at the center, and that includes you.',
      ),
    },
  ],
  exercise: {
    title: 'A few minutes of being present',
    intro:
      'Try this on any days that suit you this week. There is no right way to do it, and skipping a day is fine.',
    steps: [
      'Pick one person you see often and feel safe with. It could be a child, a partner, a friend, or someone at work.',
      'Set aside five minutes to be with them with nothing to fix, teach, or improve. Put your phone out of reach if you can.',
      'Pay attention to their face, voice, and mood. Let yourself be curious about them instead of about how you are doing.',
      'If you notice a thought about doing it right, name it kindly, such as “there is that urge again,” and turn back to the person.',
      'At the end of the week, fill in this line: “With ___, I noticed ___.” Pick one moment that felt warm or real, even if it was brief.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'when-you-felt-close',
      text: 'Think of a time you felt truly close to someone. What did they do that helped, and was any of it perfect?',
    },
    {
      id: 'what-pulls-you-away',
      text: 'What tends to pull your attention away from the people you care about?',
    },
  ],
  nextSteps: [
    'Choose one regular moment, such as a meal or a walk, to be phone-free with someone you feel safe with.',
    'Bring one warm or real moment from your week to your next session.',
  ],
  furtherReading: [MAYO, RAO],
};
