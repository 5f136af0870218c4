import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { CRISIS_RESOURCES } from '@attune/shared';
import { AuthStore } from '../../core/auth-store';

/**
 * The crisis contacts inside a warm message (a safety answer, paused booking): call, text or chat
 * with 988, 911, then anything the caller projects, then the practice's own crisis text. `urgent`
 * makes every 988 button a filled one (someone with these thoughts right now).
 */
@Component({
  selector: 'app-crisis-contacts',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.urgent]': 'urgent()' },
  template: `
    <div class="links" [attr.data-testid]="urgent() ? 'lifeline-first' : null">
      <a matButton="filled" [href]="lifeline.call">
        <mat-icon aria-hidden="true">call</mat-icon>
        Call 988
      </a>
      <a [matButton]="others()" [href]="lifeline.text">
        <mat-icon aria-hidden="true">sms</mat-icon>
        Text 988
      </a>
      <a [matButton]="others()" [href]="lifeline.chat" target="_blank" rel="noopener noreferrer">
        <mat-icon aria-hidden="true">chat</mat-icon>
        Chat with 988
      </a>
    </div>
    <p class="emergency">
      <strong>{{
        urgent() ? 'If you are in danger, call 911.' : 'If you are in immediate danger, call 911.'
      }}</strong>
      <a [href]="emergency.call">Call 911</a>
    </p>
    <ng-content />
    @if (crisisText()) {
      <div class="practice">
        <p class="practice-name">From {{ practiceName() }}</p>
        <p class="practice-text" data-testid="practice-crisis-text">{{ crisisText() }}</p>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    p {
      margin: 0 0 12px;
      max-width: 65ch;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 12px;

      a {
        --mat-button-outlined-label-text-color: var(--mat-sys-on-tertiary-container);
        --mat-button-outlined-outline-color: var(--mat-sys-on-tertiary-container);
      }
    }
    :host(.urgent) .links {
      margin-top: 4px;
    }
    .emergency a {
      color: inherit;
      font-weight: 500;
      margin-inline-start: 4px;
    }
    .practice {
      padding: 12px;
      margin-bottom: 12px;
      border-radius: 12px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);

      p {
        margin: 0;
      }
    }
    .practice-name {
      font-weight: 500;
    }
    .practice-text {
      white-space: pre-line;
    }
  `,
})
export class CrisisContacts {
  private readonly auth = inject(AuthStore);

  /** The person said the thoughts are with them right now: every 988 button filled. */
  readonly urgent = input(false);

  /** Call 988 is always filled; text and chat too when it is urgent. */
  protected readonly others = computed<'filled' | 'outlined'>(() =>
    this.urgent() ? 'filled' : 'outlined',
  );
  protected readonly lifeline = CRISIS_RESOURCES.lifeline;
  protected readonly emergency = CRISIS_RESOURCES.emergency;
  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? 'your practice');
  protected readonly crisisText = computed(() => this.auth.practice()?.crisisText?.trim() ?? '');
}
