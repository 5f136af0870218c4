import { Routes } from '@angular/router';
import { Shell } from '../core/shell/shell';
// Home comes with the area (not a chunk of its own): it is where every client lands, and one
// fewer round trip before it shows matters on a slow phone.
import { Home } from './home/home';

export const CLIENT_ROUTES: Routes = [
  {
    path: '',
    component: Shell,
    data: { area: 'client' },
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Home',
        component: Home,
      },
      {
        path: 'screeners',
        title: 'Screeners',
        loadComponent: () => import('./screener-list/screener-list').then((m) => m.ScreenerList),
      },
      {
        path: 'screeners/:id',
        title: 'Screener',
        loadComponent: () =>
          import('./screener-runner/screener-runner').then((m) => m.ScreenerRunner),
      },
      {
        path: 'reading',
        title: 'Reading',
        loadComponent: () =>
          import('../psychoeducation/reading-list/reading-list').then((m) => m.ReadingList),
      },
      {
        path: 'reading/:assignmentId',
        title: 'Reading',
        loadComponent: () =>
          import('../psychoeducation/module-reader/module-reader').then((m) => m.ModuleReader),
      },
      // Reminder emails used to have a page of their own; they live on "Your account" now.
      { path: 'settings', redirectTo: 'account' },
      {
        path: 'account',
        title: 'Your account',
        loadComponent: () => import('./account/account').then((m) => m.ClientAccount),
      },
      {
        path: 'sessions',
        title: 'Sessions',
        loadComponent: () =>
          import('../scheduling/client-sessions/client-sessions').then((m) => m.ClientSessions),
      },
      {
        path: 'sessions/book',
        title: 'Book a session',
        loadComponent: () =>
          import('../scheduling/book-session/book-session').then((m) => m.BookSession),
      },
      {
        path: 'sessions/:id/change',
        title: 'Move your session',
        loadComponent: () =>
          import('../scheduling/book-session/book-session').then((m) => m.BookSession),
      },
    ],
  },
];
