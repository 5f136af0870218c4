import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  ClientSummary,
  isValidTimeZone,
  LIMITS,
  PracticeSummary,
  RETENTION_YEARS,
  SCHEDULING_LIMITS,
} from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { ClientsApi } from '../../core/clients-api';
import { clientFullName } from '../../caseload/client-name';
import { formatDateLong } from '../../scheduling/zoned-time';
import { PracticeApi } from '../../core/practice-api';
import { AppointmentTypes } from '../../scheduling/appointment-types/appointment-types';
import { SelfBookingSettingsCard } from '../../scheduling/self-booking-settings/self-booking-settings';
import { PracticeSecurity } from '../practice-security/practice-security';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { HasUnsavedChanges, warnBeforeUnload } from '../../core/unsaved-changes';

const TIME_ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
})();

function timeZoneValidator(control: AbstractControl<string>): ValidationErrors | null {
  return !control.value || isValidTimeZone(control.value) ? null : { timeZone: true };
}

@Component({
  selector: 'app-practice-settings',
  imports: [
    AppointmentTypes,
    ErrorAlert,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    PracticeSecurity,
    ReactiveFormsModule,
    RouterLink,
    SelfBookingSettingsCard,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './practice-settings.html',
  styleUrl: './practice-settings.scss',
})
export class PracticeSettings implements HasUnsavedChanges {
  private readonly api = inject(PracticeApi);
  private readonly auth = inject(AuthStore);
  private readonly clients = inject(ClientsApi);

  protected readonly limits = LIMITS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(LIMITS.practiceNameMax)]],
    timeZone: [
      '',
      [Validators.required, Validators.maxLength(LIMITS.timeZoneMax), timeZoneValidator],
    ],
    crisisText: ['', Validators.maxLength(LIMITS.crisisTextMax)],
    cancellationWindowHours: [
      24,
      [
        Validators.required,
        Validators.min(0),
        Validators.max(SCHEDULING_LIMITS.cancellationWindowMaxHours),
      ],
    ],
    retentionYears: [
      RETENTION_YEARS.default as number,
      [
        Validators.required,
        Validators.min(RETENTION_YEARS.min),
        Validators.max(RETENTION_YEARS.max),
      ],
    ],
  });
  protected readonly retention = RETENTION_YEARS;
  /** Closed records older than the retention period (first page; Attune deletes none). */
  protected readonly pastRetention = signal<ClientSummary[] | null>(null);
  protected readonly morePastRetention = signal(false);
  protected readonly savedRetentionYears = signal<number>(RETENTION_YEARS.default);
  protected readonly maxWindowHours = SCHEDULING_LIMITS.cancellationWindowMaxHours;
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly errorMessage = errorMessage;

  private readonly timeZoneInput = toSignal(this.form.controls.timeZone.valueChanges, {
    initialValue: '',
  });
  protected readonly timeZoneOptions = computed(() => {
    const q = this.timeZoneInput().toLowerCase().replace(/\s+/g, '_');
    return (q ? TIME_ZONES.filter((z) => z.toLowerCase().includes(q)) : TIME_ZONES).slice(0, 50);
  });
  private readonly crisisTextValue = toSignal(this.form.controls.crisisText.valueChanges, {
    initialValue: '',
  });
  protected readonly crisisTextLength = computed(() => this.crisisTextValue().length);

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    this.api
      .get()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (practice) => {
          this.fill(practice);
          this.loading.set(false);
          this.loadPastRetention();
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.loading.set(false);
        },
      });
  }

  private fill(practice: PracticeSummary): void {
    this.form.reset({
      name: practice.name,
      timeZone: practice.timeZone,
      crisisText: practice.crisisText,
      cancellationWindowHours: practice.cancellationWindowHours ?? 24,
      retentionYears: practice.retentionYears ?? RETENTION_YEARS.default,
    });
    this.savedRetentionYears.set(practice.retentionYears ?? RETENTION_YEARS.default);
  }

  /** The closed records past the retention period the practice stated. */
  private loadPastRetention(): void {
    this.clients.list({ pastRetention: true, limit: 50 }).subscribe({
      next: (page) => {
        this.pastRetention.set(page.items);
        this.morePastRetention.set(!!page.nextCursor);
      },
      error: () => this.pastRetention.set(null),
    });
  }

  protected clientName(c: ClientSummary): string {
    return clientFullName(c);
  }

  protected closedOn(c: ClientSummary): string {
    return c.closedAt ? formatDateLong(c.closedAt, this.auth.practice()?.timeZone ?? 'UTC') : '';
  }

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  protected save(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.error.set('');
    this.status.set('');
    this.api
      .update({
        name: v.name.trim(),
        timeZone: v.timeZone.trim(),
        crisisText: v.crisisText.trim(),
        cancellationWindowHours: v.cancellationWindowHours,
        retentionYears: v.retentionYears,
      })
      .subscribe({
        next: (practice) => {
          this.fill(practice);
          this.auth.setPractice(practice);
          this.saving.set(false);
          this.status.set('Practice settings saved.');
          this.loadPastRetention();
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          applyFieldErrors(this.form, apiError);
          this.error.set(apiError.message);
          this.saving.set(false);
        },
      });
  }
}
