import type { ModuleContent } from '../module-content.js';
import { bullets, md } from './markdown.js';
import { MAYO, RAO, TRONICK_GOLD } from './sources.js';

export const ruptureAndRepair: ModuleContent = {
  slug: 'rupture-and-repair',
  version: 2,
  title: 'Rupture and Repair: Finding Each Other Again',
  summary:
    'Every close relationship has moments when people fall out of step. Coming back together after those moments, when it is safe to do so, can help trust grow.',
  readingMinutes: 4,
  signTags: ['closeness', 'fear-of-mistakes', 'general'],
  sections: [
    {
      heading: 'Small breaks happen every day',
      body: md(
        'A friend answers your big news with a story of their own. You snap at your partner after a long day. A parent is on the phone when their child wants to show them a drawing. A coworker does not notice you were left out of a meeting.',
        'Therapists call moments like these **ruptures**: times when two people fall out of step. Most are small. They happen in every close relationship, because no one can read another person right all the time.',
      ),
    },
    {
      heading: 'Three parts of a repair',
      body: md(
        'A **repair** is how two people find each other again. It does not need perfect words. It often has three parts:',
        bullets(
          '**Notice.** Something felt off. “I think I missed something earlier.”',
          '**Name it.** Say what you saw, without a long defense. “I was short with you when you told me about your day.”',
          '**Reconnect.** Ask, listen, or offer comfort. “Can you tell me again? I want to hear it.”',
        ),
        'With a baby, repair can be as simple as coming close again and soothing the upset. With an older child or an adult, it often means hearing their side and, when it fits, saying sorry. Repair can go the other way too. You can let someone know that a moment hurt you.',
      ),
    },
    {
      heading: 'When repair is not safe',
      body: md(
        'Repair works between people who are safe with each other. You do not owe a repair to someone who has hurt you badly, who mocks your feelings, or who uses your openness against you. If reaching out to someone could put you at risk, this module is not asking you to do it.',
        'In those cases, repair can still happen in other ways: with a therapist, with friends who are safe, or inside yourself.',
      ),
    },
    {
      heading: 'Why repair can matter',
      body: md(
        'Researchers who have filmed parents and babies report that even close, secure pairs are often out of step. What stood out was how often those pairs found their way back to each other.',
        'Many therapists believe each repair carries a lesson for both people: a gap can be lived through, and closeness can come back. Repair can help trust grow. It is not a promise, though, and one repair does not undo a pattern of harm.',
      ),
    },
    {
      heading: 'If ruptures set off your alarm',
      body: md(
        'If mistakes once led to harsh words or cold silence, even a small rupture can feel like an emergency. You might rush to fix it, explain it away, or go quiet and punish yourself. Those reactions made sense once.',
        'It can help to slow down. A rupture is usually a moment, not a verdict on you or the relationship. You can repair with yourself too: notice how you are treating yourself, and offer the words you would give a friend.',
      ),
    },
  ],
  exercise: {
    title: 'One small repair',
    intro:
      'Practice only with someone who is safe for you: a person who has not hurt or shamed you when you were open with them. Start with something low-stakes. If no one feels safe right now, do steps 1, 2, and 6 only.',
    steps: [
      'Think back over the past week. Pick one small moment when you and someone close fell out of step.',
      'Write two lines about what happened, without blaming either of you.',
      "Fill in this line: “I think I ___. I'd like to ___.” For example: “I think I rushed you earlier. I'd like to hear the rest.”",
      'Choose a calm time and say it, in person or in a message. Keep it short.',
      'Notice what the other person does and how your body feels. Repairs do not always land at first, and that does not mean you did it wrong.',
      'Write yourself one kind line about the moment, the kind you would write to a friend.',
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
  nextSteps: [
    'The next time someone safe tells you a moment hurt them, try the three parts: notice, name it, reconnect.',
    'If there is a relationship where repair feels unsafe or keeps going wrong, bring it to your next session.',
  ],
  furtherReading: [RAO, MAYO, TRONICK_GOLD],
};
