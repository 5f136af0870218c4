import { BreakpointObserver } from '@angular/cdk/layout';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { InvitationCreated, InvitationSummary, MemberSummary, StaffRole } from '@attune/shared';
import { filter, map, switchMap } from 'rxjs';
import { AccountApi } from '../../core/account-api';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { InvitationsApi, isPending } from '../../core/invitations-api';
import { MembersApi } from '../../core/members-api';
import { pagedList } from '../../core/paged-list';
import { PracticeDatePipe } from '../../core/practice-time';
import { AccountStateChip } from '../../ui/account-state-chip/account-state-chip';
import { ConfirmDialog, ConfirmDialogData } from '../../ui/confirm-dialog/confirm-dialog';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { InviteMemberDialog } from '../invite-member-dialog/invite-member-dialog';

const ROLE_LABELS: Record<StaffRole, string> = { admin: 'Admin', therapist: 'Therapist' };

/** Team members (with deactivate/reactivate) and pending invitations (with revoke). */
@Component({
  selector: 'app-people',
  imports: [
    AccountStateChip,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    NgTemplateOutlet,
    PracticeDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './people.html',
  styleUrl: './people.scss',
})
export class People {
  private readonly membersApi = inject(MembersApi);
  private readonly invitationsApi = inject(InvitationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);
  private readonly account = inject(AccountApi);

  protected readonly members = pagedList<MemberSummary>((cursor) => this.membersApi.list(cursor));
  protected readonly invitations = pagedList<InvitationSummary>((cursor) =>
    this.invitationsApi.list(cursor),
  );
  protected readonly pendingInvitations = computed(() =>
    this.invitations.items().filter((i) => isPending(i)),
  );
  /** Phones get one card per person; wider screens a table. */
  protected readonly isPhone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly memberColumns = ['name', 'email', 'roles', 'account', 'actions'];
  protected readonly invitationColumns = ['name', 'email', 'roles', 'expires', 'actions'];
  protected readonly myMemberId = computed(() => this.auth.me()?.memberId ?? null);
  /** Member or invitation id with a request in flight. */
  protected readonly busyId = signal<string | null>(null);
  protected readonly error = signal('');
  protected readonly status = signal('');

  constructor() {
    this.members.reload();
    this.invitations.reload();
  }

  protected roleList(roles: readonly StaffRole[]): string {
    return roles.map((r) => ROLE_LABELS[r] ?? r).join(', ') || '—';
  }

  protected invite(): void {
    this.dialog
      .open<InviteMemberDialog, void, InvitationCreated>(InviteMemberDialog, {
        ...DIALOG_OPTIONS,
        width: '520px',
      })
      .afterClosed()
      .subscribe((created) => {
        if (created) {
          this.status.set(`Invitation created for ${created.displayName}.`);
          this.invitations.reload();
        }
      });
  }

  protected setActive(member: MemberSummary, active: boolean): void {
    const data: ConfirmDialogData = active
      ? {
          title: `Reactivate ${member.displayName}?`,
          message: 'They will be able to sign in again with their existing password.',
          confirmLabel: 'Reactivate',
        }
      : {
          title: `Deactivate ${member.displayName}?`,
          message:
            'They will be signed out right away and cannot sign in until reactivated. Their records stay in place.',
          confirmLabel: 'Deactivate',
        };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { ...DIALOG_OPTIONS, data })
      .afterClosed()
      .pipe(
        filter((ok) => ok === true),
        switchMap(() => {
          this.busyId.set(member.id);
          this.error.set('');
          this.status.set('');
          return this.membersApi.update(member.id, { active });
        }),
      )
      .subscribe({
        next: (updated) => {
          this.members.replace(updated, (a, b) => a.id === b.id);
          this.busyId.set(null);
          this.status.set(`${updated.displayName} was ${active ? 'reactivated' : 'deactivated'}.`);
        },
        error: (err: unknown) => {
          this.busyId.set(null);
          this.error.set(toApiError(err).message);
        },
      });
  }

  /** For a member who lost their phone and codes: they sign in again and set it up anew. */
  protected resetMfa(member: MemberSummary): void {
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        ...DIALOG_OPTIONS,
        data: {
          title: `Reset ${member.displayName}'s second sign-in step?`,
          message:
            'Their authenticator app and recovery codes stop working, and they are signed out. ' +
            'Next time they sign in with their password and can set it up again. They will get an email about it.',
          confirmLabel: 'Reset',
        },
      })
      .afterClosed()
      .pipe(
        filter((ok) => ok === true),
        switchMap(() => {
          this.busyId.set(member.id);
          this.error.set('');
          this.status.set('');
          return this.account.resetMemberMfa(member.id);
        }),
      )
      .subscribe({
        next: () => {
          this.busyId.set(null);
          this.members.replace({ ...member, mfa: false }, (a, b) => a.id === b.id);
          this.status.set(`${member.displayName}'s second sign-in step was reset.`);
        },
        error: (err: unknown) => {
          this.busyId.set(null);
          this.error.set(toApiError(err).message);
        },
      });
  }

  protected revoke(invitation: InvitationSummary): void {
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        ...DIALOG_OPTIONS,
        data: {
          title: `Revoke the invitation for ${invitation.displayName}?`,
          message: 'The link will stop working. You can send a new invitation later.',
          confirmLabel: 'Revoke',
        },
      })
      .afterClosed()
      .pipe(
        filter((ok) => ok === true),
        switchMap(() => {
          this.busyId.set(invitation.id);
          this.error.set('');
          this.status.set('');
          return this.invitationsApi.revoke(invitation.id);
        }),
      )
      .subscribe({
        next: () => {
          this.busyId.set(null);
          this.status.set(`The invitation for ${invitation.displayName} was revoked.`);
          this.invitations.reload();
        },
        error: (err: unknown) => {
          this.busyId.set(null);
          this.error.set(toApiError(err).message);
        },
      });
  }
}
