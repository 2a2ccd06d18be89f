/**
 * The histogram of one layer's ∂L/∂W⁽ˡ⁾ values, shown in its card: bars over a range symmetric
 * around zero, negative bins in the theme's blue and positive ones in its orange (the hues of the
 * diverging heatmaps), the bin holding zero in a neutral grey.
 */
import type { ChartConfiguration } from 'chart.js';
import { layerTag } from '../../src/core/notation';
import type { ChartPoint } from './chartPoints';
import { ChartBox } from './chartBox';
import { Chart } from './chartSetup';
import { axisColours, withAlpha, type ChartTheme } from './chartTheme';
import { histogramOf, type Histogram } from './histogram';

/** Odd, so one bin is centred on zero. */
export const HISTOGRAM_BINS = 31;

type BarConfig = ChartConfiguration<'bar', ChartPoint[]>;

export class HistogramChart {
  readonly box: ChartBox;
  private readonly points: ChartPoint[] = Array.from({ length: HISTOGRAM_BINS }, () => ({ x: 0, y: 0 }));
  private readonly chart: Chart<'bar', ChartPoint[]>;
  private last: Histogram | undefined;

  constructor(private readonly layer: number, private theme: ChartTheme) {
    this.box = new ChartBox('histogram', `Histogram of the values of ∂L/∂W${layerTag(layer)}`);
    this.chart = new Chart(this.box.canvas, this.config());
  }

  get histogram(): Histogram | undefined {
    return this.last;
  }

  update(weightGradient: Float32Array): void {
    const histogram = histogramOf(weightGradient, HISTOGRAM_BINS);
    this.last = histogram;
    const width = (2 * histogram.limit) / HISTOGRAM_BINS;
    for (let i = 0; i < HISTOGRAM_BINS; i++) {
      this.points[i].x = -histogram.limit + (i + 0.5) * width;
      this.points[i].y = histogram.counts[i];
    }
    const x = this.chart.options.scales?.x;
    if (x !== undefined) {
      x.min = -histogram.limit;
      x.max = histogram.limit;
    }
    this.chart.update('none');
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    const config = this.config();
    this.chart.options = config.options ?? {};
    Object.assign(this.chart.data.datasets[0], { backgroundColor: this.barColours() });
    if (this.last !== undefined) {
      const x = this.chart.options.scales?.x;
      if (x !== undefined) [x.min, x.max] = [-this.last.limit, this.last.limit];
    }
    this.chart.update('none');
  }

  /** Releases the chart.js instance (its canvas listeners and its entry in Chart.instances). */
  destroy(): void {
    this.chart.destroy();
  }

  get instance(): Chart<'bar', ChartPoint[]> {
    return this.chart;
  }

  private barColours(): string[] {
    const middle = (HISTOGRAM_BINS - 1) / 2;
    return this.points.map((_, i) => (i < middle ? this.theme.series[0] : i > middle ? this.theme.series[1] : withAlpha(this.theme.foreground, 0.6)));
  }

  private config(): BarConfig {
    return {
      type: 'bar',
      data: {
        datasets: [{
          label: `∂L/∂W${layerTag(this.layer)}`, data: this.points, backgroundColor: this.barColours(),
          barPercentage: 1, categoryPercentage: 1, grouped: false,
        }],
      },
      options: {
        parsing: false,
        scales: {
          x: { type: 'linear', ...axisColours(this.theme, `∂L/∂W${layerTag(this.layer)} value`) },
          y: { type: 'linear', beginAtZero: true, ...axisColours(this.theme, 'count') },
        },
        plugins: { legend: { display: false } },
      },
    };
  }
}
