/** The outbox kind of the weekly note about open reading and screeners. */
export const GENTLE_REMINDER_KIND = 'gentle.reminder';

/** At most one gentle reminder per client in this many days (and one per ISO week). */
export const GENTLE_REMINDER_MIN_DAYS = 7;

export interface GentleReminderInput {
  /** The name the client goes by. */
  name: string;
  practiceName: string;
  /** A reading is waiting. */
  reading: boolean;
  /** A screener is waiting. */
  screener: boolean;
  /** The client's home page. */
  homeUrl: string;
  /** Where the client turns these notes off. */
  settingsUrl: string;
}

/**
 * The weekly note, worded without pressure: no "overdue", no counts, no titles (an email is not a
 * private place, and a module's title can say more than the client wants said), one link home and
 * one to turn the notes off. Plain language, grade 8 or lower (tested).
 */
export function gentleReminderEmail(i: GentleReminderInput): { subject: string; text: string } {
  const what =
    i.reading && i.screener
      ? 'some reading and a short check-in'
      : i.reading
        ? 'some reading'
        : 'a short check-in';
  return {
    subject: `A note from ${i.practiceName}`,
    text: [
      `Hello ${i.name},`,
      '',
      `Your therapist shared ${what} with you. It is there whenever you want it. There is no rush, and you do not need to do it all at once.`,
      '',
      `Open your space: ${i.homeUrl}`,
      '',
      'We send this note at most once a week, and only while something is waiting for you.',
      `You can turn these notes off at any time here: ${i.settingsUrl}`,
      '',
      'If you need help right now, call or text 988, or call 911.',
      '',
      i.practiceName,
    ].join('\n'),
  };
}
