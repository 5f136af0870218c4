import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import type { AppointmentTypeView, AppointmentView, TherapistRef } from '@attune/shared';
import { catchError, map, of, switchMap } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { SchedulingApi } from '../../core/scheduling-api';
import { TherapistOptions } from '../../caseload/therapist-options';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import {
  AppointmentDialog,
  AppointmentDialogAction,
  AppointmentDialogData,
} from '../appointment-dialog/appointment-dialog';
import { BookDialog, BookDialogData } from '../book-dialog/book-dialog';
import { CancelDialog, CancelDialogData } from '../cancel-dialog/cancel-dialog';
import { RescheduleDialog, RescheduleDialogData } from '../reschedule-dialog/reschedule-dialog';
import { defaultType, durationLabel, STATUS_LABELS } from '../scheduling-labels';
import { buildWeek, CalendarSlot } from './week';
import {
  addDays,
  formatDateTime,
  isIsoDate,
  mondayOf,
  timeIn,
  todayIn,
  weekBounds,
  weekLabel,
  weekZoneLabel,
} from '../zoned-time';

interface Loaded<T> {
  value: T;
  error: string;
  loading: boolean;
}

/**
 * The practice calendar: a Monday-to-Sunday week of booked sessions, and, for one therapist,
 * their free times for a session type as "Book" buttons. Week, therapist and type live in the URL.
 */
@Component({
  selector: 'app-calendar',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calendar.html',
  styleUrl: './calendar.scss',
})
export class Calendar {
  private readonly api = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);

  /** Query params: any date in the week, a therapist's member id, a type id, toggles. */
  readonly week = input<string>();
  readonly therapist = input<string>();
  readonly type = input<string>();
  readonly cancelled = input<string>();
  readonly every = input<string>();

  protected readonly zone = computed(() => this.auth.practice()?.timeZone ?? 'UTC');
  protected readonly monday = computed(() => {
    const week = this.week();
    return mondayOf(isIsoDate(week) ? week : todayIn(this.zone()));
  });
  protected readonly weekLabel = computed(() => weekLabel(this.monday()));
  protected readonly zoneLabel = computed(() => weekZoneLabel(this.monday(), this.zone()));

  protected readonly therapists = signal<TherapistRef[]>([]);
  protected readonly types = signal<AppointmentTypeView[]>([]);
  protected readonly activeTypes = computed(() => this.types().filter((t) => t.active));
  protected readonly therapistId = computed(() => {
    const id = this.therapist();
    return id && this.therapists().some((t) => t.id === id) ? id : '';
  });
  protected readonly therapistName = computed(
    () => this.therapists().find((t) => t.id === this.therapistId())?.displayName ?? '',
  );
  protected readonly typeId = computed(() => {
    const id = this.type();
    const active = this.activeTypes();
    return active.some((t) => t.id === id) ? id! : (defaultType(active)?.id ?? '');
  });
  protected readonly showCancelled = computed(() => this.cancelled() === 'true');
  protected readonly everyQuarter = computed(() => this.every() === '15');

  private readonly refresh = signal(0);
  protected readonly appointments = signal<Loaded<AppointmentView[]>>({
    value: [],
    error: '',
    loading: true,
  });
  protected readonly slots = signal<Loaded<string[]>>({ value: [], error: '', loading: false });
  protected readonly setupError = signal('');
  protected readonly status = signal('');

  protected readonly days = computed(() =>
    buildWeek({
      monday: this.monday(),
      zone: this.zone(),
      today: todayIn(this.zone()),
      appointments: this.appointments().value,
      slots: this.therapistId() ? this.slots().value : [],
      everyQuarter: this.everyQuarter(),
      showTherapist: !this.therapistId(),
    }),
  );
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly durationLabel = durationLabel;

  constructor() {
    inject(TherapistOptions)
      .load()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.therapists.set(list),
        error: (err: unknown) => this.setupError.set(toApiError(err).message),
      });
    this.api
      .listTypes()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.types.set(list),
        error: (err: unknown) => this.setupError.set(toApiError(err).message),
      });

    const range = computed(() => {
      const { from, to } = weekBounds(this.monday(), this.zone());
      return { from: from.toISOString(), to: to.toISOString(), refresh: this.refresh() };
    });

    toObservable(
      computed(() => ({
        ...range(),
        therapistId: this.therapistId(),
        includeCancelled: this.showCancelled(),
      })),
    )
      .pipe(
        switchMap((q) => {
          this.appointments.update((s) => ({ ...s, loading: true, error: '' }));
          return this.api.listAppointments(q).pipe(
            map((value) => ({ value, error: '', loading: false })),
            catchError((err: unknown) =>
              of({ value: [], error: toApiError(err).message, loading: false }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.appointments.set(state));

    toObservable(
      computed(() => ({ ...range(), therapistId: this.therapistId(), typeId: this.typeId() })),
    )
      .pipe(
        switchMap((q) => {
          if (!q.therapistId || !q.typeId) return of({ value: [], error: '', loading: false });
          this.slots.set({ value: [], error: '', loading: true });
          return this.api
            .slots({
              therapistId: q.therapistId,
              typeId: q.typeId,
              from: q.from,
              to: q.to,
              tz: this.zone(),
            })
            .pipe(
              map((res) => ({ value: res.slots, error: '', loading: false })),
              catchError((err: unknown) =>
                of({ value: [], error: toApiError(err).message, loading: false }),
              ),
            );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.slots.set(state));
  }

  private go(params: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
    });
  }

  protected shiftWeek(weeks: number): void {
    this.status.set('');
    this.go({ week: addDays(this.monday(), weeks * 7) });
  }

  protected thisWeek(): void {
    this.status.set('');
    this.go({ week: null });
  }

  protected chooseTherapist(id: string): void {
    this.go({ therapist: id || null });
  }

  protected chooseType(id: string): void {
    this.go({ type: id || null });
  }

  protected toggleCancelled(show: boolean): void {
    this.go({ cancelled: show ? 'true' : null });
  }

  protected toggleEvery(all: boolean): void {
    this.go({ every: all ? '15' : null });
  }

  protected book(slot: CalendarSlot | null): void {
    const zone = this.zone();
    const data: BookDialogData = {
      therapists: this.therapists(),
      therapistId: this.therapistId() || null,
      types: this.activeTypes(),
      typeId: this.typeId() || null,
      date: slot?.date ?? this.firstBookableDay(),
      time: slot ? timeIn(new Date(slot.at), zone) : '09:00',
      zone,
    };
    this.dialog
      .open<BookDialog, BookDialogData, AppointmentView>(BookDialog, {
        ...DIALOG_OPTIONS,
        width: '600px',
        data,
      })
      .afterClosed()
      .subscribe((booked) => {
        if (!booked) return;
        this.status.set(
          `Booked ${booked.client.displayName} with ${booked.therapist.displayName} on ${formatDateTime(booked.startsAt, zone)}.`,
        );
        this.reload();
      });
  }

  private firstBookableDay(): string {
    const today = todayIn(this.zone());
    return this.monday() > today ? this.monday() : today;
  }

  protected openSession(appointment: AppointmentView): void {
    this.dialog
      .open<AppointmentDialog, AppointmentDialogData, AppointmentDialogAction>(AppointmentDialog, {
        ...DIALOG_OPTIONS,
        width: '520px',
        data: { appointment, zone: this.zone() },
      })
      .afterClosed()
      .subscribe((action) => {
        if (action === 'reschedule') this.reschedule(appointment);
        if (action === 'cancel') this.cancel(appointment);
      });
  }

  private reschedule(appointment: AppointmentView): void {
    const zone = this.zone();
    this.dialog
      .open<RescheduleDialog, RescheduleDialogData, AppointmentView>(RescheduleDialog, {
        ...DIALOG_OPTIONS,
        width: '600px',
        data: { appointment, zone },
      })
      .afterClosed()
      .subscribe((moved) => {
        if (!moved) return;
        this.status.set(
          `Moved ${moved.client.displayName}'s session to ${formatDateTime(moved.startsAt, zone)}.`,
        );
        this.reload();
      });
  }

  private cancel(appointment: AppointmentView): void {
    const zone = this.zone();
    this.dialog
      .open<CancelDialog, CancelDialogData, AppointmentView>(CancelDialog, {
        ...DIALOG_OPTIONS,
        width: '520px',
        data: {
          appointment,
          zone,
          windowHours: this.auth.practice()?.cancellationWindowHours ?? 24,
        },
      })
      .afterClosed()
      .subscribe((cancelled) => {
        if (!cancelled) return;
        this.status.set(
          `Cancelled ${cancelled.client.displayName}'s session on ${formatDateTime(cancelled.startsAt, zone)}` +
            (cancelled.lateCancel ? ' (a late cancellation).' : '.'),
        );
        this.reload();
      });
  }

  private reload(): void {
    this.refresh.update((n) => n + 1);
  }
}
