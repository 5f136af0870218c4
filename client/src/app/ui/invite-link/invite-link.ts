import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import type { InvitationCreated } from '@attune/shared';
import { ClipboardModule } from '@angular/cdk/clipboard';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * Shows a freshly created invitation link with a copy button, and says what really happens to the
 * invitation email: sent by the server's mail, or (no mail server set up) kept in the Mail page.
 */
@Component({
  selector: 'app-invite-link',
  imports: [ClipboardModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="label" id="invite-link-label">Invitation link for {{ name() }}</p>
    <div class="link-row">
      <code data-testid="invite-link" aria-labelledby="invite-link-label">{{ link() }}</code>
      <button
        mat-stroked-button
        type="button"
        [cdkCopyToClipboard]="link()"
        (cdkCopyToClipboardCopied)="copied.set($event)"
      >
        <mat-icon aria-hidden="true">content_copy</mat-icon>
        Copy link
      </button>
    </div>
    <p class="copied" role="status">
      @if (copied()) {
        Link copied.
      }
    </p>
    <p class="note" data-testid="invite-delivery">
      @if (delivery() === 'email') {
        We are emailing this link to {{ email() }} now; it usually arrives within a few minutes. You
        can also copy it and send it yourself.
      } @else {
        This server has no outgoing mail set up, so the email to {{ email() }} is not sent: it waits
        in the practice's Mail page, which admins can open. Copy the link and send it to them
        yourself.
      }
      The link works once and expires in 7 days. If that address already has an Attune account, the
      email tells them what to do instead.
    </p>
  `,
  styles: `
    :host {
      display: block;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .label {
      font-weight: 500;
      margin: 0 0 8px;
    }
    .link-row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    code {
      flex: 1 1 240px;
      padding: 8px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-lowest);
      overflow-wrap: anywhere;
      user-select: all;
    }
    .copied {
      min-height: 1.5em;
      margin: 4px 0;
    }
    .note {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class InviteLink {
  readonly link = input.required<string>();
  readonly name = input('this person');
  readonly email = input('this person');
  readonly delivery = input<InvitationCreated['delivery']>('mailbox');
  protected readonly copied = signal(false);
}
