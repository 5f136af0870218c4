import { DOCUMENT } from '@angular/common';
import {
  afterNextRender,
  EnvironmentProviders,
  inject,
  Injector,
  provideAppInitializer,
} from '@angular/core';
import { NavigationEnd, NavigationError, Router } from '@angular/router';
import { filter, take } from 'rxjs';

export const BOOT_SHELL_ID = 'boot-shell';

/**
 * index.html draws a static shell (name, crisis line) before any script runs. It stays over the
 * app until the first page has rendered, so there is never a blank screen between the two, then
 * it goes (one h1, one crisis line). If the first page cannot load, it stays and says so.
 */
export function provideBootShell(): EnvironmentProviders {
  return provideAppInitializer(() => {
    const router = inject(Router);
    const document = inject(DOCUMENT);
    const injector = inject(Injector);
    router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd || e instanceof NavigationError),
        take(1),
      )
      .subscribe((e) => {
        const shell = document.getElementById(BOOT_SHELL_ID);
        if (!shell) return;
        if (e instanceof NavigationError) {
          const status = shell.querySelector('[role="status"]');
          if (status)
            status.textContent =
              "We couldn't open Attune. Check your connection, then reload the page.";
          return;
        }
        afterNextRender(() => shell.remove(), { injector });
      });
  });
}
