import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { AuthStore } from '../../core/auth-store';
import { CrisisContacts } from '../../ui/crisis-contacts/crisis-contacts';

/**
 * What a client sees while online booking waits for their therapist (a safety alert of theirs
 * is open): warm words to get in touch, and the crisis resources right there. It never says
 * why in clinical terms, and nothing they booked changes.
 */
@Component({
  selector: 'app-self-booking-paused',
  imports: [CrisisContacts, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="paused" data-testid="self-booking-paused" aria-labelledby="paused-heading">
      <h2 id="paused-heading">
        <mat-icon aria-hidden="true">favorite</mat-icon>
        Online booking is paused for now
      </h2>
      <p>
        To book, move or cancel a session for now, please get in touch with
        {{ therapistName() }} at {{ practiceName() }}. They will be glad to hear from you. Anything
        you already booked stays as it is.
      </p>

      <h3>If you need support right now</h3>
      <p>
        You don't have to wait. Caring people are ready to talk any time, day or night. It's free
        and private.
      </p>
      <app-crisis-contacts />
      <p class="note">Messages to the practice are not read around the clock.</p>
    </section>
  `,
  styleUrl: './self-booking-paused.scss',
})
export class SelfBookingPaused {
  private readonly auth = inject(AuthStore);

  /** The client's therapist, by name when known. */
  readonly therapist = input<string | null>(null);

  protected readonly therapistName = computed(() => this.therapist() || 'your therapist');
  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? 'your practice');
}
