import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import type { Chart } from 'chart.js';
import { canDraw, CHART_COLORS, loadChartJs } from './chart-loader';

export interface TrendSeries {
  label: string;
  values: (number | null)[];
}

/** Scores over time as lines (the numbers are also given in a table beside it). */
@Component({
  selector: 'app-trend-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="frame">
      <canvas #canvas role="img" [attr.aria-label]="label()"></canvas>
    </div>
  `,
  styles: `
    .frame {
      position: relative;
      width: 100%;
      height: 260px;
    }
  `,
})
export class TrendChart {
  /** One label per administration (the dates). */
  readonly labels = input.required<string[]>();
  readonly series = input.required<TrendSeries[]>();
  readonly max = input(4);
  /** What the chart shows, for screen readers. */
  readonly label = input('Trend chart. The same numbers are in the table below.');

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
    effect(() => {
      const labels = this.labels();
      const series = this.series();
      const max = this.max();
      void this.draw(labels, series, max);
    });
  }

  private async draw(labels: string[], series: TrendSeries[], max: number): Promise<void> {
    const canvas = this.canvas().nativeElement;
    if (!canDraw(canvas)) return;
    const Chart = await loadChartJs();
    this.chart?.destroy();
    const colors = [CHART_COLORS.primary, CHART_COLORS.tertiary];
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          borderColor: colors[i % colors.length],
          backgroundColor: colors[i % colors.length],
          borderDash: i === 0 ? [] : [6, 4],
          pointRadius: 4,
          tension: 0,
          spanGaps: true,
        })),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          y: {
            min: 0,
            max,
            ticks: { stepSize: 1, color: CHART_COLORS.text },
            grid: { color: CHART_COLORS.grid },
          },
          x: { ticks: { color: CHART_COLORS.text }, grid: { display: false } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { color: CHART_COLORS.text } },
        },
      },
    });
  }
}
