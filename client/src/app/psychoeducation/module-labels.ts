import type { SignTag } from '@attune/shared';

// Types only from @attune/shared here: the client's reader and reading list import these labels,
// and a runtime import of the package would bring the Markdown parser into their first load.

/**
 * Plain names for the sign tags, in SIGN_TAGS order (a new tag in @attune/shared fails the
 * compile here; module-labels.spec.ts checks the order).
 */
export const SIGN_TAG_LABELS: Record<SignTag, string> = {
  'all-or-nothing': 'All-or-nothing thinking',
  'fear-of-mistakes': 'Fear of mistakes',
  'dwelling-on-flaws': 'Dwelling on flaws',
  procrastination: 'Putting things off',
  'accepting-praise': 'Taking in praise',
  'self-criticism': 'Self-criticism',
  'people-pleasing': 'People-pleasing',
  'body-stress': 'Stress in the body',
  closeness: 'Strain in closeness',
  'attachment-avoidant': 'Attachment: avoidant',
  'attachment-anxious': 'Attachment: anxious',
  general: 'General background',
};

export const SIGN_TAG_OPTIONS = (Object.keys(SIGN_TAG_LABELS) as SignTag[]).map((tag) => ({
  tag,
  label: SIGN_TAG_LABELS[tag],
}));

export function signTagLabel(tag: string): string {
  return SIGN_TAG_LABELS[tag as SignTag] ?? tag;
}

/** "About 1 minute", "About 6 minutes". */
export function readingTime(minutes: number): string {
  return minutes === 1 ? 'About 1 minute' : `About ${minutes} minutes`;
}

/** Gentle progress for the client, never a percentage: "You've read 2 of 5 parts". */
export function clientProgress(read: number, total: number): string {
  if (read === 0) return 'Not started yet';
  if (read >= total) return total === 1 ? "You've read it" : `You've read all ${total} parts`;
  return `You've read ${read} of ${total} ${total === 1 ? 'part' : 'parts'}`;
}

/** Progress for the therapist: "read 2 of 5 parts". */
export function staffProgress(read: number, total: number): string {
  if (read === 0) return 'not opened yet';
  return `read ${read} of ${total} ${total === 1 ? 'part' : 'parts'}`;
}

/** Labels for the optional "Was this helpful?" answer. */
export const HELPFUL_LABELS: Record<number, string> = {
  1: 'Not really',
  2: 'A little',
  3: 'Somewhat',
  4: 'Quite a bit',
  5: 'Very much',
};
