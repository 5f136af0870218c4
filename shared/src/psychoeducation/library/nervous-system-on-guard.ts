import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { HUGHES_BAYLIN, PAPA, RAO } from './sources.js';

export const nervousSystemOnGuard: ModuleContent = {
  slug: 'nervous-system-on-guard',
  version: 2,
  title: 'A Body on Guard: Threat and Your Nervous System',
  summary:
    'For some people, the push to be perfect comes with a body that rarely feels at ease. This module looks at what being on guard can feel like, what science does and does not know, and small ways to help your body settle.',
  readingMinutes: 4,
  signTags: ['body-stress', 'fear-of-mistakes', 'general'],
  sections: [
    {
      heading: 'Signs of a body on guard',
      body: md(
        'Being on guard is often easier to feel than to explain. See if any of these sound like you:',
        bullets(
          'Your jaw, shoulders, or stomach stay tight, even at rest.',
          'A new email or a knock at the door makes you jump.',
          'You scan a room, a face, or a message for signs that something is wrong.',
          'Your heart races after a small mistake, long after the moment has passed.',
          'Your sleep is light, or your mind starts listing tasks as soon as you lie down.',
        ),
        'These are common. They are not a sign that something is wrong with you.',
      ),
    },
    {
      heading: 'An alarm set to sensitive',
      body: md(
        'Think of a smoke alarm. A good one goes off when there is a fire. One that is set too sensitive goes off when you make toast.',
        'Your body has its own alarm, the stress response. When it fires, your heart speeds up, your muscles tense, and your focus narrows. In real danger, that is useful. For some people, often those who grew up where mistakes led to yelling, cold silence, or shame, the alarm may have learned to fire for small errors too.',
        'Perfectionism can then feel like a way to keep the alarm quiet. If nothing ever goes wrong, it never has to ring. The trouble is that the watching itself keeps you on edge.',
      ),
    },
    {
      heading: 'What science knows, and what it does not',
      body: md(
        'Scientists know a lot about the short-term stress response. They know much less about how years of stress shape the brain and body of any one person. You may read that trauma “rewires the brain,” or that the vagus nerve decides whether you feel safe. These ideas, including one called polyvagal theory, can be useful pictures. They are still debated, and no test can show what your own nervous system has learned.',
        'What many people notice is simpler. When they feel on guard, it is harder to listen, to read faces, and to feel close to others. When they feel a bit safer, connection tends to come more easily.',
      ),
    },
    {
      heading: 'Small signals of safety',
      body: md(
        'You cannot argue an alarm into silence. What seems to help many people is giving the body small, concrete signs that this moment is safe enough. Try whichever fits:',
        bullets(
          '**A longer breath out.** Breathe in for a count of four and out for a count of six.',
          '**A look around.** Name three things you can see, to remind yourself where you are now.',
          '**Movement.** Shake out your hands, stretch, or walk for a few minutes.',
          '**Curiosity.** Ask, “What is my body bracing for?” and just notice the answer.',
        ),
        'None of these works every time, for everyone. If one makes you feel worse, drop it and try another one, or none.',
      ),
    },
  ],
  exercise: {
    title: 'A one-minute settle',
    intro:
      'Try this once a day this week, or when you notice your alarm rising. It takes about a minute, and you can keep your eyes open. If you feel more upset, dizzy, or shaky at any point, stop. Look around the room, press your feet into the floor, and do something ordinary, like getting a glass of water. You can skip this practice, try again another day, or talk it over with your therapist.',
    steps: [
      'Put both feet on the floor. Let your breath out slowly, a little longer than your breath in.',
      'Notice one place in your body that feels tight or busy. Name it in a few words, like “tight chest” or “fast heart.”',
      'Ask yourself, “Is there danger right now, or does it just feel that way?”',
      'Name three things you can see around you.',
      'Before and after, rate how on guard you feel from 0 to 10, and jot both numbers down. A change of one point is worth knowing about, and so is no change at all.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'alarm-signals',
      text: 'What are the first signs in your body that your alarm is going off?',
    },
    {
      id: 'what-helps-you-settle',
      text: 'What helps you feel even a little safer when you are on edge?',
    },
  ],
  nextSteps: [
    'Save the signal of safety that suits you best as a note on your phone, so it is there when your alarm rises.',
    'If being on guard affects your sleep or health, mention it to your doctor as well as your therapist.',
  ],
  furtherReading: [RAO, PAPA, HUGHES_BAYLIN],
};
