import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { ClientScreeningSummary } from '@attune/shared';
import { AuthStore } from '../../core/auth-store';
import { DashboardApi } from '../../core/dashboard-api';

@Component({
  selector: 'app-client-home',
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home.html',
  styleUrl: './home.scss',
})
export class Home {
  private readonly auth = inject(AuthStore);

  /** The name the person chose when they accepted their invitation. */
  protected readonly name = computed(() => this.auth.displayName().split(' ')[0] || 'there');
  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? 'your practice');
  /** Screeners shared with the person and not sent in yet (from /api/dashboard). */
  protected readonly toDo = signal<ClientScreeningSummary[]>([]);

  constructor() {
    inject(DashboardApi)
      .client()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (dashboard) => this.toDo.set(dashboard.screeningsToDo),
        // The home page works without its to-do list; the Screeners page shows any error.
        error: () => this.toDo.set([]),
      });
  }

  protected readonly places = [
    {
      link: '/client/screeners',
      icon: 'checklist',
      title: 'Screeners',
      text: 'Short check-ins about how things have been. Skip any question you like.',
    },
    {
      link: '/client/reading',
      icon: 'menu_book',
      title: 'Reading',
      text: 'Short reads your therapist picks for you, with space for your own thoughts.',
    },
    {
      link: '/client/sessions',
      icon: 'event',
      title: 'Sessions',
      text: 'Your upcoming sessions with your therapist.',
    },
    {
      link: '/client/account',
      icon: 'person',
      title: 'Your account',
      text: 'Download a copy of your record whenever you like.',
    },
  ];
}
