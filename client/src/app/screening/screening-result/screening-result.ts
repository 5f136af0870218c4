import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  Answer,
  ApiError,
  ClientSummary,
  InstrumentDefinition,
  ItemDefinition,
  NOT_VALIDATED_LABEL,
  reliableChange,
  ScaleChange,
  ScaleScore,
  ScoreResult,
  ScreeningResultView,
  ScreeningSummary,
} from '@attune/shared';
import { toApiError } from '../../core/api-error';
import { ClientsApi } from '../../core/clients-api';
import { ScreeningsApi } from '../../core/screenings-api';
import { clientFullName } from '../../caseload/client-name';
import { EmptyState } from '../../ui/empty-state/empty-state';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import { ProfileChart } from '../charts/profile-chart';
import { TrendChart, TrendSeries } from '../charts/trend-chart';
import { AlertHistory } from '../alert-history/alert-history';
import {
  changeLabel,
  formatChange,
  formatScore,
  forStaff,
  LEVEL_LABELS,
} from '../screening-labels';
import { ValidationChip } from '../validation-chip/validation-chip';
import { AuthStore } from '../../core/auth-store';
import {
  formatPracticeDate,
  formatPracticeTime,
  PracticeDatePipe,
  PracticeTimePipe,
  practiceZone,
} from '../../core/practice-time';

/** One submitted administration of the instrument, for the trend. */
interface TrendPoint {
  id: string;
  submittedAt: string;
  result: ScoreResult;
}

interface AnswerRow {
  linkId: string;
  text: string;
  answer: string;
  kind: 'answered' | 'declined' | 'missing' | 'disabled';
  flagged: boolean;
}

function scaleIn(result: ScoreResult, key: string): ScaleScore | undefined {
  return result.total?.key === key ? result.total : result.scales.find((s) => s.key === key);
}

function changeIn(
  change: { scales: ScaleChange[]; total: ScaleChange | null },
  key: string,
): ScaleChange | undefined {
  return change.total?.key === key ? change.total : change.scales.find((s) => s.key === key);
}

/** Compares two results, or null when they cannot be compared (e.g. different scales). */
function safeChange(def: InstrumentDefinition, earlier: ScoreResult, later: ScoreResult) {
  try {
    return reliableChange(def, earlier, later);
  } catch {
    return null;
  }
}

/** How an answer reads for the clinician. */
function describeAnswer(
  item: ItemDefinition,
  answer: Answer | undefined,
): Omit<AnswerRow, 'linkId' | 'text' | 'flagged'> {
  if (!answer) return { answer: 'No answer', kind: 'missing' };
  if ('declined' in answer) return { answer: 'Prefer not to answer', kind: 'declined' };
  const value = answer.value;
  if (item.type === 'choice') {
    const option = item.options?.find((o) => o.code === value);
    if (option?.declines) return { answer: 'Prefer not to answer', kind: 'declined' };
    const display = option?.display ?? String(value);
    return {
      answer: typeof option?.weight === 'number' ? `${display} (${option.weight})` : display,
      kind: 'answered',
    };
  }
  if (item.type === 'boolean') return { answer: value ? 'Yes' : 'No', kind: 'answered' };
  return { answer: String(value), kind: 'answered' };
}

/** A submitted screener for staff: flags first, sign profile, total, context, change, answers. */
@Component({
  selector: 'app-screening-result',
  imports: [
    PracticeDatePipe,
    PracticeTimePipe,
    AlertHistory,
    EmptyState,
    ErrorAlert,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    ProfileChart,
    ReactiveFormsModule,
    RouterLink,
    TrendChart,
    ValidationChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './screening-result.html',
  styleUrl: './screening-result.scss',
})
export class ScreeningResult {
  private readonly api = inject(ScreeningsApi);
  private readonly clients = inject(ClientsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly auth = inject(AuthStore);
  protected readonly forStaff = forStaff;

  /** Route param `:id`. */
  readonly id = input.required<string>();
  /** From route data. */
  readonly area = input.required<'therapist' | 'admin'>();

  protected readonly view = signal<ScreeningResultView | null>(null);
  protected readonly client = signal<ClientSummary | null>(null);
  protected readonly history = signal<ScreeningSummary[] | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly trendControl = new FormControl('', { nonNullable: true });
  private readonly trendExtra = toSignal(this.trendControl.valueChanges, { initialValue: '' });

  protected readonly formatScore = formatScore;
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly notValidated = NOT_VALIDATED_LABEL;
  private readonly answersHeading = viewChild<ElementRef<HTMLElement>>('answersHeading');
  protected readonly formatChange = formatChange;
  protected readonly changeLabel = changeLabel;

  protected readonly clientName = computed(() => {
    const client = this.client();
    return client ? clientFullName(client) : '';
  });
  protected readonly clientLink = computed(() => {
    const view = this.view();
    return view ? ['/', this.area(), 'clients', view.screening.clientId] : ['/', this.area()];
  });
  protected readonly fhirUrl = computed(() => this.api.fhirUrl(this.id()));
  protected readonly fhirFileName = computed(() => `questionnaire-response-${this.id()}.json`);
  protected readonly definition = computed(() => this.view()?.definition ?? null);
  protected readonly result = computed(() => this.view()?.result ?? null);
  protected readonly domainScales = computed(
    () => this.result()?.scales.filter((s) => !s.context) ?? [],
  );
  protected readonly contextScales = computed(
    () => this.result()?.scales.filter((s) => s.context) ?? [],
  );
  /** The bands drawn behind the profile (those of the first banded scale). */
  protected readonly profileBands = computed(() => {
    const def = this.definition();
    if (!def) return [];
    return def.scales.find((s) => !s.context && s.bands?.length)?.bands ?? def.total?.bands ?? [];
  });
  protected readonly profileMax = computed(() => {
    const bands = this.profileBands();
    const last = bands[bands.length - 1];
    if (last) return last.max;
    const top = Math.max(0, ...this.domainScales().map((s) => s.score ?? 0));
    return Math.max(1, Math.ceil(top));
  });
  protected readonly previousChanges = computed(() => {
    const previous = this.view()?.previous;
    if (!previous) return [];
    const rows = [...previous.change.scales];
    if (previous.change.total) rows.push(previous.change.total);
    return rows;
  });
  protected readonly answerGroups = computed(() => {
    const view = this.view();
    if (!view) return [];
    const disabled = new Set(view.result.disabledItems);
    const flagged = new Set(view.result.flags.map((f) => f.linkId));
    return view.definition.sections.map((section) => ({
      key: section.key,
      title: section.title,
      rows: section.items
        .filter((item) => item.type !== 'display')
        .map((item): AnswerRow => {
          const base = { linkId: item.linkId, text: item.text, flagged: flagged.has(item.linkId) };
          if (disabled.has(item.linkId)) {
            return { ...base, answer: 'Not shown (did not apply)', kind: 'disabled' };
          }
          return { ...base, ...describeAnswer(item, view.answers[item.linkId]) };
        }),
    }));
  });

  /** Every submitted administration of this instrument for the client, oldest first. */
  protected readonly trendPoints = computed<TrendPoint[]>(() => {
    const view = this.view();
    const history = this.history();
    if (!view) return [];
    const points = (history ?? [])
      .filter(
        (s) =>
          s.status === 'submitted' &&
          s.instrument.key === view.screening.instrument.key &&
          !!s.result &&
          !!s.submittedAt,
      )
      .map((s) => ({ id: s.id, submittedAt: s.submittedAt!, result: s.result! }));
    if (!points.some((p) => p.id === view.screening.id) && view.screening.submittedAt) {
      points.push({
        id: view.screening.id,
        submittedAt: view.screening.submittedAt,
        result: view.result,
      });
    }
    return points.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  });
  /** The trend's main line: the total (or the first scale when there is no total). */
  protected readonly primaryKey = computed(() => {
    const def = this.definition();
    return def?.total?.key ?? def?.scales[0]?.key ?? '';
  });
  protected readonly primaryTitle = computed(() => {
    const def = this.definition();
    return def?.total ? 'Total' : (def?.scales[0]?.title ?? '');
  });
  protected readonly trendOptions = computed(() =>
    this.domainScales().filter((s) => s.key !== this.primaryKey()),
  );
  protected readonly extraTitle = computed(
    () => this.trendOptions().find((s) => s.key === this.trendExtra())?.title ?? '',
  );
  /** Dates on the trend's axis, with the time when two fall on one day. */
  protected readonly trendLabels = computed(() => {
    const points = this.trendPoints();
    const zone = practiceZone(this.auth);
    const days = points.map((p) => formatPracticeDate(p.submittedAt, zone));
    const sameDay = new Set(days).size < days.length;
    return sameDay ? points.map((p) => formatPracticeTime(p.submittedAt, zone, 'short')) : days;
  });
  protected readonly trendSeries = computed<TrendSeries[]>(() => {
    const points = this.trendPoints();
    const series: TrendSeries[] = [
      {
        label: this.primaryTitle(),
        values: points.map((p) => scaleIn(p.result, this.primaryKey())?.score ?? null),
      },
    ];
    const extra = this.trendExtra();
    if (extra) {
      series.push({
        label: this.extraTitle(),
        values: points.map((p) => scaleIn(p.result, extra)?.score ?? null),
      });
    }
    return series;
  });
  protected readonly trendChartLabel = computed(() => {
    const title = this.primaryTitle();
    const values = this.trendSeries()[0]?.values ?? [];
    const parts = this.trendLabels().map((d, i) => `${d}: ${formatScore(values[i])}`);
    return `Trend of ${title.toLowerCase()} over time. ${parts.join('; ')}. The same numbers are in the table below.`;
  });
  /** Table rows: each administration with its scores and the change from the one before. */
  protected readonly trendRows = computed(() => {
    const def = this.definition();
    const points = this.trendPoints();
    const extra = this.trendExtra();
    const labels = this.trendLabels();
    return points.map((p, i) => {
      const prev = i > 0 ? points[i - 1] : undefined;
      const change = def && prev ? safeChange(def, prev.result, p.result) : null;
      return {
        id: p.id,
        label: labels[i] ?? '',
        current: p.id === this.view()?.screening.id,
        primary: scaleIn(p.result, this.primaryKey())?.score ?? null,
        primaryChange: change ? (changeIn(change, this.primaryKey()) ?? null) : null,
        extra: extra ? (scaleIn(p.result, extra)?.score ?? null) : null,
        extraChange: change && extra ? (changeIn(change, extra) ?? null) : null,
      };
    });
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .result(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.view.set(view);
          this.loading.set(false);
          this.loadContext(view.screening.clientId);
        },
        error: (err: unknown) => {
          this.loadError.set(toApiError(err));
          this.loading.set(false);
        },
      });
  }

  /** One click from the scores to the item-level answers. */
  protected showAnswers(): void {
    const heading = this.answersHeading()?.nativeElement;
    heading?.scrollIntoView?.({ block: 'start' });
    heading?.focus();
  }

  /** The client's name and their other administrations (for the trend). */
  private loadContext(clientId: string): void {
    this.clients
      .get(clientId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (c) => this.client.set(c), error: () => undefined });
    this.api
      .listForClient(clientId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (list) => this.history.set(list), error: () => this.history.set([]) });
  }
}
