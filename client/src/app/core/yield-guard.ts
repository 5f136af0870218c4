import { CanActivateFn } from '@angular/router';

/**
 * Lets the browser breathe between finding a page (loading and running its code, checking who
 * may see it) and drawing it: the router's work then comes in two shorter tasks instead of one
 * long one, so a slow phone can answer a tap (on the crisis line, say) in between. It delays
 * nothing else: the page is drawn in the very next task.
 */
export const yieldToBrowser: CanActivateFn = () =>
  new Promise<boolean>((resolve) => setTimeout(() => resolve(true)));
