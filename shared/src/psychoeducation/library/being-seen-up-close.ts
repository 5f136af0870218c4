import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { ATTACHMENT, MAYO, PAPA } from './sources.js';

export const beingSeenUpClose: ModuleContent = {
  slug: 'being-seen-up-close',
  version: 2,
  title: 'Letting People See the Real You',
  summary:
    'The drive to be perfect can make closeness feel risky, because being close means being seen. This module explores that fear and small ways to let others in.',
  readingMinutes: 3,
  signTags: ['closeness'],
  sections: [
    {
      heading: 'When closeness feels risky',
      body: md(
        'You might notice that you want to be close to people, yet something holds you back. You may keep talks light, hide your struggles, or show only your best side. You might feel lonely even when people are around.',
        'For many people with high standards, the fear is simple: if they see my flaws, they might leave.',
      ),
    },
    {
      heading: 'Where this fear can come from',
      body: md(
        'If love once seemed to depend on doing well, showing your mistakes could feel like putting that love at risk. So you learned to manage how others see you. That may have worked well at school or at work. But it can make real closeness hard.',
        'Closeness asks for the very thing the push to be perfect tries to avoid: being seen as you are, mess and all.',
      ),
    },
    {
      heading: 'The loneliness of a polished self',
      body: md(
        "A polished self can earn respect and praise. It often cannot earn the deep sense of being known. People may admire you without feeling close to you. You may feel that they love a version of you that isn't quite real.",
        'Painful early years can also make trust hard. Pulling back may feel safer. But being alone for a long time tends to make hard feelings heavier, not lighter.',
      ),
    },
    {
      heading: 'Small risks, real rewards',
      body: md(
        'You do not have to share everything with everyone. Trust is built in small steps with safe people. Each time you share a little and are met with care, you gather new proof that closeness can survive your flaws.',
        'Look for people who listen, who do not judge, and who have their own rough edges. They are often the best people to practice with.',
      ),
    },
  ],
  exercise: {
    title: 'Share one small thing',
    intro:
      'This week, practice letting one person see a small, imperfect part of you. Only do this with someone who is safe for you: a person who has been kind when you were open before. If no one feels safe right now, share it with your therapist or write it in your reflection instead.',
    steps: [
      'Think of one person who tends to be kind, keeps things private, and is easy to be around.',
      'Pick one small, true thing to share. It might be a mistake you made, a worry, or something you find hard right now.',
      'Share it in a few words when the moment feels right. You do not need to explain it perfectly.',
      'Notice how they respond. Notice, too, what happens in your body.',
      'Afterward, fill in these lines: “I shared ___. They responded by ___. In my body I noticed ___.”',
    ],
  },
  reflectionPrompts: [
    {
      id: 'safe-people',
      text: 'Who in your life feels safe enough to be a little imperfect around?',
    },
    {
      id: 'what-you-keep-hidden',
      text: 'What part of yourself do you most often keep hidden, and what do you fear would happen if someone saw it?',
    },
  ],
  nextSteps: [
    'Make a short list of two or three people who have been safe with you, and keep it somewhere you can find it.',
    'If sharing went okay, choose one more small, true thing to share with the same person in the coming weeks.',
  ],
  furtherReading: [ATTACHMENT, PAPA, MAYO],
};
