import { Routes } from '@angular/router';
import { Shell } from '../core/shell/shell';
import { PlaceholderPage } from '../ui/placeholder-page/placeholder-page';

const NOTHING_YET =
  'Nothing here yet. When your therapist shares something with you, it will show up here.';

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
        component: PlaceholderPage,
        data: { heading: 'Reading', message: NOTHING_YET, icon: 'menu_book' },
      },
      {
        path: 'sessions',
        title: 'Sessions',
        component: PlaceholderPage,
        data: {
          heading: 'Sessions',
          message: 'Nothing here yet. When a session is booked for you, it will show up here.',
          icon: 'event',
        },
      },
    ],
  },
];
