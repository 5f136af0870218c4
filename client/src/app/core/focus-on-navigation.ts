import { DOCUMENT } from '@angular/common';
import {
  afterNextRender,
  DestroyRef,
  EnvironmentProviders,
  inject,
  Injector,
  provideAppInitializer,
} from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

// A page that loads its data first shows its heading a moment later: wait that long for it.
const WAIT_FOR_HEADING_MS = 3000;

/**
 * After each in-app navigation (not the first page load, where a screen reader starts at the top
 * anyway), moves keyboard focus to the new page's main heading, so keyboard and screen-reader
 * users land on the new page instead of on a link that is gone or on the body. Focus is not
 * taken from someone who has moved it into the page meanwhile.
 */
export function provideFocusOnNavigation(): EnvironmentProviders {
  return provideAppInitializer(() => {
    const router = inject(Router);
    const document = inject(DOCUMENT);
    const injector = inject(Injector);
    let first = true;
    let cancel: (() => void) | null = null;
    const sub = router.events
      .pipe(filter((e): e is NavigationEnd => e instanceof NavigationEnd))
      .subscribe(() => {
        cancel?.();
        cancel = null;
        if (first) {
          first = false;
          return;
        }
        afterNextRender(() => (cancel = focusHeadingWhenShown(document)), { injector });
      });
    inject(DestroyRef).onDestroy(() => {
      sub.unsubscribe();
      cancel?.();
    });
  });
}

/** The routed page's h1: inside the main landmark when there is one. */
export function mainHeading(document: Document): HTMLElement | null {
  const mains = Array.from(document.querySelectorAll('main'));
  const main = mains[mains.length - 1];
  return (main ?? document).querySelector<HTMLElement>('h1');
}

function focusHeadingWhenShown(document: Document): () => void {
  const moveFocus = (heading: HTMLElement) => {
    const active = document.activeElement;
    const main = heading.closest('main');
    // Someone already working inside the page keeps their place.
    if (active && active !== document.body && main?.contains(active) && active !== main) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  };
  const now = mainHeading(document);
  if (now) {
    moveFocus(now);
    return () => undefined;
  }
  const view = document.defaultView;
  if (!view?.MutationObserver) return () => undefined;
  const observer = new view.MutationObserver(() => {
    const heading = mainHeading(document);
    if (heading) {
      stop();
      moveFocus(heading);
    }
  });
  const timer = view.setTimeout(() => stop(), WAIT_FOR_HEADING_MS);
  const stop = () => {
    observer.disconnect();
    view.clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}
