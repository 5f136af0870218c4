import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * Ten recovery codes, shown once: a list to write down, a text file to keep, and an "I've saved
 * them" button that emits `saved`.
 */
@Component({
  selector: 'app-recovery-codes',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3>Save your recovery codes</h3>
    <p>
      If you ever lose your phone, each of these codes lets you sign in once instead of a code from
      the app. Keep them somewhere safe, like a password manager or a printed page. This is the only
      time we show them.
    </p>
    <ol class="codes" aria-label="Recovery codes" data-testid="recovery-codes">
      @for (code of codes(); track code) {
        <li>
          <code>{{ code }}</code>
        </li>
      }
    </ol>
    <div class="actions">
      <button mat-stroked-button type="button" (click)="download()">
        <mat-icon aria-hidden="true">download</mat-icon>
        Download as a text file
      </button>
      <button mat-stroked-button type="button" (click)="copy()">
        <mat-icon aria-hidden="true">content_copy</mat-icon>
        Copy
      </button>
      <button mat-flat-button type="button" (click)="saved.emit()">I've saved them</button>
    </div>
    <p class="status" role="status">{{ copied() }}</p>
  `,
  styles: `
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: 4px 24px;
      padding-inline-start: 2rem;
      margin: 0 0 16px;
      font-size: 1.05rem;
    }
    code {
      letter-spacing: 0.05em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class RecoveryCodes {
  readonly codes = input.required<string[]>();
  readonly saved = output<void>();
  protected readonly copied = signal('');

  private text(): string {
    return `Attune recovery codes. Each works once.\n\n${this.codes().join('\n')}\n`;
  }

  protected download(): void {
    const url = URL.createObjectURL(new Blob([this.text()], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'attune-recovery-codes.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  protected copy(): void {
    void navigator.clipboard?.writeText(this.text()).then(
      () => this.copied.set('Copied.'),
      () => this.copied.set('Copying did not work here. Please write them down or download them.'),
    );
  }
}
