import { afterNextRender, signal, type Signal } from '@angular/core';

/**
 * For a page whose first draw is one long task on a slow phone: a signal that turns true just
 * after the page's first draw. The page shows its top (heading, lead) first and the rest, gated
 * on this, in the next frame: two shorter tasks instead of one long one, so the phone can answer
 * a tap (on the crisis line, say) in between. Nothing above the second part moves when it
 * arrives. Call it in a component's constructor (an injection context).
 */
export function drawnOnce(): Signal<boolean> {
  const drawn = signal(false);
  afterNextRender(() => drawn.set(true));
  return drawn.asReadonly();
}
