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
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type AppointmentTypeView,
  type AppointmentView,
  type ClientSummary,
  SCHEDULING_LIMITS,
  type TherapistRef,
} from '@attune/shared';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { errorMessage, toApiError } from '../../core/api-error';
import { IdempotencyKeys } from '../../core/idempotency-key';
import { ClientsApi } from '../../core/clients-api';
import { SchedulingApi } from '../../core/scheduling-api';
import { clientFullName } from '../../caseload/client-name';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { bookingProblem, keepsOverrideOpen, TOUCHED_ONLY } from '../booking-problem';
import { durationLabel } from '../scheduling-labels';
import { formatDateLong, formatTimeRange, isIsoDate, zonedToUtc } from '../zoned-time';

export interface BookDialogData {
  therapists: TherapistRef[];
  therapistId: string | null;
  /** Active appointment types. */
  types: AppointmentTypeView[];
  typeId: string | null;
  /** Wall-clock date ("YYYY-MM-DD") and time ("HH:mm") in `zone`. */
  date: string;
  time: string;
  /** The practice time zone every time here is read in. */
  zone: string;
}

function pickedClient(control: AbstractControl<ClientSummary | string | null>) {
  const value = control.value;
  if (!value) return { required: true };
  return typeof value === 'object' ? null : { pickClient: true };
}

const FIELD_CONTROLS: Record<string, string> = {
  clientId: 'client',
  therapistId: 'therapistId',
  typeId: 'typeId',
  startsAt: 'time',
  overrideReason: 'overrideReason',
};

/** Books a session: pick a client, a type and a time; clashes and out-of-hours are explained. */
@Component({
  selector: 'app-book-dialog',
  imports: [
    ErrorAlert,
    MatAutocompleteModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './book-dialog.html',
  styleUrl: './book-dialog.scss',
})
export class BookDialog {
  private readonly api = inject(SchedulingApi);
  private readonly clients = inject(ClientsApi);
  private readonly dialogRef = inject<MatDialogRef<BookDialog, AppointmentView>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly problem = viewChild<ElementRef<HTMLElement>>('problem');
  protected readonly data = inject<BookDialogData>(MAT_DIALOG_DATA);

  protected readonly client = new FormControl<ClientSummary | string | null>(null, pickedClient);
  protected readonly form = inject(NonNullableFormBuilder).group({
    therapistId: [this.data.therapistId ?? '', Validators.required],
    typeId: [this.data.typeId ?? this.data.types[0]?.id ?? '', Validators.required],
    date: [this.data.date, Validators.required],
    time: [this.data.time, Validators.required],
    overrideReason: ['', Validators.maxLength(SCHEDULING_LIMITS.reasonMax)],
  });
  protected readonly submitting = signal(false);
  private readonly keys = new IdempotencyKeys();
  /** A clash or any other failure, shown in an alert. */
  protected readonly error = signal('');
  /** The server said the time is outside working hours: offer "Book anyway" with a reason. */
  protected readonly outsideHours = signal(false);
  protected readonly errorMessage = errorMessage;
  protected readonly fullName = clientFullName;
  protected readonly durationLabel = durationLabel;
  protected readonly limits = SCHEDULING_LIMITS;
  protected readonly touchedOnly = TOUCHED_ONLY;

  protected readonly clientOptions = toSignal(
    this.client.valueChanges.pipe(
      map((value) => (typeof value === 'string' ? value.trim() : null)),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q === null
          ? of(null)
          : this.clients.list({ q, limit: 10 }).pipe(
              map((page) => page.items.filter((c) => c.status === 'active')),
              catchError(() => of([] as ClientSummary[])),
            ),
      ),
    ),
    { initialValue: null },
  );

  private readonly value = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });

  /** "Monday, March 16, 2026, 9:00 – 9:50 AM" in the practice zone, once the time is complete. */
  protected readonly summary = computed(() => {
    const v = { ...this.form.getRawValue(), ...this.value() };
    const type = this.data.types.find((t) => t.id === v.typeId);
    if (!type || !isIsoDate(v.date) || !/^\d{2}:\d{2}$/.test(v.time)) return '';
    const start = zonedToUtc(v.date, v.time, this.data.zone);
    const end = new Date(start.getTime() + type.durationMinutes * 60_000);
    return `${formatDateLong(start, this.data.zone)}, ${formatTimeRange(start, end, this.data.zone)}`;
  });

  constructor() {
    // A new time, therapist or type is a new question for the server.
    for (const name of ['therapistId', 'typeId', 'date', 'time'] as const) {
      this.form.controls[name].valueChanges
        .pipe(takeUntilDestroyed())
        .subscribe(() => this.clearProblem());
    }
    this.client.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.clearProblem());
  }

  protected displayClient = (value: ClientSummary | string | null): string =>
    !value ? '' : typeof value === 'string' ? value : clientFullName(value);

  protected clientError(): string {
    if (this.client.hasError('server')) return String(this.client.getError('server'));
    if (this.client.hasError('pickClient')) return 'Choose a client from the list.';
    return this.client.hasError('required') ? 'Client is required.' : '';
  }

  private clearProblem(): void {
    if (this.submitting()) return;
    this.error.set('');
    this.outsideHours.set(false);
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
    if (override && !reason.value.trim()) {
      reason.setErrors({ required: true });
      reason.markAsTouched();
    }
    if (this.form.invalid || this.client.invalid) {
      this.form.markAllAsTouched();
      this.client.markAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const client = this.client.value as ClientSummary;
    this.submitting.set(true);
    this.error.set('');
    const body = {
      therapistId: v.therapistId,
      clientId: client.id,
      typeId: v.typeId,
      startsAt: zonedToUtc(v.date, v.time, this.data.zone).toISOString(),
      ...(override ? { override: true, overrideReason: v.overrideReason.trim() } : {}),
    };
    this.api
      .book(body, this.keys.keyFor(body))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (appointment) => this.dialogRef.close(appointment),
        error: (err: unknown) => {
          const apiError = toApiError(err);
          const problem = bookingProblem(apiError);
          this.submitting.set(false);
          this.outsideHours.set(
            problem.kind === 'outside_hours' || (override && keepsOverrideOpen(apiError)),
          );
          this.error.set(problem.message);
          this.revealProblem();
          for (const [field, message] of Object.entries(apiError.fields ?? {})) {
            const name = FIELD_CONTROLS[field];
            const control = name === 'client' ? this.client : name ? this.form.get(name) : null;
            control?.setErrors({ server: message });
            control?.markAsTouched();
          }
        },
      });
  }
}
