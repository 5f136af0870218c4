import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import { CALENDAR_LIMITS, type UtilisationRow, type UtilisationView } from '@attune/shared';
import { catchError, map, of, switchMap } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { CalendarApi } from '../../core/calendar-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { addDays, isIsoDate, mondayOf, todayIn, weekLabel } from '../zoned-time';
import { UtilisationChart, type UtilisationWeek } from './utilisation-chart';

const WEEK_CHOICES = [4, 8, 13, 26] as const;

/** Hours with one decimal: 1,530 minutes read "25.5". */
export const hours = (minutes: number) => (Math.round(minutes / 6) / 10).toFixed(1);

interface Totals {
  booked: number;
  attended: number;
  noShow: number;
  lateCancelled: number;
  freeMinutes: number;
}

function sum(rows: UtilisationRow[]): Totals {
  return rows.reduce(
    (t, r) => ({
      booked: t.booked + r.booked,
      attended: t.attended + r.attended,
      noShow: t.noShow + r.noShow,
      lateCancelled: t.lateCancelled + r.lateCancelled,
      freeMinutes: t.freeMinutes + r.freeMinutes,
    }),
    { booked: 0, attended: 0, noShow: 0, lateCancelled: 0, freeMinutes: 0 },
  );
}

/**
 * Utilisation per therapist and week: sessions booked, attended, no-show and late-cancelled, and
 * free hours, for a range of weeks (in the URL); a chart of the weeks over the table.
 */
@Component({
  selector: 'app-utilisation',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    UtilisationChart,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './utilisation.html',
  styleUrl: './utilisation.scss',
})
export class Utilisation {
  private readonly api = inject(CalendarApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** Query params: the first week (any date in it), how many weeks, one therapist. */
  readonly from = input<string>();
  readonly weeks = input<string>();
  readonly therapist = input<string>();

  protected readonly weekChoices = WEEK_CHOICES;
  protected readonly hours = hours;
  private readonly zone = computed(() => this.auth.practice()?.timeZone ?? 'UTC');
  protected readonly weekCount = computed(() => {
    const n = Number(this.weeks());
    return Number.isInteger(n) && n >= 1 && n <= CALENDAR_LIMITS.utilisationWeeksMax ? n : 8;
  });
  /** The first Monday: by default, the range ends with this week. */
  protected readonly firstWeek = computed(() => {
    const from = this.from();
    if (isIsoDate(from)) return mondayOf(from);
    return addDays(mondayOf(todayIn(this.zone())), -7 * (this.weekCount() - 1));
  });

  protected readonly data = signal<{
    value: UtilisationView | null;
    error: string;
    loading: boolean;
  }>({ value: null, error: '', loading: true });

  protected readonly therapistId = computed(() => {
    const id = this.therapist();
    return id && this.data().value?.therapists.some((t) => t.id === id) ? id : '';
  });
  private readonly allTherapists = signal<{ id: string; displayName: string }[]>([]);
  /** Opened with one therapist in the URL, the picker lists at least that one. */
  protected readonly therapistChoices = computed(() =>
    this.allTherapists().length ? this.allTherapists() : (this.data().value?.therapists ?? []),
  );

  /** One table section per therapist: their weeks and a total. */
  protected readonly sections = computed(() => {
    const view = this.data().value;
    if (!view) return [];
    return view.therapists.map((t) => {
      const rows = view.rows.filter((r) => r.therapistId === t.id);
      return {
        therapist: t,
        rows: rows.map((r) => ({ ...r, label: weekLabel(r.weekStart) })),
        total: sum(rows),
      };
    });
  });

  /** The chart sums the therapists shown, week by week. */
  protected readonly chartWeeks = computed<UtilisationWeek[]>(() => {
    const view = this.data().value;
    if (!view) return [];
    return view.weeks.map((week) => {
      const t = sum(view.rows.filter((r) => r.weekStart === week));
      return {
        label: weekLabel(week).replace(/, \d{4}$/, ''),
        attended: t.attended,
        noShow: t.noShow,
        lateCancelled: t.lateCancelled,
        unmarked: t.booked - t.attended - t.noShow - t.lateCancelled,
        freeHours: Number(hours(t.freeMinutes)),
      };
    });
  });

  protected readonly chartLabel = computed(() => {
    const weeks = this.chartWeeks();
    const view = this.data().value;
    if (!weeks.length || !view) return 'Utilisation chart.';
    const who = view.therapists.length === 1 ? view.therapists[0]!.displayName : 'all therapists';
    const t = weeks.reduce(
      (a, w) => ({
        attended: a.attended + w.attended,
        noShow: a.noShow + w.noShow,
        late: a.late + w.lateCancelled,
      }),
      { attended: 0, noShow: 0, late: 0 },
    );
    return (
      `Sessions per week for ${who}, ${weeks[0]!.label} to ${weeks.at(-1)!.label}: ` +
      `${t.attended} attended, ${t.noShow} no-shows, ${t.late} late cancellations in all; ` +
      'free hours as a line. The same numbers are in the table below.'
    );
  });

  constructor() {
    toObservable(
      computed(() => ({
        from: this.firstWeek(),
        weeks: this.weekCount(),
        therapistId: this.therapist() || null,
      })),
    )
      .pipe(
        switchMap((q) => {
          this.data.update((s) => ({ ...s, loading: true, error: '' }));
          return this.api.utilisation(q).pipe(
            map((value) => ({ value, error: '', loading: false })),
            catchError((err: unknown) =>
              of({ value: null, error: toApiError(err).message, loading: false }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.data.set(state);
        // The therapist picker lists everyone seen without a filter.
        if (state.value && !this.therapist()) this.allTherapists.set(state.value.therapists);
      });
  }

  private go(params: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
    });
  }

  protected chooseFrom(value: string): void {
    if (isIsoDate(value)) this.go({ from: mondayOf(value) });
  }

  protected chooseWeeks(weeks: number): void {
    this.go({ weeks });
  }

  protected chooseTherapist(id: string): void {
    this.go({ therapist: id || null });
  }

  protected shift(direction: number): void {
    this.go({ from: addDays(this.firstWeek(), direction * 7 * this.weekCount()) });
  }
}
