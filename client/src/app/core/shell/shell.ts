import { BreakpointObserver } from '@angular/cdk/layout';
import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { CrisisHelpData, CrisisHelpDialog } from '../../ui/crisis-help-dialog/crisis-help-dialog';
import { AuthStore } from '../auth-store';
import type { Area } from '../role-home';

interface NavItem {
  label: string;
  link: string;
  icon: string;
  exact: boolean;
}

const NAV: Record<Area, { label: string; items: NavItem[] }> = {
  client: {
    label: 'Client navigation',
    items: [
      { label: 'Home', link: '/client', icon: 'home', exact: true },
      { label: 'Screeners', link: '/client/screeners', icon: 'checklist', exact: false },
      { label: 'Reading', link: '/client/reading', icon: 'menu_book', exact: false },
      { label: 'Sessions', link: '/client/sessions', icon: 'event', exact: false },
      { label: 'Your account', link: '/client/account', icon: 'person', exact: false },
    ],
  },
  therapist: {
    label: 'Therapist navigation',
    items: [
      { label: 'Today', link: '/therapist', icon: 'today', exact: true },
      { label: 'Clients', link: '/therapist/clients', icon: 'group', exact: false },
      { label: 'Library', link: '/therapist/library', icon: 'local_library', exact: false },
      { label: 'Schedule', link: '/therapist/schedule', icon: 'event_note', exact: false },
      { label: 'Availability', link: '/therapist/availability', icon: 'schedule', exact: false },
    ],
  },
  admin: {
    label: 'Admin navigation',
    items: [
      { label: 'Dashboard', link: '/admin', icon: 'dashboard', exact: true },
      { label: 'People', link: '/admin/people', icon: 'badge', exact: false },
      { label: 'Clients', link: '/admin/clients', icon: 'group', exact: false },
      { label: 'Screeners', link: '/admin/screeners', icon: 'checklist', exact: false },
      { label: 'Calendar', link: '/admin/calendar', icon: 'calendar_month', exact: false },
      { label: 'Utilisation', link: '/admin/utilisation', icon: 'insights', exact: false },
      { label: 'Mail', link: '/admin/mailbox', icon: 'mail', exact: false },
      { label: 'Practice', link: '/admin/practice', icon: 'settings', exact: false },
    ],
  },
};

/** The signed-in layout: toolbar, navigation (a modal drawer on narrow screens) and content. */
@Component({
  selector: 'app-shell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatMenuModule,
    MatSidenavModule,
    MatToolbarModule,
    NgTemplateOutlet,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  // The dialog service (and the overlay behind it) is made when the crisis button is first used,
  // not while the first page is drawn.
  private readonly injector = inject(Injector);

  /** Which role area this shell frames; comes from route data. */
  readonly area = input.required<Area>();

  private readonly drawer = viewChild.required<MatSidenav>('drawer');

  protected readonly isNarrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /**
   * On a phone the drawer starts closed, so its links are drawn when it is first opened rather
   * than with the first page (less work before the page shows on a slow phone); once drawn they
   * stay. On wider screens the drawer is open and drawn at once.
   */
  protected readonly drawerDrawn = signal(false);
  protected readonly displayName = this.auth.displayName;
  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? '');
  protected readonly nav = computed(() => NAV[this.area()]);
  protected readonly homeLink = computed(() => `/${this.area()}`);
  protected readonly accountLink = computed(() => `/${this.area()}/account`);
  /** Staff with both roles can move between the admin and therapist areas. */
  protected readonly canSwitchRole = computed(() => {
    const roles = this.auth.roles();
    return roles.includes('admin') && roles.includes('therapist');
  });

  protected toggleDrawer(): void {
    this.drawerDrawn.set(true);
    void this.drawer().toggle();
  }

  protected focusMain(main: HTMLElement): void {
    main.focus();
  }

  protected closeDrawerIfNarrow(): void {
    if (this.isNarrow()) void this.drawer().close();
  }

  protected openCrisisHelp(): void {
    const practice = this.auth.practice();
    this.injector.get(MatDialog).open<CrisisHelpDialog, CrisisHelpData>(CrisisHelpDialog, {
      data: {
        practiceName: practice?.name ?? 'your practice',
        crisisText: practice?.crisisText ?? '',
      },
      ...DIALOG_OPTIONS,
      // On the heading, not on "Call 988": one stray Enter must not start a call.
      autoFocus: 'first-heading',
      width: '560px',
      panelClass: 'crisis-help-panel',
    });
  }

  protected signOut(): void {
    const done = () => void this.router.navigateByUrl('/login');
    this.auth.logout().subscribe({
      next: done,
      // Even if the server call fails, forget the user here.
      error: () => {
        this.auth.clear();
        done();
      },
    });
  }
}
