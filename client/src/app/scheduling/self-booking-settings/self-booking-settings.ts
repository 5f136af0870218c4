import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { AppointmentTypeView } from '@attune/shared';
import { forkJoin } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { SchedulingApi } from '../../core/scheduling-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { durationLabel } from '../scheduling-labels';

/**
 * The admin's switch for client self-booking (off by default) and the session types clients may
 * book. The notice window is the practice's cancellation window, set in the form above.
 */
@Component({
  selector: 'app-self-booking-settings',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatCheckboxModule,
    MatProgressBarModule,
    MatSlideToggleModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './self-booking-settings.html',
  styleUrl: './self-booking-settings.scss',
})
export class SelfBookingSettingsCard {
  private readonly api = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);

  protected readonly types = signal<AppointmentTypeView[]>([]);
  protected readonly enabled = signal(false);
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly durationLabel = durationLabel;
  /** Follows the form above once it is saved. */
  protected readonly noticeHours = computed(
    () => this.auth.practice()?.cancellationWindowHours ?? 24,
  );
  protected readonly activeTypes = computed(() => this.types().filter((t) => t.active));
  protected readonly noTypeChosen = computed(() => this.enabled() && this.chosen().size === 0);

  constructor() {
    forkJoin({ settings: this.api.selfBookingSettings(), types: this.api.listTypes() })
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: ({ settings, types }) => {
          this.types.set(types);
          this.enabled.set(settings.enabled);
          this.chosen.set(new Set(settings.typeIds));
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.loading.set(false);
        },
      });
  }

  protected toggleType(typeId: string, on: boolean): void {
    const next = new Set(this.chosen());
    if (on) next.add(typeId);
    else next.delete(typeId);
    this.chosen.set(next);
    this.status.set('');
  }

  protected setEnabled(on: boolean): void {
    this.enabled.set(on);
    this.status.set('');
  }

  protected save(): void {
    if (this.saving()) return;
    this.saving.set(true);
    this.error.set('');
    this.status.set('');
    this.api
      .updateSelfBookingSettings({ enabled: this.enabled(), typeIds: [...this.chosen()] })
      .subscribe({
        next: (settings) => {
          this.enabled.set(settings.enabled);
          this.chosen.set(new Set(settings.typeIds));
          this.saving.set(false);
          this.status.set(
            settings.enabled
              ? 'Self-booking saved: clients can now book online.'
              : 'Self-booking saved: it is off.',
          );
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.saving.set(false);
        },
      });
  }
}
