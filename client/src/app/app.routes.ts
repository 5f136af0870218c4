import { Routes } from '@angular/router';
import { homeRedirectGuard, roleGuard, signedOutGuard } from './core/auth.guard';

export const routes: Routes = [
  { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/login/login').then((m) => m.Login),
  },
  {
    path: 'invite/:token',
    title: 'Accept your invitation',
    loadComponent: () =>
      import('./auth/accept-invitation/accept-invitation').then((m) => m.AcceptInvitation),
  },
  {
    path: 'client',
    canActivate: [roleGuard('client')],
    loadChildren: () => import('./client-portal/client-portal.routes').then((m) => m.CLIENT_ROUTES),
  },
  {
    path: 'therapist',
    canActivate: [roleGuard('therapist')],
    loadChildren: () => import('./therapist/therapist.routes').then((m) => m.THERAPIST_ROUTES),
  },
  {
    path: 'admin',
    canActivate: [roleGuard('admin')],
    loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./ui/not-found/not-found').then((m) => m.NotFound),
  },
];
