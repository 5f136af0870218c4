/** Small helpers that keep module bodies readable in source. */

/** Joins blocks (paragraphs or lists) into one Markdown body, separated by blank lines. */
export function md(...blocks: string[]): string {
  return blocks.join('\n\n');
}

/** A short bulleted Markdown list. */
export function bullets(...items: string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}
