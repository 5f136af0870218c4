/**
 * Tone checks for client-facing wording that ships with Attune (built-in modules and the
 * built-in screener). Perfectionism-aware writing treats the reader as an adult: it does not
 * hand out gold stars for effort or courage, because praise for trying keeps the reader graded.
 */

/** Lines that praise or grade the reader, e.g. "you took a brave step", "trying is what counts". */
export const GOLD_STARS =
  /\b(brave|bravery|courage(ous)?|proud of you|well done|good job|great job|nice work|way to go|keep it up|you did it(?! wrong)|you've got this|you got this|trying is what counts|what counts is|every (little )?step counts|that matters|give yourself credit|pat yourself on the back|celebrate (your|this) (win|success))\b/i;

/** The gold-star phrases found in `text` (empty when there are none). */
export function goldStars(text: string): string[] {
  const global = new RegExp(GOLD_STARS.source, 'gi');
  return [...text.matchAll(global)].map((m) => m[0]);
}
