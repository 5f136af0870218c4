import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { ClientSummary } from '@attune/shared';
import { filter, switchMap } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { ClientsApi } from '../../core/clients-api';
import { StepUpDownload } from '../../core/step-up-download';
import { formatDateLong } from '../../scheduling/zoned-time';
import { ConfirmDialog, type ConfirmDialogData } from '../../ui/confirm-dialog/confirm-dialog';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import {
  type CloseRecordData,
  CloseRecordDialog,
} from '../close-record-dialog/close-record-dialog';

/**
 * The record itself, for admins: a copy on request (the export ZIP), and closing or reopening
 * it (deactivate / reactivate the client). Nothing here deletes anything.
 */
@Component({
  selector: 'app-client-record',
  imports: [StepUpDownload, ErrorAlert, MatButtonModule, MatCardModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Record</h2>
        <app-error-alert [message]="error()" />
        @if (client().status === 'inactive') {
          <p data-testid="record-closed">
            Closed on {{ closedOn() }}. {{ name() }} cannot sign in. Nothing in the record was
            deleted: Attune keeps it, as your retention period on the Practice page says.
          </p>
        } @else {
          <p>Open. {{ name() }} can sign in if they have an account.</p>
        }
        <div class="actions">
          <a
            mat-stroked-button
            [href]="exportUrl()"
            download
            appStepUpDownload
            data-testid="export-record"
          >
            <mat-icon aria-hidden="true">download</mat-icon>
            Download a copy
          </a>
          @if (client().status === 'active') {
            <button mat-stroked-button type="button" [disabled]="busy()" (click)="close()">
              <mat-icon aria-hidden="true">person_off</mat-icon>
              Deactivate client
            </button>
          } @else {
            <button mat-flat-button type="button" [disabled]="busy()" (click)="reopen()">
              <mat-icon aria-hidden="true">person_check</mat-icon>
              Reactivate client
            </button>
          }
        </div>
        <p class="muted">
          A copy is for a client who asks for their record: one ZIP with the record in plain words
          and in FHIR, scores and alerts included. It leaves out reflections the client kept
          private; clients download their own copy, with those, from their account page.
        </p>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    h2 {
      margin-top: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 0;
    }
  `,
})
export class ClientRecord {
  private readonly api = inject(ClientsApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  readonly client = input.required<ClientSummary>();
  readonly name = input.required<string>();
  /** The record after a change (closed or reopened). */
  readonly changed = output<ClientSummary>();

  protected readonly busy = signal(false);
  protected readonly error = signal('');
  private readonly zone = computed(() => this.auth.practice()?.timeZone ?? 'UTC');
  protected readonly exportUrl = computed(() => this.api.exportUrl(this.client().id));
  protected readonly closedOn = computed(() => {
    const closedAt = this.client().closedAt;
    return closedAt ? formatDateLong(closedAt, this.zone()) : '';
  });

  protected close(): void {
    this.error.set('');
    this.dialog
      .open<CloseRecordDialog, CloseRecordData, ClientSummary>(CloseRecordDialog, {
        data: { client: this.client(), name: this.name(), zone: this.zone() },
        ...DIALOG_OPTIONS,
        width: '560px',
      })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((client) => {
        if (client) this.changed.emit(client);
      });
  }

  protected reopen(): void {
    this.error.set('');
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: `Reactivate ${this.name()}?`,
          message:
            'They can sign in again with the password they had. Sessions cancelled when the record was closed stay cancelled; book new ones from the calendar.',
          confirmLabel: 'Reactivate',
        },
        ...DIALOG_OPTIONS,
      })
      .afterClosed()
      .pipe(
        filter((yes) => yes === true),
        switchMap(() => {
          this.busy.set(true);
          return this.api.reactivate(this.client().id);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (client) => {
          this.busy.set(false);
          this.changed.emit(client);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(toApiError(err).message);
        },
      });
  }
}
