import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { Router } from '@angular/router';
import { AuthStore } from '../../core/auth-store';
import { homeUrlFor } from '../../core/role-home';
import { MfaSetup } from '../mfa-setup/mfa-setup';

/**
 * Shown right after the password when the practice requires a second step of its staff and this
 * member has none: nothing else opens until it is set up.
 */
@Component({
  selector: 'app-second-step-required',
  imports: [MatButtonModule, MatCardModule, MfaSetup],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="auth-page">
      <mat-card appearance="outlined" class="auth-card wide">
        <mat-card-content>
          <p class="brand" aria-hidden="true">Attune</p>
          <h1>Set up a second sign-in step</h1>
          <p class="lead">
            {{ practice() }} asks everyone on the team to use a second step when signing in, to keep
            clients' records safe. It takes about two minutes, and then you're in.
          </p>
          <app-mfa-setup (done)="finish()" />
          <p class="help">
            <button mat-button type="button" (click)="signOut()">Sign out</button>
          </p>
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .wide {
      max-width: 560px;
    }
    .help {
      margin: 16px 0 0;
    }
  `,
})
export class SecondStepRequired {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly practice = computed(() => this.auth.practice()?.name ?? 'Your practice');

  protected async finish(): Promise<void> {
    const me = await this.auth.reload();
    await this.router.navigateByUrl(me ? homeUrlFor(me.roles) : '/login');
  }

  protected signOut(): void {
    const done = () => void this.router.navigateByUrl('/login');
    this.auth.logout().subscribe({ next: done, error: done });
  }
}
