import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { toApiError } from '../../core/api-error';
import { RemindersApi } from '../../core/reminders-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

/**
 * The client's choice of the gentle weekly reminder email, on its own so it can sit on any
 * account or settings page (`id="reminders"` is where the email's link lands).
 */
@Component({
  selector: 'app-reminder-preference',
  imports: [ErrorAlert, MatSlideToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section id="reminders" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Reminder emails</h2>
      <p class="text">
        If reading or a check-in is waiting for you, we can send you a short email about it. It
        comes at most once a week. It never says that anything is late.
      </p>
      @if (enabled() !== null) {
        <mat-slide-toggle [checked]="enabled()!" [disabled]="saving()" (change)="set($event)"
          >Send me a gentle reminder</mat-slide-toggle
        >
      }
      <p class="status" role="status">{{ status() }}</p>
      <app-error-alert [message]="error()" />
    </section>
  `,
  styles: `
    .text {
      max-width: 60ch;
    }
    .status:empty {
      margin: 0;
    }
  `,
})
export class ReminderPreference {
  private readonly api = inject(RemindersApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly enabled = signal<boolean | null>(null);
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly error = signal('');

  constructor() {
    this.api
      .preference()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (p) => this.enabled.set(p.gentleReminders),
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }

  protected set(change: MatSlideToggleChange): void {
    const wanted = change.checked;
    this.saving.set(true);
    this.status.set('');
    this.error.set('');
    this.api
      .setPreference(wanted)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (p) => {
          this.enabled.set(p.gentleReminders);
          this.saving.set(false);
          this.status.set(
            p.gentleReminders
              ? 'Saved. We will send a gentle reminder now and then.'
              : 'Saved. We will not send reminder emails.',
          );
        },
        error: (err: unknown) => {
          // Show the choice as it still is on the server.
          change.source.checked = !wanted;
          this.saving.set(false);
          this.error.set(toApiError(err).message);
        },
      });
  }
}
