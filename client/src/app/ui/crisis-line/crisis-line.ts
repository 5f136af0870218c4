import { ChangeDetectionStrategy, Component } from '@angular/core';
import { CRISIS_RESOURCES } from '@attune/shared';

/**
 * The crisis line for pages outside the signed-in shell (sign-in, invitation, not found): one tap
 * to call or text 988, or call 911. Signed-in client pages have the "Need help now?" button.
 */
@Component({
  selector: 'app-crisis-line',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="crisis-line" aria-labelledby="crisis-line-heading">
      <h2 id="crisis-line-heading">Need help now?</h2>
      <p>Call or text 988 any time, day or night. If you are in danger right now, call 911.</p>
      <p class="links">
        <a [href]="lifeline.call">Call 988</a>
        <a [href]="lifeline.text">Text 988</a>
        <a [href]="emergency.call">Call 911</a>
      </p>
    </section>
  `,
  styles: `
    .crisis-line {
      margin-top: 24px;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      color: inherit;
      margin: 0 0 4px;
    }
    p {
      margin: 0 0 8px;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 24px;
      margin: 0;
      font-weight: 500;
    }
    a {
      display: inline-flex;
      align-items: center;
      min-height: 48px;
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
})
export class CrisisLine {
  protected readonly lifeline = CRISIS_RESOURCES.lifeline;
  protected readonly emergency = CRISIS_RESOURCES.emergency;
}
