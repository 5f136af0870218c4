import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  FormArray,
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { type AvailabilityView, LIMITS, SCHEDULING_LIMITS, type TimeOffView } from '@attune/shared';
import { Subscription } from 'rxjs';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { SchedulingApi } from '../../core/scheduling-api';
import { TherapistOptions } from '../../caseload/therapist-options';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { matchTimeZones, timeZoneValidator } from '../scheduling-labels';
import {
  formatDateLong,
  formatDateTime,
  formatTimeRange,
  isoDateIn,
  WEEKDAY_NAMES,
  zonedToUtc,
} from '../zoned-time';
import {
  applyRuleErrors,
  RangeGroup,
  rangeGroup,
  rangeMessage,
  rulesFromRanges,
} from './availability-form';
import { HasUnsavedChanges, warnBeforeUnload } from '../../core/unsaved-changes';

/**
 * A therapist's weekly hours, time off and calendar link. Therapists edit their own (no
 * `therapistId`); admins reach any therapist's from the calendar (`therapistId` route param).
 */
@Component({
  selector: 'app-availability-editor',
  imports: [
    ErrorAlert,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ReactiveFormsModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './availability-editor.html',
  styleUrl: './availability-editor.scss',
})
export class AvailabilityEditor implements HasUnsavedChanges {
  private readonly api = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);
  private readonly clipboard = inject(Clipboard);
  private readonly destroyRef = inject(DestroyRef);
  private readonly therapistOptions = inject(TherapistOptions);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route param on the admin's route; absent on the therapist's own page. */
  readonly therapistId = input<string>();

  protected readonly isAdminView = computed(() => !!this.therapistId());
  protected readonly memberId = computed(
    () => this.therapistId() || this.auth.me()?.memberId || '',
  );
  protected readonly therapistName = signal('');

  protected readonly form = this.fb.group({
    timeZone: [
      '',
      [Validators.required, Validators.maxLength(LIMITS.timeZoneMax), timeZoneValidator],
    ],
    ranges: new FormArray<RangeGroup>([]),
  });
  /** Mirrors the form array so the template can group ranges by weekday. */
  private readonly rows = signal<RangeGroup[]>([]);
  /** Ranges whose optional date bounds are showing. */
  protected readonly datesShown = signal<ReadonlySet<RangeGroup>>(new Set());
  protected readonly days = computed(() => {
    const rows = this.rows();
    return WEEKDAY_NAMES.map((name, i) => ({
      weekday: i + 1,
      name,
      ranges: rows
        .map((group, index) => ({ group, index }))
        .filter((r) => r.group.controls.weekday.value === i + 1),
    }));
  });

  protected readonly timeOffForm = this.fb.group({
    startsAt: ['', Validators.required],
    endsAt: ['', Validators.required],
    reason: ['', Validators.maxLength(SCHEDULING_LIMITS.reasonMax)],
  });
  protected readonly feedForm = this.fb.group({
    showClient: this.fb.control<'initials' | 'none'>('initials'),
  });

  protected readonly availability = signal<AvailabilityView | null>(null);
  /** The saved zone: time off is entered and shown in it. */
  protected readonly savedZone = computed(() => this.availability()?.timeZone ?? '');
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly busyTimeOff = signal<string | null>(null);
  protected readonly addingTimeOff = signal(false);
  protected readonly feedBusy = signal(false);
  protected readonly feedUrl = signal('');

  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly timeOffError = signal('');
  protected readonly timeOffStatus = signal('');
  protected readonly feedError = signal('');
  protected readonly feedStatus = signal('');

  protected readonly errorMessage = errorMessage;
  protected readonly rangeMessage = rangeMessage;
  protected readonly limits = SCHEDULING_LIMITS;

  private readonly timeZoneInput = toSignal(this.form.controls.timeZone.valueChanges, {
    initialValue: '',
  });
  protected readonly timeZoneOptions = computed(() => matchTimeZones(this.timeZoneInput()));

  private loadSub?: Subscription;

  /** The hours as last loaded or saved (adding or removing a block does not mark a form dirty). */
  private savedHours: string | null = null;

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    effect(() => {
      const id = this.memberId();
      untracked(() => this.load(id));
    });
    effect(() => {
      const id = this.therapistId();
      if (!id) return;
      untracked(() =>
        this.therapistOptions
          .load()
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe({
            next: (list) =>
              this.therapistName.set(list.find((t) => t.id === id)?.displayName ?? ''),
            error: () => this.therapistName.set(''),
          }),
      );
    });
  }

  private load(id: string): void {
    this.loadSub?.unsubscribe();
    if (!id) {
      this.loading.set(false);
      this.error.set('Working hours are kept for therapists only.');
      return;
    }
    this.loading.set(true);
    this.loadSub = this.api
      .getAvailability(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.fill(view);
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.loading.set(false);
        },
      });
  }

  private fill(view: AvailabilityView): void {
    this.availability.set(view);
    const ranges = this.form.controls.ranges;
    ranges.clear({ emitEvent: false });
    const shown = new Set<RangeGroup>();
    for (const rule of view.rules) {
      const group = rangeGroup(rule);
      if (rule.validFrom || rule.validUntil) shown.add(group);
      ranges.push(group, { emitEvent: false });
    }
    this.form.controls.timeZone.reset(view.timeZone);
    this.form.markAsPristine();
    this.savedHours = JSON.stringify(this.form.getRawValue());
    this.rows.set([...ranges.controls]);
    this.datesShown.set(shown);
  }

  hasUnsavedChanges(): boolean {
    return this.savedHours !== null && JSON.stringify(this.form.getRawValue()) !== this.savedHours;
  }

  protected addRange(weekday: number): void {
    const sameDay = this.rows().filter((g) => g.controls.weekday.value === weekday);
    const last = sameDay[sameDay.length - 1]?.getRawValue();
    // A second block starts where the first one ends (e.g. after a lunch break).
    const rule =
      last && last.end && last.end < '23:00'
        ? { weekday, start: last.end, end: nextHour(last.end, 2) }
        : { weekday };
    this.form.controls.ranges.push(rangeGroup(rule));
    this.rows.set([...this.form.controls.ranges.controls]);
    this.status.set('');
  }

  protected removeRange(index: number): void {
    this.form.controls.ranges.removeAt(index);
    this.rows.set([...this.form.controls.ranges.controls]);
    this.status.set('');
  }

  protected toggleDates(group: RangeGroup): void {
    const next = new Set(this.datesShown());
    if (next.has(group)) {
      next.delete(group);
      group.patchValue({ validFrom: '', validUntil: '' });
    } else {
      next.add(group);
    }
    this.datesShown.set(next);
  }

  protected rangeLabel(group: RangeGroup, day: string): string {
    const v = group.getRawValue();
    return `${day} ${v.start || '?'} to ${v.end === '00:00' ? 'midnight' : v.end || '?'}`;
  }

  protected save(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set('Some hours need a look before they can be saved.');
      return;
    }
    const id = this.memberId();
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.error.set('');
    this.status.set('');
    this.api
      .setAvailability(id, {
        timeZone: v.timeZone.trim(),
        rules: rulesFromRanges(this.form.controls.ranges),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.fill(view);
          this.saving.set(false);
          this.status.set('Working hours saved.');
        },
        error: (err: unknown) => this.showSaveError(err),
      });
  }

  private showSaveError(err: unknown): void {
    this.saving.set(false);
    const apiError = toApiError(err);
    const fields = apiError.fields ?? {};
    const { messages } = applyRuleErrors(this.form.controls.ranges, fields);
    if (fields['timeZone']) {
      this.form.controls.timeZone.setErrors({ server: fields['timeZone'] });
      this.form.controls.timeZone.markAsTouched();
    }
    this.error.set(
      messages.length ? `Please check the hours. ${messages.join(' ')}` : apiError.message,
    );
  }

  protected addTimeOff(directive: FormGroupDirective): void {
    if (this.addingTimeOff()) return;
    const zone = this.savedZone();
    const f = this.timeOffForm;
    if (f.invalid || !zone) {
      f.markAllAsTouched();
      return;
    }
    const v = f.getRawValue();
    const startsAt = fromLocalInput(v.startsAt, zone);
    const endsAt = fromLocalInput(v.endsAt, zone);
    if (!startsAt || !endsAt) {
      f.markAllAsTouched();
      return;
    }
    if (endsAt <= startsAt) {
      f.controls.endsAt.setErrors({ server: 'The end must be after the start.' });
      f.controls.endsAt.markAsTouched();
      return;
    }
    this.addingTimeOff.set(true);
    this.timeOffError.set('');
    this.timeOffStatus.set('');
    this.api
      .addTimeOff(this.memberId(), {
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (added) => {
          this.availability.update((a) =>
            a
              ? {
                  ...a,
                  timeOff: [...a.timeOff, added].sort((x, y) =>
                    x.startsAt.localeCompare(y.startsAt),
                  ),
                }
              : a,
          );
          // Clear the submitted state too, so the empty form shows no errors.
          directive.resetForm();
          this.addingTimeOff.set(false);
          this.timeOffStatus.set(`Time off added: ${this.timeOffLabel(added)}.`);
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          applyFieldErrors(f, apiError);
          this.timeOffError.set(apiError.message);
          this.addingTimeOff.set(false);
        },
      });
  }

  protected removeTimeOff(off: TimeOffView): void {
    this.busyTimeOff.set(off.id);
    this.timeOffError.set('');
    this.timeOffStatus.set('');
    this.api
      .removeTimeOff(this.memberId(), off.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.availability.update((a) =>
            a ? { ...a, timeOff: a.timeOff.filter((t) => t.id !== off.id) } : a,
          );
          this.busyTimeOff.set(null);
          this.timeOffStatus.set(`Time off removed: ${this.timeOffLabel(off)}.`);
        },
        error: (err: unknown) => {
          this.busyTimeOff.set(null);
          this.timeOffError.set(toApiError(err).message);
        },
      });
  }

  protected timeOffLabel(off: TimeOffView): string {
    const zone = this.savedZone();
    if (isoDateIn(new Date(off.startsAt), zone) === isoDateIn(new Date(off.endsAt), zone)) {
      return `${formatDateLong(off.startsAt, zone)}, ${formatTimeRange(off.startsAt, off.endsAt, zone)}`;
    }
    return `${formatDateTime(off.startsAt, zone)} to ${formatDateTime(off.endsAt, zone)}`;
  }

  protected createFeed(): void {
    this.feedBusy.set(true);
    this.feedError.set('');
    this.feedStatus.set('');
    this.api
      .createCalendarFeed(this.memberId(), this.feedForm.getRawValue().showClient)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (feed) => {
          this.feedUrl.set(feed.url);
          this.feedBusy.set(false);
          this.feedStatus.set('Calendar link created. Copy it now: it is shown only once.');
        },
        error: (err: unknown) => {
          this.feedError.set(toApiError(err).message);
          this.feedBusy.set(false);
        },
      });
  }

  protected revokeFeed(): void {
    this.feedBusy.set(true);
    this.feedError.set('');
    this.feedStatus.set('');
    this.api
      .revokeCalendarFeed(this.memberId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.feedUrl.set('');
          this.feedBusy.set(false);
          this.feedStatus.set(
            'Calendar link turned off. Calendars subscribed to it stop updating.',
          );
        },
        error: (err: unknown) => {
          this.feedError.set(toApiError(err).message);
          this.feedBusy.set(false);
        },
      });
  }

  protected copyFeed(): void {
    const copied = this.clipboard.copy(this.feedUrl());
    this.feedStatus.set(copied ? 'Link copied.' : 'Select the link and copy it by hand.');
  }
}

function nextHour(time: string, hours: number): string {
  const h = Math.min(Number(time.slice(0, 2)) + hours, 23);
  return `${String(h).padStart(2, '0')}:${time.slice(3, 5)}`;
}

/** A datetime-local value ("2026-12-24T09:00") read in `zone`. */
function fromLocalInput(value: string, zone: string): Date | null {
  const [, date, time] = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value) ?? [];
  return date && time ? zonedToUtc(date, time, zone) : null;
}
