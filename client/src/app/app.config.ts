import { DOCUMENT } from '@angular/common';
import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { routes } from './app.routes';
import { AuthStore } from './core/auth-store';
import { EarlyData } from './core/early-data';
import { startFirstPage } from './first-page';
import { provideBootShell } from './core/boot-shell';
import { provideFocusOnNavigation } from './core/focus-on-navigation';
import { AttuneTitleStrategy } from './core/title-strategy';
import { stepUpInterceptor } from './core/step-up.interceptor';
import { unauthorizedInterceptor } from './core/unauthorized.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    provideBootShell(),
    provideFocusOnNavigation(),
    { provide: TitleStrategy, useClass: AttuneTitleStrategy },
    provideHttpClient(
      withFetch(),
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([unauthorizedInterceptor, stepUpInterceptor]),
    ),
    // Icons come from the self-hosted Material Symbols font, cut down to the icons in use
    // (src/icons/icons.scss).
    provideAppInitializer(() => {
      inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
      // Ask who is signed in now, alongside the first page's code rather than after it (the
      // route guards wait for the same answer); not awaited, so nothing waits on it here.
      const auth = inject(AuthStore);
      void auth.ensureLoaded();
      // A client's home or reader: its code and data too, side by side (first-page.ts).
      void startFirstPage(inject(DOCUMENT).location.pathname, auth, inject(EarlyData));
    }),
    // Last: the app's first view and the router's first navigation are made in the next task,
    // after the requests above are on their way, rather than in one long task with them. The
    // first page needs its code and data from the network first anyway, so it shows no later.
    provideAppInitializer(() => new Promise<void>((resolve) => setTimeout(resolve))),
  ],
};
