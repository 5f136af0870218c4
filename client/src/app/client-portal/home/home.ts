import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { ClientHomeReading, ClientNextSession, ClientScreeningSummary } from '@attune/shared';
import { AuthStore } from '../../core/auth-store';
import { DashboardApi } from '../../core/dashboard-api';
import { SchedulingApi } from '../../core/scheduling-api';
import { drawnOnce } from '../../core/drawn-once';

// Plain Intl here, not luxon: the client's first page stays small.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const dateIn = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(new Date(iso));
const timeIn = (iso: string, timeZone: string, zoneName = false) =>
  plain(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: 'numeric',
      minute: '2-digit',
      ...(zoneName ? { timeZoneName: 'short' as const } : {}),
    }).format(new Date(iso)),
  );

/**
 * The client's home: their next session, the reading and screeners waiting for them, and nothing
 * that grades them (no streaks, no "overdue", no counts of what is left).
 */
@Component({
  selector: 'app-client-home',
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home.html',
  styleUrl: './home.scss',
})
export class Home {
  private readonly auth = inject(AuthStore);
  /** The greeting draws first, the rest in the next frame (core/drawn-once.ts). */
  protected readonly drawn = drawnOnce();
  private readonly scheduling = inject(SchedulingApi);

  /** The name the person chose when they accepted their invitation. */
  protected readonly name = computed(() => this.auth.displayName().split(' ')[0] || 'there');
  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? 'your practice');
  /** Screeners shared with the person and not sent in yet (from /api/dashboard). */
  protected readonly toDo = signal<ClientScreeningSummary[]>([]);
  protected readonly reading = signal<ClientHomeReading[]>([]);
  /**
   * Whether the dashboard has answered (or failed). What follows the greeting waits for it, so the
   * sections it brings never push the rest of the page down as they arrive.
   */
  protected readonly answered = signal(false);
  private readonly nextSession = signal<{ session: ClientNextSession; zone: string } | null>(null);
  protected readonly next = computed(() => {
    const n = this.nextSession();
    if (!n) return null;
    const { session, zone } = n;
    const date = dateIn(session.startsAt, zone);
    const today = dateIn(new Date().toISOString(), zone) === date;
    return {
      session,
      date: today ? `Today, ${date}` : date,
      time: `${timeIn(session.startsAt, zone)} to ${timeIn(session.endsAt, zone, true)}`,
      icsUrl: this.scheduling.icsUrl(session.id),
    };
  });

  constructor() {
    inject(DashboardApi)
      .client()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (dashboard) => {
          this.toDo.set(dashboard.screeningsToDo);
          this.reading.set(dashboard.reading);
          this.nextSession.set(
            dashboard.nextSession
              ? { session: dashboard.nextSession, zone: dashboard.timeZone }
              : null,
          );
          this.answered.set(true);
        },
        // The home page works without these; the Screeners, Reading and Sessions pages show
        // any error.
        error: () => {
          this.toDo.set([]);
          this.answered.set(true);
        },
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
