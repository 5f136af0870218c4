import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import type { ScaleScore, ScoreBand } from '@attune/shared';
import type { Chart, Plugin } from 'chart.js';
import { bandFill, canDraw, CHART_COLORS, loadChartJs } from './chart-loader';

/** Splits a long label into lines so narrow screens keep room for the bars. */
export function wrapLabel(text: string, width = 22): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Shades the score bands behind the bars and names them along the top. */
function bandPlugin(bands: readonly ScoreBand[]): Plugin<'bar'> {
  return {
    id: 'attuneBands',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales['x'];
      if (!x) return;
      ctx.save();
      bands.forEach((band, i) => {
        const next = bands[i + 1];
        const left = x.getPixelForValue(band.min);
        const right = x.getPixelForValue(next ? next.min : band.max);
        ctx.fillStyle = bandFill(i);
        ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
        // Names go on top where they fit; the legend under the chart always has them.
        ctx.fillStyle = CHART_COLORS.text;
        ctx.font = '12px Roboto, sans-serif';
        ctx.textAlign = 'center';
        if (ctx.measureText(band.label).width <= right - left - 8) {
          ctx.fillText(band.label, (left + right) / 2, chartArea.top - 6);
        }
      });
      ctx.restore();
    },
  };
}

/**
 * The sign profile: one horizontal bar per scale (0 to the scale's maximum) over its score
 * bands. The numbers are also in a table beside it; the canvas itself is summarised for
 * screen readers.
 */
@Component({
  selector: 'app-profile-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="frame" [style.height.px]="height()">
      <canvas #canvas role="img" [attr.aria-label]="summary()"></canvas>
    </div>
    @if (bands().length > 0) {
      <ul class="legend">
        @for (band of bands(); track band.label; let i = $index) {
          <li>
            <span class="swatch" [style.background]="bandFill(i)"></span>
            {{ band.label }} ({{ band.min }} to {{ band.max }})
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .frame {
      position: relative;
      width: 100%;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .swatch {
      width: 14px;
      height: 14px;
      border-radius: 3px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class ProfileChart {
  readonly scales = input.required<ScaleScore[]>();
  readonly bands = input<ScoreBand[]>([]);
  readonly max = input(4);

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  protected readonly bandFill = bandFill;

  protected readonly height = computed(() => 56 + this.scales().length * 40);
  protected readonly summary = computed(
    () =>
      'Sign profile chart: ' +
      this.scales()
        .map((s) => `${s.title} ${s.score ?? 'no score'}${s.band ? ` (${s.band.label})` : ''}`)
        .join('; ') +
      '. The same numbers are in the table below.',
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
    effect(() => {
      const scales = this.scales();
      const bands = this.bands();
      const max = this.max();
      void this.draw(scales, bands, max);
    });
  }

  private async draw(scales: ScaleScore[], bands: ScoreBand[], max: number): Promise<void> {
    const canvas = this.canvas().nativeElement;
    if (!canDraw(canvas)) return;
    const Chart = await loadChartJs();
    this.chart?.destroy();
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: scales.map((s) => wrapLabel(s.title)),
        datasets: [
          {
            label: 'Score',
            data: scales.map((s) => s.score),
            backgroundColor: scales.map(
              (s) => CHART_COLORS.severity[s.band?.severity ?? 'none'] ?? CHART_COLORS.primary,
            ),
            borderRadius: 4,
            barThickness: 18,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { top: bands.length ? 18 : 0 } },
        scales: {
          x: {
            min: 0,
            max,
            ticks: { stepSize: 1, color: CHART_COLORS.text },
            grid: { color: CHART_COLORS.grid },
          },
          y: { ticks: { color: CHART_COLORS.text }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const s = scales[item.dataIndex];
                return s?.score === null || s === undefined
                  ? 'No score'
                  : `${s.score.toFixed(2)}${s.band ? ` · ${s.band.label}` : ''}`;
              },
            },
          },
        },
      },
      plugins: [bandPlugin(bands)],
    });
  }
}
