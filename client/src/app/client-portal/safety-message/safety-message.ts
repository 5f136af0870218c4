import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { CRISIS_RESOURCES } from '@attune/shared';
import { AuthStore } from '../../core/auth-store';

let nextId = 0;

/**
 * Shown as soon as a safety question gets a critical answer: warm words, the 988 Lifeline (call,
 * text, chat), 911, and the practice's own crisis text. When the person says the thoughts are
 * there right now, 988 comes first, before any other words. Nothing is locked.
 */
@Component({
  selector: 'app-safety-message',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './safety-message.html',
  styleUrl: './safety-message.scss',
})
export class SafetyMessage {
  private readonly auth = inject(AuthStore);

  /** Announce it (role="alert") when it appears because of an answer just given. */
  readonly live = input(false);
  /** The "right now" follow-up was answered yes: put 988 first. */
  readonly rightNow = input(false);
  /** On the thanks page: the answers are in, so no "keep going or take a break". */
  readonly sent = input(false);

  protected readonly headingId = `safety-heading-${nextId++}`;
  protected readonly lifeline = CRISIS_RESOURCES.lifeline;
  protected readonly emergency = CRISIS_RESOURCES.emergency;
  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? 'your practice');
  protected readonly crisisText = computed(() => this.auth.practice()?.crisisText?.trim() ?? '');
}
