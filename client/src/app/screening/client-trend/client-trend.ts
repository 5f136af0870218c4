import { formatDate } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { NOT_VALIDATED_LABEL, ScreeningSummary } from '@attune/shared';
import { ScreeningsApi } from '../../core/screenings-api';
import { TrendChart, TrendSeries } from '../charts/trend-chart';
import { formatScore } from '../screening-labels';

export interface InstrumentTrend {
  key: string;
  title: string;
  validated: boolean;
  /** Oldest first. */
  points: { submittedAt: string; score: number | null }[];
}

/** Each instrument's submitted totals, oldest first; the most recently used instrument first. */
export function instrumentTrends(list: readonly ScreeningSummary[]): InstrumentTrend[] {
  const byKey = new Map<string, InstrumentTrend>();
  const submitted = list
    .filter((s) => s.status === 'submitted' && !!s.submittedAt && !!s.result)
    .sort((a, b) => a.submittedAt!.localeCompare(b.submittedAt!));
  for (const s of submitted) {
    let trend = byKey.get(s.instrument.key);
    if (!trend) {
      trend = {
        key: s.instrument.key,
        title: s.instrument.title,
        validated: s.instrument.validated,
        points: [],
      };
      byKey.set(s.instrument.key, trend);
    }
    const headline = s.result!.total ?? s.result!.scales[0] ?? null;
    trend.points.push({ submittedAt: s.submittedAt!, score: headline?.score ?? null });
  }
  return [...byKey.values()].sort((a, b) =>
    (b.points.at(-1)?.submittedAt ?? '').localeCompare(a.points.at(-1)?.submittedAt ?? ''),
  );
}

/** The y axis top: the built-in screener's 0-4, else a round number above the highest score. */
function axisMax(values: (number | null)[]): number {
  const top = Math.max(0, ...values.filter((v): v is number => v !== null));
  return top <= 4 ? 4 : Math.ceil(top / 5) * 5;
}

/** The trend on a client's page: one instrument's totals over time, drawn, with the numbers. */
@Component({
  selector: 'app-client-trend',
  imports: [
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    TrendChart,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="client-trend-heading">
      <h2 id="client-trend-heading">Trend</h2>
      @if (trends() === null) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the trend" />
      } @else if (!current()) {
        <p class="meta">The trend appears once a screener has been sent in.</p>
      } @else {
        @if (trends()!.length > 1) {
          <mat-form-field appearance="outline" class="pick">
            <mat-label>Screener</mat-label>
            <mat-select [formControl]="choice">
              @for (t of trends(); track t.key) {
                <mat-option [value]="t.key">{{ t.title }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        @let t = current()!;
        <p class="meta">
          {{ t.title }}:
          {{
            t.points.length === 1 ? 'sent in once so far' : 'sent in ' + t.points.length + ' times'
          }}. Latest total {{ formatScore(t.points.at(-1)?.score) }}.
          @if (!t.validated) {
            <strong>{{ notValidated }}.</strong>
          }
        </p>
        @if (t.points.length > 1) {
          <app-trend-chart
            [labels]="labels()"
            [series]="series()"
            [max]="max()"
            [label]="chartLabel()"
          />
        }
      }
    </section>
  `,
  styles: `
    .meta {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .pick {
      width: min(100%, 360px);
    }
  `,
})
export class ClientTrend {
  private readonly api = inject(ScreeningsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly locale = inject(LOCALE_ID);

  readonly clientId = input.required<string>();

  protected readonly trends = signal<InstrumentTrend[] | null>(null);
  protected readonly choice = new FormControl('', { nonNullable: true });
  private readonly chosen = toSignal(this.choice.valueChanges, { initialValue: '' });
  protected readonly current = computed(() => {
    const all = this.trends() ?? [];
    return all.find((t) => t.key === this.chosen()) ?? all[0] ?? null;
  });
  protected readonly labels = computed(() =>
    (this.current()?.points ?? []).map((p) => formatDate(p.submittedAt, 'MMM d, y', this.locale)),
  );
  protected readonly series = computed<TrendSeries[]>(() => [
    { label: 'Total', values: (this.current()?.points ?? []).map((p) => p.score) },
  ]);
  protected readonly max = computed(() => axisMax(this.series()[0]?.values ?? []));
  protected readonly chartLabel = computed(() => {
    const values = this.series()[0]?.values ?? [];
    const parts = this.labels().map((d, i) => `${d}: ${formatScore(values[i])}`);
    return `Trend of the ${this.current()?.title ?? ''} total over time. ${parts.join('; ')}.`;
  });
  protected readonly formatScore = formatScore;
  protected readonly notValidated = NOT_VALIDATED_LABEL;

  constructor() {
    effect(() => {
      const id = this.clientId();
      untracked(() => this.load(id));
    });
  }

  private load(clientId: string): void {
    this.api
      .listForClient(clientId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          const trends = instrumentTrends(list);
          this.trends.set(trends);
          if (trends[0]) this.choice.setValue(trends[0].key);
        },
        // The screeners section below shows the error; the trend just stays empty.
        error: () => this.trends.set([]),
      });
  }
}
