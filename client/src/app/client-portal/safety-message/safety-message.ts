import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { CrisisContacts } from '../../ui/crisis-contacts/crisis-contacts';

let nextId = 0;

/**
 * Shown as soon as a safety question gets a critical answer: warm words, the 988 Lifeline (call,
 * text, chat), 911, and the practice's own crisis text. When the person says the thoughts are
 * there right now, 988 comes first, before any other words. Nothing is locked.
 */
@Component({
  selector: 'app-safety-message',
  imports: [CrisisContacts, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './safety-message.html',
  styleUrl: './safety-message.scss',
})
export class SafetyMessage {
  /** Announce it (role="alert") when it appears because of an answer just given. */
  readonly live = input(false);
  /** The "right now" follow-up was answered yes: put 988 first. */
  readonly rightNow = input(false);
  /** On the thanks page: the answers are in, so no "keep going or take a break". */
  readonly sent = input(false);

  protected readonly headingId = `safety-heading-${nextId++}`;
}
