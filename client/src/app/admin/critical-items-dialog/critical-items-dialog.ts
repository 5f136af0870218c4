import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  type CriticalItem,
  type CriticalItemsSettings,
  type InstrumentDetail,
  type ItemDefinition,
  SCREENING_LIMITS,
} from '@attune/shared';
import { forkJoin } from 'rxjs';
import { errorMessage, toApiError } from '../../core/api-error';
import { InstrumentsApi } from '../../core/instruments-api';
import { ErrorAlert } from '../../ui/error-alert/error-alert';

export interface CriticalItemsData {
  instrumentId: string;
  title: string;
}

type Level = 'urgent' | 'check-in';
type EntryForm = FormGroup<{
  linkId: FormControl<string>;
  codes: FormGroup<Record<string, FormControl<boolean>>>;
  level: FormControl<Level>;
  message: FormControl<string>;
}>;

/** The option codes an existing critical item treats as critical (by codes, or by its condition). */
function criticalCodes(item: ItemDefinition, c: CriticalItem): string[] {
  const options = (item.options ?? []).filter((o) => !o.declines);
  if (c.answerCodes) return c.answerCodes;
  const cond = c.condition;
  if (!cond) return [];
  return options
    .filter((o) => {
      const v = typeof cond.value === 'number' ? o.weight : o.code;
      if (v === undefined) return false;
      switch (cond.operator) {
        case '=':
          return v === cond.value;
        case '!=':
          return v !== cond.value;
        case '>':
          return (v as number) > (cond.value as number);
        case '>=':
          return (v as number) >= (cond.value as number);
        case '<':
          return (v as number) < (cond.value as number);
        case '<=':
          return (v as number) <= (cond.value as number);
        default:
          return true;
      }
    })
    .map((o) => o.code);
}

/**
 * An admin marks which questions and answers of an imported instrument are critical in this
 * practice, how urgent they are and what the clinician reads. "Prefer not to answer" and a
 * blank at submit always bring a check-in.
 */
@Component({
  selector: 'app-critical-items-dialog',
  imports: [
    ErrorAlert,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './critical-items-dialog.html',
  styleUrl: './critical-items-dialog.scss',
})
export class CriticalItemsDialog {
  private readonly api = inject(InstrumentsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly destroyRef = inject(DestroyRef);
  private readonly dialogRef =
    inject<MatDialogRef<CriticalItemsDialog, CriticalItemsSettings>>(MatDialogRef);
  protected readonly data = inject<CriticalItemsData>(MAT_DIALOG_DATA);

  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly settings = signal<CriticalItemsSettings | null>(null);
  /** Questions with answer options that can be made critical. */
  protected readonly questions = signal<ItemDefinition[]>([]);
  protected readonly entries = new FormArray<EntryForm>([]);
  protected readonly addControl = new FormControl('', { nonNullable: true });
  protected readonly messageMax = SCREENING_LIMITS.criticalMessageMax;
  protected readonly errorMessage = errorMessage;

  constructor() {
    this.load();
  }

  private load(): void {
    this.loading.set(true);
    forkJoin([this.api.get(this.data.instrumentId), this.api.criticalItems(this.data.instrumentId)])
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ([detail, settings]) => this.show(detail, settings),
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(toApiError(err).message);
        },
      });
  }

  private show(detail: InstrumentDetail, settings: CriticalItemsSettings): void {
    const questions = detail.definition.sections
      .flatMap((s) => s.items)
      .filter((i) => i.type === 'choice' && !i.readOnly);
    this.questions.set(questions);
    this.settings.set(settings);
    this.entries.clear();
    for (const c of settings.items) {
      const item = questions.find((q) => q.linkId === c.linkId);
      if (item)
        this.entries.push(
          this.entry(
            item,
            criticalCodes(item, c),
            c.severity === 'check-in' ? 'check-in' : 'urgent',
            c.message,
          ),
        );
    }
    this.loading.set(false);
  }

  private entry(item: ItemDefinition, codes: string[], level: Level, message: string): EntryForm {
    const options = (item.options ?? []).filter((o) => !o.declines);
    return this.fb.group({
      linkId: this.fb.control(item.linkId),
      codes: new FormGroup(
        Object.fromEntries(
          options.map((o) => [
            o.code,
            new FormControl(codes.includes(o.code), { nonNullable: true }),
          ]),
        ),
      ),
      level: this.fb.control<Level>(level),
      message: this.fb.control(message, [
        Validators.required,
        Validators.minLength(3),
        Validators.maxLength(SCREENING_LIMITS.criticalMessageMax),
      ]),
    });
  }

  protected item(entry: EntryForm): ItemDefinition | undefined {
    return this.questions().find((q) => q.linkId === entry.controls.linkId.value);
  }

  protected options(entry: EntryForm) {
    return (this.item(entry)?.options ?? []).filter((o) => !o.declines);
  }

  protected available(): ItemDefinition[] {
    const used = new Set(this.entries.controls.map((e) => e.controls.linkId.value));
    return this.questions().filter((q) => !used.has(q.linkId));
  }

  protected noCodes(entry: EntryForm): boolean {
    return !Object.values(entry.controls.codes.controls).some((c) => c.value);
  }

  protected add(): void {
    const item = this.questions().find((q) => q.linkId === this.addControl.value);
    if (!item) return;
    const options = (item.options ?? []).filter((o) => !o.declines);
    // Every answer but the first (usually "Not at all") to start with; the admin adjusts.
    this.entries.push(
      this.entry(
        item,
        options.slice(1).map((o) => o.code),
        'urgent',
        '',
      ),
    );
    this.addControl.setValue('');
  }

  protected remove(index: number): void {
    this.entries.removeAt(index);
  }

  protected save(): void {
    const settings = this.settings();
    if (this.saving() || !settings) return;
    this.error.set('');
    this.notice.set('');
    if (this.entries.invalid || this.entries.controls.some((e) => this.noCodes(e))) {
      this.entries.markAllAsTouched();
      this.error.set('Each critical question needs at least one answer and a message.');
      return;
    }
    this.saving.set(true);
    this.api
      .saveCriticalItems(this.data.instrumentId, {
        version: settings.version,
        items: this.entries.controls.map((e) => ({
          linkId: e.controls.linkId.value,
          answerCodes: Object.entries(e.controls.codes.controls)
            .filter(([, c]) => c.value)
            .map(([code]) => code),
          level: e.controls.level.value,
          message: e.controls.message.value.trim(),
        })),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => this.dialogRef.close(saved),
        error: (err: unknown) => {
          const e = toApiError(err);
          this.saving.set(false);
          if (e.statusCode === 409 && e.current) {
            // Someone else saved first: show theirs, keep nothing silently.
            this.settings.set(e.current as CriticalItemsSettings);
            this.notice.set(e.message);
            this.load();
            return;
          }
          const fields = Object.entries(e.fields ?? {}).map(([f, m]) => `${f}: ${m}`);
          this.error.set(fields.length ? fields.join(' ') : e.message);
        },
      });
  }
}
