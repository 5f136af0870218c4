import type { ModuleContent } from '../module-content.js';
import { md } from './markdown.js';
import { MAYO, RAO, TRONICK_GOLD } from './sources.js';

export const ruptureAndRepair: ModuleContent = {
  slug: 'rupture-and-repair',
  version: 1,
  title: 'Rupture and Repair: How Bonds Grow Stronger',
  summary:
    'Every close bond has moments when people fall out of step. Mending those moments is what builds trust, for children and for adults.',
  readingMinutes: 4,
  signTags: ['closeness', 'fear-of-mistakes', 'general'],
  sections: [
    {
      heading: 'What a rupture is',
      body: md(
        'A **rupture** is any moment when two people fall out of sync. A baby cries and the parent guesses wrong about why. A teen shares something and gets a lecture when they wanted someone to listen. A partner reaches out and the other is too tired to notice.',
        'Ruptures are not signs that something is broken. They happen in every close bond, every day. Missing a cue now and then simply comes with being human.',
      ),
    },
    {
      heading: 'What repair looks like',
      body: md(
        'A **repair** is the work of finding each other again. With a baby, it can be as simple as noticing the mismatch and soothing the upset. With an older child, it can mean asking what it was like for them, and then listening. Sometimes it means saying sorry out loud, which also shows your child how it is done.',
        'Between adults, repair looks much the same. You might name what happened, say what you wish you had done, and ask what the other person needs now. A repair does not need fancy words. It needs a real wish to reconnect.',
      ),
    },
    {
      heading: 'Why the cycle matters',
      body: md(
        'Each time a rough moment is followed by repair, both people learn something deep down. They learn that a gap between them can be lived through. They learn that the bond holds, even when it is strained. They learn that hard feelings pass and closeness comes back.',
        'This is how resilience grows. People who study parents and babies have found that the back and forth of missing each other and reconnecting is what builds trust over time. A bond with no ruptures at all would never get the chance to learn this.',
      ),
    },
    {
      heading: 'If mistakes feel unsafe to you',
      body: md(
        'If you grew up in a home where mistakes led to harsh words or cold silence, a rupture may feel like a crisis. You might want to avoid it, explain it away, or punish yourself for it. These reactions make sense. They were once a way to stay safe.',
        'It can help to remind yourself that a rupture is an invitation, not a verdict. The next step is not to be perfect. The next step is to reach back.',
      ),
    },
    {
      heading: 'Repair with yourself',
      body: md(
        'Repair also works on the inside. After a hard moment, you can notice how you are treating yourself. Then you can offer yourself the care you would give a child or a friend who was doing their best.',
      ),
    },
  ],
  exercise: {
    title: 'Practice one small repair',
    intro:
      'This exercise is about reaching back after a small moment of distance. Start with something low-stakes. It does not need to go smoothly to count.',
    steps: [
      'Think back over the past few days. Pick one small moment when you and someone close to you fell out of step.',
      'Write one or two lines about what happened, without blaming either of you.',
      "Decide on a simple way to reach back. It could be “I think I missed you earlier. Can you tell me more?” or “I was short with you, and I'm sorry.”",
      'Choose a calm time and try it. Keep it short.',
      'Afterward, notice how you feel in your body and what the other person did. Whatever happened, you practiced reaching back, and that matters.',
      'If it felt too hard this week, try a repair with yourself instead. Write yourself a short, kind note about the moment.',
    ],
  },
  reflectionPrompts: [
    {
      id: 'a-repair-you-remember',
      text: 'Think of a time someone came back to you after a hurt. What was that like for you?',
    },
    {
      id: 'what-makes-repair-hard',
      text: 'What makes reaching back hard for you, and what might make it a little easier?',
    },
  ],
  furtherReading: [RAO, MAYO, TRONICK_GOLD],
};
