import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { Account } from '../../account/account';
import { AuthStore } from '../../core/auth-store';
import { RecordDownload } from '../record-download/record-download';
import { ReminderPreference } from '../reminder-preference/reminder-preference';

/**
 * The client's "Your account": a copy of their record and the reminder emails first, then the
 * sign-in settings everyone has (password, second step, where they are signed in).
 */
@Component({
  selector: 'app-client-account',
  imports: [Account, MatCardModule, RecordDownload, ReminderPreference],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-account [lead]="lead()">
      <div class="section"><app-record-download /></div>
      <mat-card appearance="outlined" class="section">
        <mat-card-content>
          <app-reminder-preference />
        </mat-card-content>
      </mat-card>
    </app-account>
  `,
  styles: `
    .section {
      display: block;
      margin-bottom: 16px;
    }
  `,
})
export class ClientAccount {
  private readonly auth = inject(AuthStore);
  protected readonly lead = computed(
    () =>
      `You are signed in as ${this.auth.me()?.user.email ?? ''}. Changes here apply only to you.`,
  );
}
