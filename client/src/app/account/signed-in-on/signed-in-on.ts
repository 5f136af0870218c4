import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import type { LoginSessionSummary } from '@attune/shared';
import { AccountApi } from '../../core/account-api';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { lastSeen, signedInAt } from '../last-seen';

const DEVICE_ICONS = {
  desktop: 'computer',
  mobile: 'smartphone',
  tablet: 'tablet',
  other: 'devices',
} as const;

/** "Signed in on": each device with its last activity (never a place), and a way to sign it out. */
@Component({
  selector: 'app-signed-in-on',
  imports: [ErrorAlert, MatButtonModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './signed-in-on.html',
  styleUrl: './signed-in-on.scss',
})
export class SignedInOn {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly sessions = signal<LoginSessionSummary[]>([]);
  protected readonly others = computed(() => this.sessions().filter((s) => !s.current).length);
  protected readonly busy = signal(true);
  protected readonly busyId = signal<string | null>(null);
  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly lastSeen = lastSeen;
  protected readonly signedInAt = signedInAt;

  constructor() {
    this.load();
  }

  protected icon(s: LoginSessionSummary): string {
    const type = s.deviceType;
    return type && type in DEVICE_ICONS
      ? DEVICE_ICONS[type as keyof typeof DEVICE_ICONS]
      : DEVICE_ICONS.other;
  }

  load(): void {
    this.busy.set(true);
    this.api.sessions().subscribe({
      next: (list) => {
        this.sessions.set(list);
        this.busy.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err).message);
        this.busy.set(false);
      },
    });
  }

  protected signOut(s: LoginSessionSummary): void {
    this.busyId.set(s.id);
    this.error.set('');
    this.status.set('');
    this.api.signOutSession(s.id).subscribe({
      next: () => {
        this.busyId.set(null);
        if (s.current) {
          this.auth.clear();
          void this.router.navigateByUrl('/login');
          return;
        }
        this.status.set(`Signed out of ${s.device}.`);
        this.sessions.update((list) => list.filter((x) => x.id !== s.id));
      },
      error: (err: unknown) => {
        this.busyId.set(null);
        this.error.set(toApiError(err).message);
        this.load();
      },
    });
  }

  protected signOutOthers(): void {
    this.busy.set(true);
    this.error.set('');
    this.status.set('');
    this.api.signOutOthers().subscribe({
      next: (r) => {
        this.status.set(
          r.ended === 1
            ? 'Signed out of 1 other device.'
            : `Signed out of ${r.ended} other devices.`,
        );
        this.load();
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err).message);
        this.busy.set(false);
      },
    });
  }
}
