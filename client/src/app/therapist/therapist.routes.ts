import { Routes } from '@angular/router';
import { unsavedChangesGuard } from '../core/unsaved-changes';
import { Shell } from '../core/shell/shell';

export const THERAPIST_ROUTES: Routes = [
  {
    path: '',
    component: Shell,
    data: { area: 'therapist' },
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Today',
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
        canDeactivate: [unsavedChangesGuard],
        title: 'Client details',
        data: { area: 'therapist' },
        loadComponent: () =>
          import('../caseload/client-detail/client-detail').then((m) => m.ClientDetail),
      },
      {
        path: 'clients/:id/brief',
        title: 'Pre-session brief',
        loadComponent: () =>
          import('../caseload/client-brief/client-brief').then((m) => m.ClientBrief),
      },
      {
        path: 'screenings/:id/result',
        title: 'Screener result',
        data: { area: 'therapist' },
        loadComponent: () =>
          import('../screening/screening-result/screening-result').then((m) => m.ScreeningResult),
      },
      {
        path: 'library',
        title: 'Library',
        loadComponent: () => import('../psychoeducation/library/library').then((m) => m.Library),
      },
      {
        path: 'library/new',
        canDeactivate: [unsavedChangesGuard],
        title: 'Write a module',
        loadComponent: () =>
          import('../psychoeducation/module-editor/module-editor').then((m) => m.ModuleEditor),
      },
      {
        path: 'library/:id',
        title: 'Module',
        loadComponent: () =>
          import('../psychoeducation/module-view/module-view').then((m) => m.ModuleView),
      },
      {
        path: 'library/:id/edit',
        canDeactivate: [unsavedChangesGuard],
        title: 'Edit module',
        loadComponent: () =>
          import('../psychoeducation/module-editor/module-editor').then((m) => m.ModuleEditor),
      },
      {
        path: 'schedule',
        title: 'Schedule',
        loadComponent: () =>
          import('../scheduling/therapist-schedule/therapist-schedule').then(
            (m) => m.TherapistSchedule,
          ),
      },
      {
        path: 'account',
        title: 'Your account',
        loadComponent: () => import('../account/account').then((m) => m.Account),
      },
      {
        path: 'availability',
        canDeactivate: [unsavedChangesGuard],
        title: 'Availability',
        loadComponent: () =>
          import('../scheduling/availability-editor/availability-editor').then(
            (m) => m.AvailabilityEditor,
          ),
      },
    ],
  },
];
