import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { CRISIS_RESOURCES } from '@attune/shared';
import { AuthStore } from '../../core/auth-store';

/** A calm word at the end of every reading: where to turn if it all feels like too much. */
@Component({
  selector: 'app-crisis-footer',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aside class="crisis" aria-labelledby="crisis-footer-heading">
      <mat-icon aria-hidden="true">favorite</mat-icon>
      <div>
        <h2 id="crisis-footer-heading">If things feel like too much</h2>
        <p>
          Reading about these patterns can stir things up, and that is okay. If things feel like too
          much, you can call or text 988 (the {{ lifeline.name }}) any time, day or night. In an
          emergency, call 911.
        </p>
        <p class="links">
          <a [href]="lifeline.call">Call 988</a>
          <a [href]="lifeline.text">Text 988</a>
          <a [href]="emergency.call">Call 911</a>
        </p>
        @if (crisisText()) {
          <p>{{ crisisText() }}</p>
        }
        <p>The “Need help now?” button at the top of every page is always there too.</p>
      </div>
    </aside>
  `,
  styles: `
    .crisis {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      margin-top: 32px;
      padding: 16px;
      border-radius: var(--attune-radius);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    mat-icon {
      flex: none;
      color: var(--mat-sys-tertiary);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    p {
      margin: 0 0 8px;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      font-weight: 500;
    }
    .links a {
      display: inline-block;
      padding: 4px 0;
    }
    p:last-child {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CrisisFooter {
  private readonly auth = inject(AuthStore);
  protected readonly lifeline = CRISIS_RESOURCES.lifeline;
  protected readonly emergency = CRISIS_RESOURCES.emergency;
  protected readonly crisisText = computed(() => this.auth.practice()?.crisisText ?? '');
}
