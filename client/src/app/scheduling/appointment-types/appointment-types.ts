import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AppointmentTypeView } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { SchedulingApi } from '../../core/scheduling-api';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { durationLabel, KIND_LABELS } from '../scheduling-labels';
import { TypeDialog, TypeDialogData } from '../type-dialog/type-dialog';

/** The practice's appointment types (a section of Practice settings): add, edit, deactivate. */
@Component({
  selector: 'app-appointment-types',
  imports: [EmptyState, ErrorAlert, MatButtonModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './appointment-types.html',
  styleUrl: './appointment-types.scss',
})
export class AppointmentTypes {
  private readonly api = inject(SchedulingApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly types = signal<AppointmentTypeView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly busyId = signal<string | null>(null);
  protected readonly error = signal('');
  protected readonly status = signal('');

  constructor() {
    this.load();
  }

  private load(): void {
    this.loading.set(true);
    this.api
      .listTypes()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.types.set(list);
          this.loading.set(false);
          this.loaded.set(true);
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.loading.set(false);
        },
      });
  }

  protected meta(type: AppointmentTypeView): string {
    return [
      durationLabel(type.durationMinutes),
      KIND_LABELS[type.kind],
      type.isDefault ? 'Default' : '',
      type.active ? '' : 'Not offered',
    ]
      .filter(Boolean)
      .join(' · ');
  }

  protected edit(type?: AppointmentTypeView): void {
    this.dialog
      .open<TypeDialog, TypeDialogData, AppointmentTypeView>(TypeDialog, {
        ...DIALOG_OPTIONS,
        width: '520px',
        data: { type },
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.status.set(`${saved.name} ${type ? 'saved' : 'added'}.`);
        // Making one type the default can clear another's flag: reload the list.
        this.load();
      });
  }

  protected setActive(type: AppointmentTypeView, active: boolean): void {
    this.busyId.set(type.id);
    this.error.set('');
    this.status.set('');
    this.api
      .updateType(type.id, { active })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => {
          this.busyId.set(null);
          this.status.set(
            active
              ? `${saved.name} can be booked again.`
              : `${saved.name} is no longer offered. Sessions already booked keep it.`,
          );
          this.load();
        },
        error: (err: unknown) => {
          this.busyId.set(null);
          this.error.set(toApiError(err).message);
        },
      });
  }
}
