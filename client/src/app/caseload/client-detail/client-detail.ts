import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  ApiError,
  ClientSummary,
  InvitationCreated,
  LIMITS,
  TherapistRef,
  UpdateClientRequest,
} from '@attune/shared';
import { applyFieldErrors, errorMessage, toApiError } from '../../core/api-error';
import { ClientsApi } from '../../core/clients-api';
import { InvitationsApi } from '../../core/invitations-api';
import { ClientReading } from '../../psychoeducation/client-reading/client-reading';
import { SelfBookingStatusLine } from '../../scheduling/self-booking-status/self-booking-status';
import { ClientUpcoming } from '../../scheduling/client-upcoming/client-upcoming';
import { ClientScreenings } from '../../screening/client-screenings/client-screenings';
import { ClientTrend } from '../../screening/client-trend/client-trend';
import { SafetyHistory } from '../../screening/safety-history/safety-history';
import { AccountStateChip } from '../../ui/account-state-chip/account-state-chip';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { InviteLink } from '../../ui/invite-link/invite-link';
import { clientFullName, optionalText } from '../client-name';
import { ClientRecord } from '../client-record/client-record';
import { InactiveChip } from '../inactive-chip';
import { TherapistOptions } from '../therapist-options';
import { PracticeDatePipe } from '../../core/practice-time';
import { HasUnsavedChanges, warnBeforeUnload } from '../../core/unsaved-changes';

const CONFLICT_MESSAGE =
  'Someone else changed this client; here is the latest. Check it and save again if your change is still needed.';

@Component({
  selector: 'app-client-detail',
  imports: [
    PracticeDatePipe,
    AccountStateChip,
    ClientReading,
    ClientRecord,
    ClientScreenings,
    ClientTrend,
    ClientUpcoming,
    EmptyState,
    ErrorAlert,
    InactiveChip,
    InviteLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    RouterLink,
    SafetyHistory,
    SelfBookingStatusLine,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-detail.html',
  styleUrl: './client-detail.scss',
})
export class ClientDetail implements HasUnsavedChanges {
  private readonly api = inject(ClientsApi);
  private readonly invitations = inject(InvitationsApi);
  private readonly therapistOptions = inject(TherapistOptions);
  private readonly destroyRef = inject(DestroyRef);

  /** Route param `:id`. */
  readonly id = input.required<string>();
  /** From route data. */
  readonly area = input.required<'therapist' | 'admin'>();

  protected readonly client = signal<ClientSummary | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal('');
  protected readonly conflict = signal('');
  protected readonly status = signal('');
  protected readonly editing = signal(false);
  protected readonly therapists = signal<TherapistRef[]>([]);
  protected readonly invitation = signal<InvitationCreated | null>(null);

  protected readonly isAdmin = computed(() => this.area() === 'admin');
  protected readonly name = computed(() => {
    const client = this.client();
    return client ? clientFullName(client) : '';
  });
  protected readonly backLink = computed(() => `/${this.area()}/clients`);
  protected readonly canInvite = computed(() => {
    const client = this.client();
    return !!client && (client.account === 'none' || client.account === 'invited');
  });
  protected readonly errorMessage = errorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    firstName: ['', [Validators.required, Validators.maxLength(LIMITS.nameMax)]],
    lastName: ['', [Validators.required, Validators.maxLength(LIMITS.nameMax)]],
    preferredName: ['', Validators.maxLength(LIMITS.nameMax)],
    pronouns: ['', Validators.maxLength(LIMITS.pronounsMax)],
    email: ['', [Validators.email, Validators.maxLength(LIMITS.emailMax)]],
  });
  protected readonly therapistControl = new FormControl('', { nonNullable: true });

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    effect(() => this.load(this.id()));
    effect(() => {
      if (this.isAdmin()) this.loadTherapists();
    });
  }

  protected load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (client) => {
          this.client.set(client);
          this.therapistControl.setValue(client.primaryTherapist?.id ?? '');
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.loadError.set(toApiError(err));
          this.loading.set(false);
        },
      });
  }

  private loadTherapists(): void {
    this.therapistOptions
      .load()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => this.therapists.set(list),
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }

  hasUnsavedChanges(): boolean {
    return this.editing() && this.form.dirty;
  }

  protected startEdit(): void {
    const client = this.client();
    if (!client) return;
    this.form.reset({
      firstName: client.firstName,
      lastName: client.lastName,
      preferredName: client.preferredName ?? '',
      pronouns: client.pronouns ?? '',
      email: client.email ?? '',
    });
    this.conflict.set('');
    this.error.set('');
    this.editing.set(true);
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.error.set('');
  }

  protected saveDetails(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.patch(
      {
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        preferredName: optionalText(v.preferredName) ?? null,
        pronouns: optionalText(v.pronouns) ?? null,
        email: optionalText(v.email) ?? null,
      },
      'Details saved.',
      () => this.editing.set(false),
    );
  }

  protected assignTherapist(): void {
    const therapistId = this.therapistControl.value || null;
    this.patch({ primaryTherapistId: therapistId }, 'Primary therapist saved.');
  }

  /** PATCH with the version we last saw; on 409 show the latest and keep the user's edits. */
  private patch(
    changes: Omit<UpdateClientRequest, 'version'>,
    done: string,
    onSaved?: () => void,
  ): void {
    const client = this.client();
    if (!client || this.saving()) return;
    this.saving.set(true);
    this.error.set('');
    this.conflict.set('');
    this.status.set('');
    this.api
      .update(client.id, { ...changes, version: client.version })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.client.set(updated);
          this.therapistControl.setValue(updated.primaryTherapist?.id ?? '');
          this.saving.set(false);
          this.status.set(done);
          onSaved?.();
        },
        error: (err: unknown) => {
          const apiError = toApiError(err);
          this.saving.set(false);
          if (apiError.statusCode === 409 && isClientSummary(apiError.current)) {
            this.client.set(apiError.current);
            this.conflict.set(CONFLICT_MESSAGE);
            return;
          }
          applyFieldErrors(this.form, apiError);
          this.error.set(apiError.message);
        },
      });
  }

  /** The record was closed or reopened (its card did the asking). */
  protected recordChanged(client: ClientSummary): void {
    this.client.set(client);
    this.invitation.set(null);
    this.status.set(
      client.status === 'inactive'
        ? `${this.name()} is deactivated. Their record is kept.`
        : `${this.name()} is active again.`,
    );
  }

  protected invite(): void {
    const client = this.client();
    if (!client || this.saving()) return;
    this.saving.set(true);
    this.error.set('');
    this.invitations
      .create({ kind: 'client', clientId: client.id })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (invitation) => {
          this.invitation.set(invitation);
          this.client.set({ ...client, account: 'invited' });
          this.saving.set(false);
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.saving.set(false);
        },
      });
  }
}

function isClientSummary(value: unknown): value is ClientSummary {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as ClientSummary).id === 'string' &&
    typeof (value as ClientSummary).version === 'number'
  );
}
