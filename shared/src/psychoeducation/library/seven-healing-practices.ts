import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { NEFF, PAPA } from './sources.js';

export const sevenHealingPractices: ModuleContent = {
  slug: 'seven-healing-practices',
  version: 2,
  title: 'Seven Practices to Try, and When to Use Them',
  summary:
    'Here are seven practices many people use to ease a long-standing push to be perfect. They are grouped by when they fit: in a hard moment, when you plan, and over the longer run.',
  readingMinutes: 4,
  signTags: ['general', 'self-criticism', 'all-or-nothing', 'closeness'],
  sections: [
    {
      heading: 'How to use this list',
      body: md(
        'You do not need all seven. Most people start with one that feels within reach and add others later. The groups below are about timing, not about which practice matters most.',
        'Some of these have more research behind them than others. Self-compassion, and the work on thinking habits used in cognitive behavioral therapy (CBT), have the most study for perfectionism. Mindfulness has some. The rest are common ideas that many therapists use. None of them asks you to drop your standards. They ask you to be less harsh with yourself on the way.',
      ),
    },
    {
      heading: 'In a hard moment',
      body: md(
        "**Name the critic.** When a harsh thought shows up, give it a label: “That's the critic again.” A name puts a little space between you and the thought.",
        '**Talk to yourself like a friend.** After a slip, try three short lines: “This is hard. Lots of people struggle with this. I can be kind to myself right now.” Resting a hand on your arm or chest may help, if touch feels okay to you. If it does not, leave that part out.',
        "**Come back to now.** Say, “I notice I'm having the thought that this has to be perfect.” Then turn to one thing in front of you: your feet on the floor, a sound in the room, or your breath.",
      ),
    },
    {
      heading: 'When you plan or judge a result',
      body: md(
        '**Look for the middle.** When your mind offers only perfect or failed, ask, “What would good enough look like here?” or “What would I say if a friend had done this?”',
        "**Check what fuels a goal.** Before you set a goal, ask, “Am I doing this because I'm curious, or because I'm scared of what happens if I don't?” Goals fueled by fear tend to keep growing. Goals fueled by interest can bend. Either way, break big goals into steps small enough to start today.",
      ),
    },
    {
      heading: 'Over weeks and months',
      body: md(
        '**Let safe people in.** Choose one person who has been kind when you were not at your best. Share one small mistake with them and notice how they respond. Only try this with someone who is safe for you.',
        '**Think about therapy.** A therapist can help you understand where these patterns came from and practice new ones with you. Your therapist can also tell you which kinds of therapy have the most research for what you are facing.',
      ),
    },
    {
      heading: 'Go at your own pace',
      body: md(
        'Change rarely moves in a straight line. Some weeks the critic will be loud, and some weeks kindness will come more easily. Both are normal, and neither means a practice is failing you.',
      ),
    },
  ],
  exercise: {
    title: 'Choose one practice for this week',
    intro: 'Rather than trying everything, choose the one practice that fits your week best.',
    steps: [
      'Read the three groups and pick one practice that feels like a small stretch, not a leap.',
      'Write it on a sticky note or a phone note in five words or fewer, like “Name the critic.”',
      'Decide when you will use it. Fill in this line: “When ___ happens, I will ___.” For example: “When I reread an email three times, I will ask what good enough looks like.”',
      'Try it a few times this week. Days when it does not happen are fine.',
      'At the end of the week, write one line about what you noticed. Keep the practice, change it, or pick another.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'practice-within-reach',
      text: 'Which of the seven practices feels most within reach for you right now, and why?',
    },
    {
      id: 'support-you-want',
      text: 'What kind of support would make this work feel less lonely?',
    },
  ],
  nextSteps: [
    'Set one phone reminder for the time of day your critic tends to be loudest, and label it with the practice you chose.',
    'Tell your therapist which practice you picked, and ask which one they would suggest next.',
  ],
  furtherReading: [PAPA, NEFF],
};
