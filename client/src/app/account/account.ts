import { ChangeDetectionStrategy, Component, input, viewChild } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { ChangePassword } from './change-password/change-password';
import { MfaSettings } from './mfa-settings/mfa-settings';
import { SignedInOn } from './signed-in-on/signed-in-on';

/** "Your account", for everyone: password, the second sign-in step and where you're signed in. */
@Component({
  selector: 'app-account',
  imports: [ChangePassword, MatCardModule, MfaSettings, SignedInOn],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>Your account</h1>
      <p class="lead">{{ lead() }}</p>
      <!-- What a role adds to its own account page (a client's record and reminder emails). -->
      <ng-content />
      <mat-card appearance="outlined" class="section">
        <mat-card-content>
          <section aria-labelledby="password-heading">
            <app-change-password (changed)="sessions().load()" />
          </section>
        </mat-card-content>
      </mat-card>
      <mat-card appearance="outlined" class="section">
        <mat-card-content>
          <section aria-labelledby="mfa-heading">
            <app-mfa-settings (signedOutOthers)="sessions().load()" />
          </section>
        </mat-card-content>
      </mat-card>
      <mat-card appearance="outlined" class="section">
        <mat-card-content>
          <section aria-labelledby="sessions-heading">
            <app-signed-in-on />
          </section>
        </mat-card-content>
      </mat-card>
    </div>
  `,
  styles: `
    .section {
      margin-bottom: 16px;
    }
  `,
})
export class Account {
  readonly lead = input('Keep your sign-in safe. Changes here apply only to you.');
  protected readonly sessions = viewChild.required(SignedInOn);
}
