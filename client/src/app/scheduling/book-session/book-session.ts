import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import type { ApiError, AppointmentView, SelfBookingStatus } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { IdempotencyKeys } from '../../core/idempotency-key';
import { SchedulingApi } from '../../core/scheduling-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { durationLabel } from '../scheduling-labels';
import { SelfBookingPaused } from '../self-booking-paused/self-booking-paused';
import { formatDateLong, formatTime, formatTimeRange, zoneAbbreviation } from '../zoned-time';
import { type FreeDay, groupByDay, outsideNotice } from './free-times';

const DAY = 86_400_000;
/** Free times are fetched two weeks at a time, up to about three months ahead. */
const PAGE_DAYS = 14;
const MAX_PAGES = 6;

/**
 * A client books a session, or moves one (`id` from the route): choose a kind of session, a day
 * and a time from their own therapist's free times, shown in the practice's time zone, then
 * confirm. While online booking is paused (an open safety alert) the page says to get in touch
 * and shows the crisis resources instead.
 */
@Component({
  selector: 'app-book-session',
  imports: [
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    RouterLink,
    SelfBookingPaused,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './book-session.html',
  styleUrl: './book-session.scss',
})
export class BookSession {
  private readonly api = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);
  private readonly destroyRef = inject(DestroyRef);
  private readonly keys = new IdempotencyKeys();

  /** The session to move (route `sessions/:id/change`); absent when booking a new one. */
  readonly id = input<string | undefined>(undefined);

  protected readonly status = signal<SelfBookingStatus | null>(null);
  protected readonly current = signal<AppointmentView | null>(null);
  protected readonly typeId = signal<string | null>(null);
  protected readonly page = signal(0);
  protected readonly days = signal<FreeDay[]>([]);
  protected readonly day = signal<string | null>(null);
  protected readonly chosen = signal<string | null>(null);
  protected readonly done = signal<AppointmentView | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadingTimes = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal('');

  protected readonly durationLabel = durationLabel;
  protected readonly maxPages = MAX_PAGES;
  protected readonly moving = computed(() => !!this.id());
  protected readonly zone = computed(() => this.status()?.timeZone ?? 'UTC');
  protected readonly zoneLabel = computed(
    () => `${this.zone()} time (${zoneAbbreviation(new Date(), this.zone())})`,
  );
  protected readonly therapistName = computed(
    () => this.status()?.therapist?.displayName ?? 'your therapist',
  );
  protected readonly type = computed(
    () => this.status()?.types.find((t) => t.id === this.typeId()) ?? null,
  );
  protected readonly selectedDay = computed(
    () => this.days().find((d) => d.date === this.day()) ?? null,
  );
  /** Why a session cannot be moved online (too close, another therapist, a type not offered). */
  protected readonly cannotMove = computed(() => {
    const a = this.current();
    const s = this.status();
    if (!this.moving() || !a || !s) return '';
    if (a.status !== 'booked') return 'This session is no longer booked.';
    if (!outsideNotice(a.startsAt, s.noticeHours))
      return `This session is less than ${s.noticeHours} hours away, so it can't be moved online. You can ask ${a.therapist.displayName} for a change from your sessions page.`;
    if (a.therapist.id !== s.therapist?.id || !s.types.some((t) => t.id === a.type.id))
      return `This session can't be moved online. You can ask ${a.therapist.displayName} for a change from your sessions page.`;
    return '';
  });
  protected readonly currentWhen = computed(() => {
    const a = this.current();
    return a ? this.when(a.startsAt, a.endsAt) : '';
  });
  protected readonly summary = computed(() => {
    const iso = this.chosen();
    const type = this.type();
    if (!iso || !type) return '';
    const end = new Date(new Date(iso).getTime() + type.durationMinutes * 60_000).toISOString();
    return this.when(iso, end);
  });
  protected readonly doneWhen = computed(() => {
    const a = this.done();
    return a ? this.when(a.startsAt, a.endsAt) : '';
  });
  protected readonly icsUrl = computed(() => {
    const a = this.done();
    return a ? this.api.icsUrl(a.id) : '';
  });

  private readonly doneHeading = viewChild<ElementRef<HTMLElement>>('doneHeading');
  private readonly confirmHeading = viewChild<ElementRef<HTMLElement>>('confirmHeading');

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    // Move focus to what just appeared, so keyboard and screen reader users follow along.
    effect(() => this.doneHeading()?.nativeElement.focus());
    effect(() => this.confirmHeading()?.nativeElement.focus());
  }

  private load(id: string | undefined): void {
    const clientId = this.auth.me()?.clientId;
    if (!clientId) return;
    this.loading.set(true);
    this.api
      .selfBookingStatus(clientId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (status) => {
          this.status.set(status);
          if (!id) {
            this.typeId.set(status.types.length === 1 ? status.types[0]!.id : null);
            this.loading.set(false);
            if (this.typeId()) this.loadTimes();
            return;
          }
          this.api
            .appointment(id)
            .pipe(takeUntilDestroyed(this.destroyRef))
            .subscribe({
              next: (a) => {
                this.current.set(a);
                this.typeId.set(a.type.id);
                this.loading.set(false);
                if (!this.cannotMove() && status.state === 'open') this.loadTimes();
              },
              error: (err: unknown) => this.fail(toApiError(err)),
            });
        },
        error: (err: unknown) => this.fail(toApiError(err)),
      });
  }

  protected chooseType(typeId: string): void {
    this.typeId.set(typeId);
    this.page.set(0);
    this.loadTimes();
  }

  protected showPage(page: number): void {
    this.page.set(Math.max(0, Math.min(MAX_PAGES - 1, page)));
    this.loadTimes();
  }

  protected chooseDay(date: string): void {
    this.day.set(date);
    this.chosen.set(null);
  }

  protected chooseTime(iso: string): void {
    this.chosen.set(iso);
    this.error.set('');
  }

  protected startOver(): void {
    this.chosen.set(null);
  }

  private loadTimes(): void {
    const s = this.status();
    const typeId = this.typeId();
    if (!s?.therapist || !typeId) return;
    const from = new Date(Date.now() + this.page() * PAGE_DAYS * DAY);
    const to = new Date(from.getTime() + PAGE_DAYS * DAY);
    this.loadingTimes.set(true);
    this.chosen.set(null);
    this.api
      .slots({
        therapistId: s.therapist.id,
        typeId,
        from: from.toISOString(),
        to: to.toISOString(),
        tz: s.timeZone,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (res) => {
          const days = groupByDay(res.slots, s.timeZone);
          this.days.set(days);
          this.day.set(days[0]?.date ?? null);
          this.loadingTimes.set(false);
        },
        error: (err: unknown) => {
          this.loadingTimes.set(false);
          this.fail(toApiError(err));
        },
      });
  }

  protected confirm(): void {
    const iso = this.chosen();
    const s = this.status();
    const typeId = this.typeId();
    const clientId = this.auth.me()?.clientId;
    if (this.saving() || !iso || !s?.therapist || !typeId || !clientId) return;
    this.saving.set(true);
    this.error.set('');
    const current = this.current();
    const request = current
      ? this.api.update(current.id, { version: current.version, startsAt: iso })
      : this.book({ therapistId: s.therapist.id, clientId, typeId, startsAt: iso });
    request.subscribe({
      next: (a) => {
        this.saving.set(false);
        this.done.set(a);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.fail(toApiError(err));
      },
    });
  }

  private book(body: { therapistId: string; clientId: string; typeId: string; startsAt: string }) {
    // A retry of the same choice (after a lost answer) gets the booking already made.
    return this.api.book(body, this.keys.keyFor(body));
  }

  /** Turns the server's answer into what to do next: pick again, or show the pause. */
  private fail(e: ApiError): void {
    this.loading.set(false);
    if (e.code === 'self_booking_paused' || e.code === 'self_booking_off') {
      // The state changed under us: show the page as it now is.
      this.chosen.set(null);
      this.load(this.id());
      return;
    }
    if (e.code === 'therapist_busy' || e.code === 'client_busy') {
      this.error.set('That time was just taken. Please choose another one.');
      this.loadTimes();
      return;
    }
    if (e.code === 'session_changed' && e.current) {
      this.current.set(e.current as AppointmentView);
      this.error.set('This session changed since you opened it. Please check the new time.');
      return;
    }
    this.error.set(e.message);
  }

  private when(start: string, end: string): string {
    const zone = this.zone();
    return `${formatDateLong(start, zone)}, ${formatTimeRange(start, end, zone)} ${zoneAbbreviation(start, zone)}`;
  }

  protected timeLabel(iso: string): string {
    return formatTime(iso, this.zone());
  }
}
