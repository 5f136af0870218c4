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
import { canDraw, CHART_COLORS, loadChartJs } from '../../screening/charts/chart-loader';

export interface UtilisationWeek {
  label: string;
  attended: number;
  noShow: number;
  lateCancelled: number;
  /** Booked and not marked yet (upcoming, or waiting for the therapist). */
  unmarked: number;
  freeHours: number;
}

// Each keeps at least 3:1 against the white chart background.
const FREE_LINE = '#2f5d9e';
const UNMARKED = '#7a807b';

/** Session outcomes per week as stacked bars, free hours as a line (the table has the numbers). */
@Component({
  selector: 'app-utilisation-chart',
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
      height: 240px;
    }
  `,
})
export class UtilisationChart {
  readonly weeks = input.required<UtilisationWeek[]>();
  readonly label = input('Utilisation chart. The same numbers are in the table below.');

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
    effect(() => void this.draw(this.weeks()));
  }

  private async draw(weeks: UtilisationWeek[]): Promise<void> {
    const canvas = this.canvas().nativeElement;
    if (!canDraw(canvas)) return;
    const Chart = await loadChartJs();
    this.chart?.destroy();
    const bar = (label: string, color: string, values: number[]) => ({
      type: 'bar' as const,
      label,
      data: values,
      backgroundColor: color,
      stack: 'sessions',
      yAxisID: 'y',
    });
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: weeks.map((w) => w.label),
        datasets: [
          bar(
            'Attended',
            CHART_COLORS.primary,
            weeks.map((w) => w.attended),
          ),
          bar(
            'No-show',
            CHART_COLORS.severity.moderate,
            weeks.map((w) => w.noShow),
          ),
          bar(
            'Late-cancelled',
            CHART_COLORS.tertiary,
            weeks.map((w) => w.lateCancelled),
          ),
          bar(
            'Not marked yet',
            UNMARKED,
            weeks.map((w) => w.unmarked),
          ),
          {
            type: 'line' as never,
            label: 'Free hours',
            data: weeks.map((w) => w.freeHours),
            borderColor: FREE_LINE,
            backgroundColor: FREE_LINE,
            pointRadius: 3,
            yAxisID: 'hours',
          } as never,
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, ticks: { color: CHART_COLORS.text }, grid: { display: false } },
          y: {
            stacked: true,
            beginAtZero: true,
            title: { display: true, text: 'Sessions', color: CHART_COLORS.text },
            ticks: { precision: 0, color: CHART_COLORS.text },
            grid: { color: CHART_COLORS.grid },
          },
          hours: {
            position: 'right',
            beginAtZero: true,
            title: { display: true, text: 'Free hours', color: CHART_COLORS.text },
            ticks: { color: CHART_COLORS.text },
            grid: { display: false },
          },
        },
        plugins: { legend: { position: 'bottom', labels: { color: CHART_COLORS.text } } },
      },
    });
  }
}
