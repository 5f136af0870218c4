import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { AppointmentView, SelfBookingStatus } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { SchedulingApi } from '../../core/scheduling-api';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { outsideNotice } from '../book-session/free-times';
import {
  ClientChangeDialog,
  type ClientChangeDialogData,
} from '../client-change-dialog/client-change-dialog';
import { SelfBookingPaused } from '../self-booking-paused/self-booking-paused';
import { formatDateLong, formatTimeRange, zoneAbbreviation } from '../zoned-time';

/** What the client may do with one session online. */
type SessionAction = 'change' | 'request' | 'requested' | 'none';

interface SessionCard {
  appointment: AppointmentView;
  date: string;
  time: string;
  icsUrl: string;
  action: SessionAction;
}

/**
 * The client's own upcoming sessions, next one first, each with an "Add to calendar" file. When
 * the practice allows self-booking: book a session, move or cancel one before the notice
 * window, or ask for a change closer to it. While it is paused, warm words and crisis resources.
 */
@Component({
  selector: 'app-client-sessions',
  imports: [
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    NgTemplateOutlet,
    RouterLink,
    SelfBookingPaused,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-sessions.html',
  styleUrl: './client-sessions.scss',
})
export class ClientSessions {
  private readonly api = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);

  protected readonly zone = computed(() => this.auth.practice()?.timeZone ?? 'UTC');
  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? 'your practice');
  private readonly appointments = signal<AppointmentView[]>([]);
  protected readonly selfBooking = signal<SelfBookingStatus | null>(null);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly error = signal('');
  protected readonly status = signal('');

  protected readonly open = computed(() => this.selfBooking()?.state === 'open');
  protected readonly paused = computed(() => this.selfBooking()?.state === 'paused');
  protected readonly therapistName = computed(
    () => this.selfBooking()?.therapist?.displayName ?? 'your therapist',
  );

  protected readonly sessions = computed<SessionCard[]>(() => {
    const zone = this.zone();
    return this.appointments()
      .filter((a) => a.status === 'booked')
      .map((a) => ({
        appointment: a,
        date: formatDateLong(a.startsAt, zone),
        time: `${formatTimeRange(a.startsAt, a.endsAt, zone)} ${zoneAbbreviation(a.startsAt, zone)}`,
        icsUrl: this.api.icsUrl(a.id),
        action: this.actionFor(a),
      }));
  });
  protected readonly next = computed(() => this.sessions()[0] ?? null);
  protected readonly later = computed(() => this.sessions().slice(1));

  constructor() {
    const clientId = this.auth.me()?.clientId;
    if (clientId)
      this.api
        .selfBookingStatus(clientId)
        .pipe(takeUntilDestroyed())
        .subscribe({
          next: (s) => this.selfBooking.set(s),
          // The sessions still show; only the online actions wait.
          error: () => this.selfBooking.set(null),
        });
    const now = Date.now();
    this.api
      .listAppointments({
        from: new Date(now).toISOString(),
        to: new Date(now + 365 * 86_400_000).toISOString(),
      })
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => {
          this.appointments.set(list);
          this.loading.set(false);
          this.loaded.set(true);
        },
        error: (err: unknown) => {
          this.error.set(toApiError(err).message);
          this.loading.set(false);
        },
      });
  }

  private actionFor(a: AppointmentView): SessionAction {
    const s = this.selfBooking();
    if (s?.state !== 'open') return 'none';
    if (a.changeRequest) return 'requested';
    const own = a.therapist.id === s.therapist?.id && s.types.some((t) => t.id === a.type.id);
    if (outsideNotice(a.startsAt, s.noticeHours)) return own ? 'change' : 'request';
    return 'request';
  }

  protected requestLabel(a: AppointmentView): string {
    const who = a.therapist.displayName;
    return a.changeRequest?.kind === 'cancel'
      ? `You asked to cancel this session. ${who} will be in touch.`
      : `You asked to move this session. ${who} will be in touch.`;
  }

  protected openDialog(a: AppointmentView, mode: ClientChangeDialogData['mode']): void {
    const s = this.selfBooking();
    this.status.set('');
    this.dialog
      .open<ClientChangeDialog, ClientChangeDialogData, AppointmentView>(ClientChangeDialog, {
        ...DIALOG_OPTIONS,
        width: '520px',
        data: { appointment: a, mode, zone: this.zone(), noticeHours: s?.noticeHours ?? 24 },
      })
      .afterClosed()
      .subscribe((changed) => {
        if (!changed) return;
        this.appointments.update((list) => list.map((x) => (x.id === changed.id ? changed : x)));
        this.status.set(
          mode === 'cancel'
            ? 'Your session is cancelled.'
            : `Your request is sent to ${changed.therapist.displayName}.`,
        );
      });
  }
}
