import { Routes } from '@angular/router';
import { unsavedChangesGuard } from '../core/unsaved-changes';
import { Shell } from '../core/shell/shell';

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
        canDeactivate: [unsavedChangesGuard],
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
        loadComponent: () => import('../scheduling/calendar/calendar').then((m) => m.Calendar),
      },
      {
        path: 'calendar/hours/:therapistId',
        canDeactivate: [unsavedChangesGuard],
        title: 'Working hours',
        loadComponent: () =>
          import('../scheduling/availability-editor/availability-editor').then(
            (m) => m.AvailabilityEditor,
          ),
      },
      {
        path: 'utilisation',
        title: 'Utilisation',
        loadComponent: () =>
          import('../scheduling/utilisation/utilisation').then((m) => m.Utilisation),
      },
      {
        path: 'mailbox',
        title: 'Outgoing mail',
        loadComponent: () => import('../scheduling/mailbox/mailbox').then((m) => m.Mailbox),
      },
      {
        path: 'account',
        title: 'Your account',
        loadComponent: () => import('../account/account').then((m) => m.Account),
      },
      {
        path: 'practice',
        canDeactivate: [unsavedChangesGuard],
        title: 'Practice settings',
        loadComponent: () =>
          import('./practice-settings/practice-settings').then((m) => m.PracticeSettings),
      },
    ],
  },
];
