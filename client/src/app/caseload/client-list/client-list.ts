import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ClientSummary } from '@attune/shared';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { ClientsApi } from '../../core/clients-api';
import { pagedList } from '../../core/paged-list';
import { AccountStateChip } from '../../ui/account-state-chip/account-state-chip';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { AddClientDialog, AddClientDialogData } from '../add-client-dialog/add-client-dialog';
import { clientFullName } from '../client-name';
import { InactiveChip } from '../inactive-chip';

/** The client list for a therapist (own caseload) or an admin (whole practice). */
@Component({
  selector: 'app-client-list',
  imports: [
    AccountStateChip,
    EmptyState,
    ErrorAlert,
    InactiveChip,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    ReactiveFormsModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-list.html',
  styleUrl: './client-list.scss',
})
export class ClientList {
  private readonly api = inject(ClientsApi);
  private readonly dialog = inject(MatDialog);

  /** From route data: admins see every client and the primary therapist. */
  readonly area = input.required<'therapist' | 'admin'>();

  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly query = signal('');
  protected readonly list = pagedList<ClientSummary>((cursor) =>
    this.api.list({ cursor, q: this.query() }),
  );
  protected readonly isAdmin = computed(() => this.area() === 'admin');
  protected readonly columns = computed(() =>
    this.isAdmin()
      ? ['name', 'preferredName', 'primaryTherapist', 'account']
      : ['name', 'preferredName', 'pronouns', 'account'],
  );
  protected readonly status = signal('');
  protected readonly fullName = clientFullName;

  constructor() {
    this.list.reload();
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => {
        this.query.set(q.trim());
        this.list.reload();
      });
  }

  protected detailLink(client: ClientSummary): string[] {
    return ['/', this.area(), 'clients', client.id];
  }

  protected addClient(): void {
    this.dialog
      .open<AddClientDialog, AddClientDialogData, ClientSummary>(AddClientDialog, {
        ...DIALOG_OPTIONS,
        data: { chooseTherapist: this.isAdmin() },
        width: '640px',
      })
      .afterClosed()
      .subscribe((client) => {
        if (client) {
          this.status.set(`${clientFullName(client)} was added.`);
          this.list.reload();
        }
      });
  }
}
