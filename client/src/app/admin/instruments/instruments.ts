import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatDialog } from '@angular/material/dialog';
import { CriticalItemsSettings, InstrumentSummary } from '@attune/shared';
import { errorMessage, toApiError } from '../../core/api-error';
import { InstrumentsApi } from '../../core/instruments-api';
import { ValidationChip } from '../../screening/validation-chip/validation-chip';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { EmptyState } from '../../ui/empty-state/empty-state';
import {
  CriticalItemsData,
  CriticalItemsDialog,
} from '../critical-items-dialog/critical-items-dialog';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { forStaff } from '../../screening/screening-labels';

/** Largest Questionnaire file read from disk (a big instrument is well under this). */
const MAX_FILE_BYTES = 2_000_000;

/** Parses pasted or uploaded JSON, or says plainly why it is not JSON. */
export function parseQuestionnaire(text: string): { value: unknown } | { error: string } {
  if (!text.trim()) return { error: 'Paste a FHIR Questionnaire or choose a JSON file.' };
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return { error: 'This is JSON, but not a single JSON object (a FHIR Questionnaire).' };
    }
    return { value };
  } catch (e) {
    return { error: `This is not valid JSON: ${(e as Error).message}` };
  }
}

/** The practice's screener catalogue and the FHIR Questionnaire import (admins). */
@Component({
  selector: 'app-instruments',
  imports: [
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    ValidationChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './instruments.html',
  styleUrl: './instruments.scss',
})
export class Instruments {
  protected readonly forStaff = forStaff;
  private readonly api = inject(InstrumentsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly dialog = inject(MatDialog);

  protected readonly instruments = signal<InstrumentSummary[] | null>(null);
  protected readonly loadError = signal('');
  protected readonly importing = signal(false);
  protected readonly importError = signal('');
  /** Field-level problems from the server, e.g. `item.q3`: what is wrong with item q3. */
  protected readonly importProblems = signal<{ field: string; message: string }[]>([]);
  protected readonly status = signal('');
  protected readonly fileName = signal('');
  protected readonly errorMessage = errorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    json: ['', Validators.required],
    minAnsweredShare: [null as number | null, [Validators.min(0.01), Validators.max(1)]],
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loadError.set('');
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => this.instruments.set(list),
        error: (err: unknown) => {
          this.instruments.set(this.instruments() ?? []);
          this.loadError.set(toApiError(err).message);
        },
      });
  }

  /** Which questions and answers of an imported instrument are critical in this practice. */
  protected editCriticalItems(instrument: InstrumentSummary): void {
    this.dialog
      .open<CriticalItemsDialog, CriticalItemsData, CriticalItemsSettings>(CriticalItemsDialog, {
        ...DIALOG_OPTIONS,
        data: { instrumentId: instrument.id, title: instrument.title },
        width: '680px',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        const count = saved.items.length;
        this.status.set(
          `Critical items saved for ${instrument.title}: ${count === 1 ? '1 question' : `${count} questions`}.`,
        );
      });
  }

  protected fhirUrl(instrument: InstrumentSummary): string {
    return this.api.fhirUrl(instrument.id);
  }

  protected async chooseFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.importError.set('');
    if (file.size > MAX_FILE_BYTES) {
      this.importError.set('That file is too large for a Questionnaire (over 2 MB).');
      return;
    }
    this.fileName.set(file.name);
    this.form.controls.json.setValue(await file.text());
    this.form.controls.json.markAsDirty();
  }

  protected import(): void {
    if (this.importing()) return;
    this.importError.set('');
    this.importProblems.set([]);
    this.status.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const parsed = parseQuestionnaire(this.form.controls.json.value);
    if ('error' in parsed) {
      this.importError.set(parsed.error);
      return;
    }
    const share = this.form.controls.minAnsweredShare.value;
    this.importing.set(true);
    this.api
      .importFhir(parsed.value, share ?? undefined)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (instrument) => {
          this.importing.set(false);
          this.status.set(
            `${instrument.title} (version ${instrument.version}) was added to the catalogue.`,
          );
          this.form.reset();
          this.fileName.set('');
          this.load();
        },
        error: (err: unknown) => {
          const e = toApiError(err);
          this.importing.set(false);
          this.importError.set(e.message);
          this.importProblems.set(
            Object.entries(e.fields ?? {})
              .filter(([, message]) => message !== e.message)
              .map(([field, message]) => ({ field, message })),
          );
        },
      });
  }
}
