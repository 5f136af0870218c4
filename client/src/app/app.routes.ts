import { Routes } from '@angular/router';
import { homeRedirectGuard, roleGuard, secondStepGuard, signedOutGuard } from './core/auth.guard';
import { yieldToBrowser } from './core/yield-guard';

export const routes: Routes = [
  { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [signedOutGuard, yieldToBrowser],
    loadComponent: () => import('./auth/login/login').then((m) => m.Login),
  },
  {
    path: 'forgot-password',
    title: 'Forgot your password?',
    canActivate: [signedOutGuard],
    loadComponent: () =>
      import('./auth/forgot-password/forgot-password').then((m) => m.ForgotPassword),
  },
  {
    path: 'reset-password/:token',
    title: 'Choose a new password',
    loadComponent: () =>
      import('./auth/reset-password/reset-password').then((m) => m.ResetPassword),
  },
  {
    path: 'second-step',
    title: 'Set up a second sign-in step',
    canActivate: [secondStepGuard],
    loadComponent: () =>
      import('./account/second-step-required/second-step-required').then(
        (m) => m.SecondStepRequired,
      ),
  },
  {
    path: 'invite/:token',
    title: 'Accept your invitation',
    loadComponent: () =>
      import('./auth/accept-invitation/accept-invitation').then((m) => m.AcceptInvitation),
  },
  {
    path: 'client',
    canActivate: [roleGuard('client'), yieldToBrowser],
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
