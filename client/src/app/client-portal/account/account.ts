import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { AuthStore } from '../../core/auth-store';
import { RecordDownload } from '../record-download/record-download';

/** The client's account page: who they are signed in as, and a copy of their record. */
@Component({
  selector: 'app-client-account',
  imports: [MatCardModule, RecordDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>Your account</h1>
      <p class="lead">You are signed in as {{ email() }}.</p>
      <app-record-download />
    </div>
  `,
})
export class ClientAccount {
  private readonly auth = inject(AuthStore);
  protected readonly email = computed(() => this.auth.me()?.user.email ?? '');
}
