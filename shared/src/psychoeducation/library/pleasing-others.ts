import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { MAYO, PAPA } from './sources.js';

export const pleasingOthers: ModuleContent = {
  slug: 'pleasing-others',
  version: 2,
  title: 'Pleasing Others at Your Own Expense',
  summary:
    'Putting others first can be a real strength. When it means losing track of your own needs, it may be a pattern worth a closer look.',
  readingMinutes: 3,
  signTags: ['people-pleasing'],
  sections: [
    {
      heading: 'What people-pleasing can look like',
      body: md(
        'You might notice that you say yes before you have thought about it. You might work hard to keep everyone happy, steer clear of conflict, and sense what others want before they ask. Saying no, or asking for something, can feel selfish or even scary.',
        "People-pleasing means putting other people's approval ahead of your own needs and limits. Many kind, caring people do it without realizing.",
      ),
    },
    {
      heading: 'Why it makes sense',
      body: md(
        "For many people, pleasing others began as a way to stay safe or stay close. If a parent's mood was hard to predict, keeping them happy might have kept the peace. If warmth came after being helpful, being helpful became the way to be loved.",
        'Some children take on the role of peacemaker, or “the easy one.” That role can follow you into adult life: at work, with friends, and with partners.',
      ),
    },
    {
      heading: 'The hidden cost',
      body: md(
        'When your needs always come last, you can end up tired, resentful, or unsure of what you want. Others may not know the real you, because they mostly see the version that keeps them comfortable.',
        'Closeness needs two real people. When one person is always adjusting, the bond can feel safe on the surface but lonely underneath.',
      ),
    },
    {
      heading: 'Limits as a form of care',
      body: md(
        'A **boundary** is a limit that protects your time, energy, or body. Setting one is not unkind. It tells people who you are and what you need, which gives them a chance to know you.',
        'Start small, and start with people who are safe for you. You do not need to change everything at once. Each small limit you set and live through can make it a little easier to have needs.',
      ),
    },
  ],
  exercise: {
    title: 'The pause before yes',
    intro:
      'This week, practice making room between a request and your answer. The goal is not to say no to everything. It is to choose. Practice only with people who are safe for you. If saying no to someone could lead to anger you fear, threats, or harm, do not practice with them. Talk with your therapist about that relationship instead.',
    steps: [
      'Pick a short phrase that buys you time, such as “Let me check and get back to you.”',
      'When someone asks for something, use your phrase instead of saying yes right away.',
      'In the pause, ask yourself: “Do I want to do this? Do I have the time and energy?”',
      'Then answer in the way that fits. A yes you choose is just as welcome as a no.',
      'Notice how the other person responds. With safe people, it is often milder than you feared.',
      'At the end of the week, fill in this line: “One need of mine I noticed this week is ___.”',
    ],
  },
  reflectionPrompts: [
    {
      id: 'pleasing-roots',
      text: 'When did you first learn that keeping others happy mattered so much?',
    },
    {
      id: 'one-small-need',
      text: 'What is one small need of yours that you would like to make room for?',
    },
  ],
  nextSteps: [
    'Write your time-buying phrase on a sticky note or in your phone, so it is ready the next time someone asks.',
    'Pick one small request from someone safe that you would like to say no to, and talk it through with your therapist first if it feels hard.',
  ],
  furtherReading: [PAPA, MAYO],
};
