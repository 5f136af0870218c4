import { Routes } from '@angular/router';
import { Shell } from '../core/shell/shell';
import { PlaceholderPage } from '../ui/placeholder-page/placeholder-page';

export const THERAPIST_ROUTES: Routes = [
  {
    path: '',
    component: Shell,
    data: { area: 'therapist' },
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Dashboard',
        loadComponent: () => import('./dashboard/dashboard').then((m) => m.Dashboard),
      },
      {
        path: 'clients',
        title: 'Clients',
        data: { area: 'therapist' },
        loadComponent: () =>
          import('../caseload/client-list/client-list').then((m) => m.ClientList),
      },
      {
        path: 'clients/:id',
        title: 'Client details',
        data: { area: 'therapist' },
        loadComponent: () =>
          import('../caseload/client-detail/client-detail').then((m) => m.ClientDetail),
      },
      {
        path: 'screenings/:id/result',
        title: 'Screener result',
        data: { area: 'therapist' },
        loadComponent: () =>
          import('../screening/screening-result/screening-result').then((m) => m.ScreeningResult),
      },
      {
        path: 'availability',
        title: 'Availability',
        component: PlaceholderPage,
        data: {
          heading: 'Availability',
          message: 'Setting your working hours and time off arrives in a later release.',
          icon: 'schedule',
        },
      },
    ],
  },
];
