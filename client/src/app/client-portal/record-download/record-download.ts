import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { AuthStore } from '../../core/auth-store';
import { ClientsApi } from '../../core/clients-api';
import { StepUpDownload } from '../../core/step-up-download';

/**
 * "Download my record": the client's own copy of their record, as one ZIP. A plain link, so the
 * browser streams it straight to a file with the session cookie (nothing held in the page).
 */
@Component({
  selector: 'app-record-download',
  imports: [StepUpDownload, MatButtonModule, MatCardModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2 id="record-download-heading">A copy of your record</h2>
        <p>
          You can download what {{ practiceName() }} keeps about you in Attune, whenever you like.
          It comes as one ZIP file with two files inside:
        </p>
        <ul>
          <li>
            <strong>record.json</strong>: your details, the answers you gave, your reading and
            reflections (private ones too), and your sessions, in plain words.
          </li>
          <li>
            <strong>fhir-bundle.json</strong>: the same record in FHIR, a format other health record
            systems can read.
          </li>
        </ul>
        <p class="muted">
          Scores are not in it. Your therapist can go through them with you, and the practice can
          give you the full record if you ask.
        </p>
        @if (url(); as url) {
          <a
            mat-flat-button
            [href]="url"
            download
            appStepUpDownload
            data-testid="download-record"
            aria-describedby="record-download-heading"
          >
            <mat-icon aria-hidden="true">download</mat-icon>
            Download my record
          </a>
        }
        <p class="muted keep-safe">
          The file holds private health information. Keep it somewhere safe, and think twice before
          you share it.
        </p>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    h2 {
      margin-top: 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .keep-safe {
      margin-bottom: 0;
    }
  `,
})
export class RecordDownload {
  private readonly auth = inject(AuthStore);
  private readonly api = inject(ClientsApi);

  protected readonly practiceName = computed(() => this.auth.practice()?.name ?? 'your practice');
  protected readonly url = computed(() => {
    const clientId = this.auth.me()?.clientId;
    return clientId ? this.api.exportUrl(clientId) : null;
  });
}
