/**
 * ‖∂L/∂W⁽ˡ⁾‖ of every layer over steps on a log scale, one line per layer. The y-range follows
 * the last NORM_WINDOW points rather than the all-time extremes: gradients that vanish (or
 * explode) now are what matters, and a spike from step 3 must not flatten today's curves.
 */
import type { ChartConfiguration } from 'chart.js';
import type { LayerSnapshot } from '../../src/protocol/panelMessages';
import { layerTag } from '../../src/core/notation';
import { stepExtent, type ChartPoint } from './chartPoints';
import { ChartBox } from './chartBox';
import { Chart } from './chartSetup';
import { axisColours, type ChartTheme } from './chartTheme';
import { StepSeries } from './stepSeries';
import { windowRange } from './windowRange';

/** Points per series the y-range is computed from. */
export const NORM_WINDOW = 200;

type NormConfig = ChartConfiguration<'line', ChartPoint[]>;

/** One layer's ‖∂L/∂W⁽ˡ⁾‖ over steps from another run, drawn dashed next to the live lines. */
export interface ReferenceLine {
  readonly layer: number;
  readonly points: ChartPoint[];
}

export class NormChart {
  readonly box = new ChartBox('norms', 'Weight-gradient norm of each layer over steps, log scale');
  private series: { layer: number; values: StepSeries }[] = [];
  private reference: readonly ReferenceLine[] = [];
  private referenceLabel = '';
  private readonly chart: Chart<'line', ChartPoint[]>;
  private theme: ChartTheme;

  constructor(theme: ChartTheme) {
    this.theme = theme;
    this.chart = new Chart(this.box.canvas, this.config());
  }

  /** One (empty) series per layer; called when the layout changes. */
  setLayers(layers: readonly number[]): void {
    this.series = layers.map((layer) => ({ layer, values: new StepSeries() }));
    this.chart.data.datasets = this.series.map(({ layer, values }, i) => ({
      label: `‖∂L/∂W${layerTag(layer)}‖`, data: values.points, ...this.colours(i),
    }));
  }

  record(step: number, layers: readonly LayerSnapshot[]): void {
    for (const layer of layers) this.push(layer.index, step, layer.stats.gradientNorm);
  }

  /** Step `step`'s norms of layers 1…L (a slice of a `scalars` message). */
  recordNorms(step: number, norms: Float32Array): void {
    norms.forEach((norm, i) => this.push(i + 1, step, norm));
  }

  clear(): void {
    for (const { values } of this.series) values.clear();
  }

  /** Dashed lines of another run (e.g. before an edit), labelled `… ${label}`; [] removes them. Shown from the next draw. */
  setReference(lines: readonly ReferenceLine[], label: string): void {
    this.reference = lines;
    this.referenceLabel = label;
  }

  draw(): void {
    this.series.forEach(({ values }, i) => { this.chart.data.datasets[i].data = values.points; });
    // Reference lines follow the live ones, in the colour of the same layer.
    this.chart.data.datasets.length = this.series.length;
    for (const { layer, points } of this.reference) {
      const i = this.series.findIndex((series) => series.layer === layer);
      this.chart.data.datasets.push({ label: `‖∂L/∂W${layerTag(layer)}‖ ${this.referenceLabel}`, data: points, borderDash: [5, 3], ...this.colours(i < 0 ? layer - 1 : i) });
    }
    const windows = [...this.series.map(({ values }) => values.recent(NORM_WINDOW)), ...this.reference.map(({ points }) => points.slice(-NORM_WINDOW))];
    const range = windowRange(windows);
    const y = this.chart.options.scales?.y;
    if (y !== undefined) {
      y.min = range?.min;
      y.max = range?.max;
    }
    const x = this.chart.options.scales?.x;
    const extent = stepExtent([...this.series.map(({ values }) => values.points), ...this.reference.map(({ points }) => points)]);
    if (x !== undefined) [x.min, x.max] = [extent?.min, extent?.max];
    this.chart.update('none');
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.chart.options = this.config().options ?? {};
    this.chart.data.datasets.forEach((dataset, i) => Object.assign(dataset, this.colours(i)));
    this.chart.update('none');
  }

  get instance(): Chart<'line', ChartPoint[]> {
    return this.chart;
  }

  private push(layer: number, step: number, norm: number): void {
    // Zero has no logarithm: a dead layer's norm becomes a gap, not a point at −∞.
    this.series.find((series) => series.layer === layer)?.values.push(step, norm > 0 ? norm : Number.NaN);
  }

  private colours(i: number): { borderColor: string; backgroundColor: string } {
    const colour = this.theme.series[i % this.theme.series.length];
    return { borderColor: colour, backgroundColor: colour };
  }

  private config(): NormConfig {
    return {
      type: 'line',
      data: { datasets: [] },
      options: {
        parsing: false,
        normalized: true,
        elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
        scales: {
          x: { type: 'linear', ...axisColours(this.theme, 'step', false, false) },
          y: { type: 'logarithmic', ...axisColours(this.theme, '‖∂L/∂W⁽ˡ⁾‖', true) },
        },
        plugins: { legend: { labels: { color: this.theme.foreground, boxWidth: 12 } } },
      },
    };
  }
}
