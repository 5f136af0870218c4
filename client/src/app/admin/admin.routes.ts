import { Routes } from '@angular/router';
import { Shell } from '../core/shell/shell';
import { PlaceholderPage } from '../ui/placeholder-page/placeholder-page';

export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: Shell,
    data: { area: 'admin' },
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Admin dashboard',
        loadComponent: () => import('./dashboard/dashboard').then((m) => m.Dashboard),
      },
      {
        path: 'people',
        title: 'People',
        loadComponent: () => import('./people/people').then((m) => m.People),
      },
      {
        path: 'clients',
        title: 'Clients',
        data: { area: 'admin' },
        loadComponent: () =>
          import('../caseload/client-list/client-list').then((m) => m.ClientList),
      },
      {
        path: 'clients/:id',
        title: 'Client details',
        data: { area: 'admin' },
        loadComponent: () =>
          import('../caseload/client-detail/client-detail').then((m) => m.ClientDetail),
      },
      {
        path: 'screenings/:id/result',
        title: 'Screener result',
        data: { area: 'admin' },
        loadComponent: () =>
          import('../screening/screening-result/screening-result').then((m) => m.ScreeningResult),
      },
      {
        path: 'screeners',
        title: 'Screeners',
        loadComponent: () => import('./instruments/instruments').then((m) => m.Instruments),
      },
      {
        path: 'calendar',
        title: 'Calendar',
        component: PlaceholderPage,
        data: {
          heading: 'Calendar',
          message:
            'Booking and managing sessions on a practice calendar arrives in a later release.',
          icon: 'calendar_month',
        },
      },
      {
        path: 'practice',
        title: 'Practice settings',
        loadComponent: () =>
          import('./practice-settings/practice-settings').then((m) => m.PracticeSettings),
      },
    ],
  },
];
