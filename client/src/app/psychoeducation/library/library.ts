import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { ModuleSummary, SignTag } from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { PsychoeducationApi } from '../../core/psychoeducation-api';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { readingTime, SIGN_TAG_OPTIONS, signTagLabel } from '../module-labels';

/** The practice's psychoeducation library: built-in modules and the ones its therapists wrote. */
@Component({
  selector: 'app-library',
  imports: [
    EmptyState,
    ErrorAlert,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './library.html',
  styleUrl: './library.scss',
})
export class Library {
  private readonly api = inject(PsychoeducationApi);

  protected readonly modules = signal<ModuleSummary[] | null>(null);
  protected readonly error = signal('');
  protected readonly tag = signal<SignTag | ''>('');
  protected readonly tagOptions = SIGN_TAG_OPTIONS;
  protected readonly signTagLabel = signTagLabel;
  protected readonly readingTime = readingTime;
  protected readonly shown = computed(() => {
    const tag = this.tag();
    const list = this.modules() ?? [];
    return tag ? list.filter((m) => m.signTags.includes(tag)) : list;
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.error.set('');
    this.api
      .listModules()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.modules.set(list),
        error: (err: unknown) => {
          this.modules.set(this.modules() ?? []);
          this.error.set(toApiError(err).message);
        },
      });
  }
}
