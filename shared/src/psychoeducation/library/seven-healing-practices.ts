import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { NEFF, PAPA } from './sources.js';

export const sevenHealingPractices: ModuleContent = {
  slug: 'seven-healing-practices',
  version: 1,
  title: 'Seven Practices for Healing',
  summary:
    'Healing from a lifelong push to be perfect is slow and gentle work. Here are seven practices many people find helpful, with a small way to try each one.',
  readingMinutes: 3,
  signTags: ['general', 'self-criticism', 'all-or-nothing', 'closeness'],
  sections: [
    {
      heading: 'Before you begin',
      body: md(
        'Healing from this pattern takes time and patience, and support often helps. You do not have to give up your standards. It is about building a kinder bond with yourself, your work, and your mistakes.',
        'You do not need to try all seven practices at once. Pick one that feels doable and start there.',
      ),
    },
    {
      heading: 'Noticing and kindness',
      body: md(
        '**1. Get to know your inner critic.** Start noticing when the harsh voice shows up and what sets it off. A journal can help you spot patterns. When you catch it, give it a label, like “there is my critic.”',
        '**2. Practice self-compassion.** Treat yourself the way you would treat a good friend who was having a hard time. When you slip up, you might rest a hand on your chest and say something like, “This is hard. Everyone struggles sometimes. I can be gentle with myself right now.”',
      ),
    },
    {
      heading: 'Thinking and goals',
      body: md(
        '**3. Look for the gray.** When you notice thinking in extremes, look for the space between perfect and failed. Ask how you would see things if a friend were in your place.',
        '**4. Set kind, flexible goals.** Break big tasks into small steps, and notice progress along the way. For each goal, ask yourself: am I doing this out of curiosity and a wish to grow, or out of fear and a need to prove myself?',
      ),
    },
    {
      heading: 'Presence and people',
      body: md(
        '**5. Practice being present.** A few minutes a day of quiet attention can make space between a trigger and your reaction. When a must-be-perfect thought comes up, you can note it, “I notice a thought that I must get this right,” and then bring your attention back to now.',
        '**6. Build a circle of support.** Hard early years can make closeness feel risky, and being alone can make things harder. Find one or two people you can be imperfect with. Share a small mistake and see how they respond.',
        '**7. Think about therapy.** A therapist who understands how early experiences shape this pattern can offer a safe place to explore where it came from. Together you can practice fresh, gentler ways to treat yourself and the people around you.',
      ),
    },
    {
      heading: 'Go at your own pace',
      body: md(
        'Healing does not move in a straight line. Some weeks the critic will be loud. Other weeks kindness will come more easily. Both are part of the path, and neither means you are doing it wrong.',
      ),
    },
  ],
  exercise: {
    title: 'Choose one practice for this week',
    intro: 'Rather than trying everything, choose the practice that feels most doable right now.',
    steps: [
      'Read through the seven practices and pick one that feels like a gentle stretch, not a leap.',
      'Write it down in a few words where you will see it, like on a sticky note.',
      'Decide on one small way to try it this week. For example, label your critic once a day, or share one small mistake with a friend.',
      "Try it a few times. It's fine if some days it doesn't happen.",
      'At the end of the week, write down what you noticed. Keep the practice, change it, or choose another one.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'practice-within-reach',
      text: 'Which of the seven practices feels most within reach for you right now, and why?',
    },
    {
      id: 'support-you-want',
      text: 'What kind of support would make healing feel less lonely?',
    },
  ],
  furtherReading: [PAPA, NEFF],
};
