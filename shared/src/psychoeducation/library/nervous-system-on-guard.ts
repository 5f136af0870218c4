import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { HUGHES_BAYLIN, PAPA, RAO } from './sources.js';

export const nervousSystemOnGuard: ModuleContent = {
  slug: 'nervous-system-on-guard',
  version: 1,
  title: 'A Body on Guard: Threat and Your Nervous System',
  summary:
    'For some people, the push to be perfect lives in the body as a constant watch for danger. Learning how that works can help you find your way back to calm.',
  readingMinutes: 3,
  signTags: ['body-stress', 'fear-of-mistakes', 'general'],
  sections: [
    {
      heading: 'Your built-in alarm',
      body: md(
        'Your nervous system has an alarm. Its job is to spot danger and get you ready to act. When it goes off, your heart speeds up, your muscles tighten, and your focus narrows. This is healthy. It has kept humans alive for a very long time.',
        'If mistakes were once truly unsafe for you, your alarm may have learned to treat them as danger. Maybe an error led to yelling, cold silence, or deep shame. Maybe you were taught, with or without words, that only some ways of acting made you a good kid. Your body remembered, even if your mind moved on.',
      ),
    },
    {
      heading: 'Always scanning',
      body: md(
        'When a young person lives with stress that does not let up, their brain adapts. It learns to stay on high alert and to keep scanning for what could go wrong. This is called **hypervigilance**. Trying to be perfect can become one way to scan for mistakes and head them off before they cause harm.',
        'This alert state can carry on into adult life. You might notice it as steady worry, a harsh inner voice, or a body that rarely feels at ease.',
      ),
    },
    {
      heading: 'What happens when the alarm goes off',
      body: md(
        'Even a small mistake, or one you only picture, can set off the alarm. Fear, panic, or anger may rush in. So may guilt, shame, or a strong wish to hide. These are ways your body tries to protect you.',
        "There is a cost, though. When the body is set on survival, the parts of us built for connection go quiet. It gets harder to read other people's faces and tone. It gets harder to send them signals of warmth and safety. This is why trying to be a perfect parent or partner can make it harder to connect. The effort itself can keep you on guard.",
      ),
    },
    {
      heading: 'Finding your way back',
      body: md(
        'The goal is not to get rid of the alarm. You need it. The goal is to help your body notice when it is safe enough to stand down.',
        'One simple way is to pause and get curious. Noticing what is going on inside you, and asking yourself questions about it, uses parts of the brain that switch off under threat. Waking them up on purpose helps your body shift toward calm and connection.',
      ),
    },
  ],
  exercise: {
    title: 'Pause, notice, ask',
    intro:
      'Try this short practice once a day, or any time you feel the alarm rise this week. It takes about a minute. There is no wrong way to do it.',
    steps: [
      'Pause. Put both feet on the floor and let your breath out slowly.',
      'Notice your body. Where do you feel tension, heat, or a rush? Just name it, like “tight chest” or “fast heart.”',
      'Ask yourself one curious question, such as “What is my body bracing for?” or “Is there danger right now, or does it just feel that way?”',
      'Look around and name three things you can see. This reminds your body where you are now.',
      'Notice any small shift, even a tiny one. If nothing shifts, that is okay too. You still practiced.',
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
  furtherReading: [RAO, PAPA, HUGHES_BAYLIN],
};
