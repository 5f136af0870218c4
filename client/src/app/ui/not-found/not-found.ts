import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { CrisisLine } from '../crisis-line/crisis-line';
import { EmptyState } from '../empty-state/empty-state';

@Component({
  selector: 'app-not-found',
  imports: [CrisisLine, EmptyState, MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="page">
      <h1>We couldn't find that page</h1>
      <app-empty-state
        icon="explore"
        message="The link may be old or mistyped. Let's get you back."
      >
        <a mat-flat-button routerLink="/">Go to my home page</a>
      </app-empty-state>
      <app-crisis-line />
    </main>
  `,
})
export class NotFound {}
