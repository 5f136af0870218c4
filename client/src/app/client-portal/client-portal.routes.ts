import { Routes } from '@angular/router';
import { Shell } from '../core/shell/shell';

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
        loadComponent: () => import('./home/home').then((m) => m.Home),
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
      {
        path: 'sessions',
        title: 'Sessions',
        loadComponent: () =>
          import('../scheduling/client-sessions/client-sessions').then((m) => m.ClientSessions),
      },
      {
        path: 'account',
        title: 'Your account',
        loadComponent: () => import('./account/account').then((m) => m.ClientAccount),
      },
    ],
  },
];
