import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { ATTACHMENT } from './sources.js';

export const twoAttachmentPaths: ModuleContent = {
  slug: 'two-attachment-paths',
  version: 2,
  title: 'Pulling Away or Holding On: Two Paths to Perfectionism',
  summary:
    'When things feel shaky with people who matter, some of us pull back and cope alone, and some of us hold on tighter. Both reactions can be tied to the push to be perfect, and both can soften.',
  readingMinutes: 4,
  signTags: ['attachment-avoidant', 'attachment-anxious', 'closeness'],
  sections: [
    {
      heading: 'Same moment, two reactions',
      body: md(
        'Picture two people who each get a short, cool reply to something they worked hard on. It might be an email from a manager, a text from a sister, or a comment from a coach.',
        'The first person goes quiet. They fix the problem alone, late at night, and tell no one that it stung. The second person reads the reply five times. They send a follow-up to check that things are okay, then wait with a knot in their stomach.',
        'Both people are trying to feel safe. They just go in opposite directions. Therapists who use attachment ideas sometimes call these the **avoidant** path (pulling away) and the **anxious** path (holding on). These words describe patterns, not people. Most of us use both at different times.',
      ),
    },
    {
      heading: 'What each reaction guards against',
      body: md(
        'Pulling away guards against needing someone who might not come through. The quiet rule is something like: if I can handle it all myself, no one can let me down. Getting things perfect keeps that rule working, because a flawless person never has to ask.',
        'Holding on guards against being left. The quiet rule is closer to: if I get it all right, people will stay. Feedback then gets read as news about the relationship. “This part needs work” can land as “you are less wanted here.”',
        'On either path, a mistake stops being just a mistake. It starts to feel like a risk to closeness.',
      ),
    },
    {
      heading: 'What each can cost',
      body: md(
        bullets(
          'Pulling away can look like strength. The cost is often loneliness. People may admire you without knowing you, because they never see you tired, unsure, or wrong.',
          'Holding on can look like caring a lot. The cost is often exhaustion. You spend energy checking, fixing, and asking, and the relief does not last.',
          'Either path can make it hard to rest or to enjoy a success, because the next test always seems close.',
        ),
      ),
    },
    {
      heading: 'Where these paths may come from',
      body: md(
        'Many therapists link these patterns to early bonds. A child whose feelings met a cool response may learn to need less. A child whose caregiver was warm one day and far away the next may learn to watch closely and try harder.',
        'Research shows links between attachment patterns and perfectionism. It does not show that one causes the other, and it cannot say what happened in any one life. Temperament, culture, school, and later relationships all play a part. If you see yourself here, that is not proof of anything about your past. It is a pattern worth getting to know.',
      ),
    },
    {
      heading: 'Moving toward the middle',
      body: md(
        'The aim is not to swap one path for the other. It is to have more choice in the moment.',
        'If you tend to pull away, one small step is to let a safe person see one small need, such as “Could you look this over with me?” If you tend to hold on, one small step is to pause before you ask for reassurance and to calm yourself first, with a slow breath or a short walk.',
        'Steady, caring relationships can help both patterns ease over time. That might happen with a partner, a friend, or a therapist.',
      ),
    },
  ],
  exercise: {
    title: 'A two-column noticing log',
    intro:
      'This week, watch for moments when something felt off with someone. You are only noticing, not fixing. There are no right answers.',
    steps: [
      'On a page or in your phone notes, make two columns. Label them “Pulled away” and “Held on.”',
      'When a moment of feedback, silence, or tension happens, write it in a few words under the column that fits. If both fit, write it in both.',
      'Next to it, add what you did, such as “worked late alone” or “sent a second text.”',
      'Add one word for what you needed then: space, comfort, a reply, or something else.',
      'At the end of the week, look for a pattern. If you like, bring the page to your therapist.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'which-pull',
      text: 'When things go wrong with someone close, do you tend to pull away, hold on tighter, or something else?',
    },
    {
      id: 'valued-for-who-you-are',
      text: 'What would help you feel valued for who you are, and not only for what you do?',
    },
  ],
  nextSteps: [
    'If holding on sounds familiar, wait ten minutes the next time you want to ask someone if things are okay. Notice what the worry does while you wait.',
    'If pulling away sounds familiar, ask one person who has been safe and kind with you for one small bit of help this week.',
  ],
  furtherReading: [ATTACHMENT],
};
