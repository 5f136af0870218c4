import type { Chart } from 'chart.js';

let loading: Promise<typeof Chart> | null = null;

/** Loads Chart.js (a lazy chunk) once, with only the controllers and elements Attune draws. */
export function loadChartJs(): Promise<typeof Chart> {
  loading ??= import('./chart-setup').then((m) => m.Chart);
  return loading;
}

/** Colours from the Attune palette; each keeps at least 3:1 against the white chart background. */
export const CHART_COLORS = {
  primary: '#37675f',
  tertiary: '#934b21',
  severity: { none: '#37675f', mild: '#b16237', moderate: '#75340b', high: '#690005' },
  bandFill: ['#eef7f4', '#fff3ec', '#ffe6da', '#ffdad6'],
  grid: '#e2e3dc',
  text: '#4b4641',
} as const;

/** The background of score band `i`; the fills repeat when there are more bands than fills. */
export function bandFill(i: number): string {
  const fills = CHART_COLORS.bandFill;
  return fills[i % fills.length] ?? fills[0];
}

/** True where a canvas can be drawn on (not in jsdom unit tests). */
export function canDraw(canvas: HTMLCanvasElement): boolean {
  try {
    return !!canvas.getContext('2d');
  } catch {
    return false;
  }
}
