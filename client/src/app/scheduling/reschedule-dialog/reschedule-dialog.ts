import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type AppointmentView, SCHEDULING_LIMITS } from '@attune/shared';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { errorMessage, toApiError } from '../../core/api-error';
import { SchedulingApi } from '../../core/scheduling-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { bookingProblem, keepsOverrideOpen, TOUCHED_ONLY } from '../booking-problem';
import {
  dayBounds,
  formatDateTime,
  formatTime,
  isIsoDate,
  isoDateIn,
  timeIn,
  zonedToUtc,
} from '../zoned-time';

export interface RescheduleDialogData {
  appointment: AppointmentView;
  /** The practice time zone. */
  zone: string;
}

interface SlotChoice {
  time: string;
  label: string;
}

/** Moves a session: a date and time, or one of the therapist's free times that day. */
@Component({
  selector: 'app-reschedule-dialog',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reschedule-dialog.html',
  styleUrl: './reschedule-dialog.scss',
})
export class RescheduleDialog {
  private readonly api = inject(SchedulingApi);
  private readonly dialogRef =
    inject<MatDialogRef<RescheduleDialog, AppointmentView>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly problem = viewChild<ElementRef<HTMLElement>>('problem');
  protected readonly data = inject<RescheduleDialogData>(MAT_DIALOG_DATA);
  protected readonly zone = this.data.zone;

  /** The session as last seen (replaced by the server's copy after a stale-version 409). */
  protected readonly appointment = signal(this.data.appointment);
  protected readonly form = inject(NonNullableFormBuilder).group({
    date: [isoDateIn(new Date(this.data.appointment.startsAt), this.zone), Validators.required],
    time: [timeIn(new Date(this.data.appointment.startsAt), this.zone), Validators.required],
    overrideReason: ['', Validators.maxLength(SCHEDULING_LIMITS.reasonMax)],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  /** Set after a stale-version 409: what changed, shown as a notice. */
  protected readonly notice = signal('');
  protected readonly outsideHours = signal(false);
  protected readonly errorMessage = errorMessage;
  protected readonly limits = SCHEDULING_LIMITS;
  protected readonly touchedOnly = TOUCHED_ONLY;

  protected readonly currentTime = computed(() =>
    formatDateTime(this.appointment().startsAt, this.zone),
  );

  private readonly date = toSignal(this.form.controls.date.valueChanges, {
    initialValue: this.form.controls.date.value,
  });
  protected readonly time = toSignal(this.form.controls.time.valueChanges, {
    initialValue: this.form.controls.time.value,
  });

  /** Free start times on the chosen date, or null while loading. */
  protected readonly slots = toSignal(
    toObservable(computed(() => ({ date: this.date(), appointment: this.appointment() }))).pipe(
      switchMap(({ date, appointment }) => {
        if (!isIsoDate(date)) return of([] as SlotChoice[]);
        const { from, to } = dayBounds(date, this.zone);
        return this.api
          .slots({
            therapistId: appointment.therapist.id,
            typeId: appointment.type.id,
            from: from.toISOString(),
            to: to.toISOString(),
            tz: this.zone,
          })
          .pipe(
            map((res) =>
              res.slots.map((iso) => ({
                time: timeIn(new Date(iso), this.zone),
                label: formatTime(iso, this.zone),
              })),
            ),
            catchError(() => of([] as SlotChoice[])),
            startWith(null),
          );
      }),
    ),
    { initialValue: null },
  );

  constructor() {
    for (const name of ['date', 'time'] as const) {
      this.form.controls[name].valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
        if (this.submitting()) return;
        this.error.set('');
        this.outsideHours.set(false);
      });
    }
  }

  protected pick(slot: SlotChoice): void {
    this.form.controls.time.setValue(slot.time);
  }

  /** On a phone the dialog scrolls: bring the message (and any reason field) into view. */
  private revealProblem(): void {
    afterNextRender(() => this.problem()?.nativeElement.scrollIntoView?.({ block: 'nearest' }), {
      injector: this.injector,
    });
  }

  protected submit(): void {
    if (this.submitting()) return;
    const override = this.outsideHours();
    const reason = this.form.controls.overrideReason;
    if (override && !reason.value.trim()) reason.setErrors({ required: true });
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const appointment = this.appointment();
    this.submitting.set(true);
    this.error.set('');
    this.notice.set('');
    this.api
      .update(appointment.id, {
        version: appointment.version,
        startsAt: zonedToUtc(v.date, v.time, this.zone).toISOString(),
        ...(override ? { override: true, overrideReason: v.overrideReason.trim() } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (moved) => this.dialogRef.close(moved),
        error: (err: unknown) => {
          const apiError = toApiError(err);
          const problem = bookingProblem(apiError);
          this.submitting.set(false);
          if (problem.kind === 'stale') {
            // Someone else changed it: show the latest and let the admin decide again.
            this.appointment.set(problem.current);
            this.notice.set(
              `${problem.message} It is now ${formatDateTime(problem.current.startsAt, this.zone)}.`,
            );
            return;
          }
          this.outsideHours.set(
            problem.kind === 'outside_hours' || (override && keepsOverrideOpen(apiError)),
          );
          this.error.set(problem.message);
          this.revealProblem();
          const startsAt = apiError.fields?.['startsAt'];
          if (startsAt) {
            this.form.controls.time.setErrors({ server: startsAt });
            this.form.controls.time.markAsTouched();
          }
          const reasonError = apiError.fields?.['overrideReason'];
          if (reasonError) {
            reason.setErrors({ server: reasonError });
            reason.markAsTouched();
          }
        },
      });
  }
}
