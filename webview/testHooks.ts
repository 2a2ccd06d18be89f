/**
 * Read-only views of the panel's internals for the Chromium tests and the benchmark. Installed
 * only when the page opted in (`window.__gradientLensTestHooks = true`, which the test harness
 * sets before the bundle loads); VS Code never does, so the shipped panel exposes nothing.
 */
import { Chart } from './charts/chartSetup';
import { stepMarkerOf } from './charts/stepMarker';
import type { Panel } from './panel';

export interface ChartReading {
  readonly type: string;
  readonly datasets: { label: string; data: [number, number][]; dashed: boolean }[];
  readonly x: { type: string; min: number; max: number };
  readonly y: { type: string; min: number; max: number };
  /** The timeline's step marker, if shown: its step and the x it was drawn at (canvas CSS pixels). */
  readonly marker?: { step: number; x: number | undefined };
  /** The plot area in canvas CSS pixels. */
  readonly area: { left: number; right: number; top: number; bottom: number };
}

export interface GradientLensTestHooks {
  /** Each chart's data and current axis ranges, by name: 'loss', 'accuracy', 'norms', 'histogram-<l>'. */
  charts(): Record<string, ChartReading>;
  /** Chart renders waiting for their turn (ChartPacer); 0 when every chart shows its newest data. */
  chartsPending(): number;
  /** How often each chart rendered so far, by the names of `charts()`. */
  chartRenders(): Record<string, number>;
  /** Snapshot arrival → drawn latencies, and the drawing's own duration (ms), since the last call. */
  drainTimings(): { latencies: number[]; drawDurations: number[] };
  /** Steps the timeline keeps (oldest first), of the run before an edit, and their estimated bytes. */
  timeline(): { steps: number[]; previousSteps: number[]; bytes: number };
  /** chart.js instances alive on the page (Chart.instances): a relayout must not leave any behind. */
  liveCharts(): number;
  /** Layers' equation terms computed so far (only sections on screen, or the walk-through, compute theirs). */
  equationTermsComputed(): number;
  /** The equation terms of layer l for the snapshot on screen (full precision, which the labels round). */
  equationTerms(layer: number): Record<string, { rows: number; cols: number; values: number[] }>;
}

function read(chart: Chart): ChartReading {
  const scale = (id: string) => {
    const axis = chart.scales[id];
    return { type: axis?.type ?? 'none', min: axis?.min ?? Number.NaN, max: axis?.max ?? Number.NaN };
  };
  return {
    type: (chart.config as { type: string }).type,
    datasets: chart.data.datasets.map((dataset) => ({
      label: dataset.label ?? '',
      data: (dataset.data as { x: number; y: number }[]).map((point) => [point.x, point.y]),
      dashed: ((dataset as { borderDash?: number[] }).borderDash?.length ?? 0) > 0,
    })),
    x: scale('x'),
    y: scale('y'),
    marker: stepMarkerOf(chart),
    area: { left: chart.chartArea.left, right: chart.chartArea.right, top: chart.chartArea.top, bottom: chart.chartArea.bottom },
  };
}

/** The panel's charts by name: 'loss', 'accuracy', 'norms', 'histogram-<l>'. */
function chartsOf(panel: Panel): Record<string, Chart> {
  const charts: Record<string, Chart> = { loss: panel.charts.loss.instance, accuracy: panel.charts.accuracy.instance, norms: panel.charts.norms.instance };
  for (const card of panel.layerCardList) charts[`histogram-${card.shape.index}`] = card.histogramChart.instance;
  return charts;
}

export function installTestHooks(panel: Panel): void {
  const page = window as unknown as { __gradientLensTestHooks?: unknown; __gradientLens?: GradientLensTestHooks };
  if (page.__gradientLensTestHooks !== true) return;
  page.__gradientLens = {
    charts: () => Object.fromEntries(Object.entries(chartsOf(panel)).map(([name, chart]) => [name, read(chart)])),
    chartsPending: () => panel.chartsPending,
    chartRenders: () => Object.fromEntries(Object.entries(chartsOf(panel)).map(([name, chart]) => [name, panel.chartRenders(chart)])),
    drainTimings: () => panel.timings.drain(),
    timeline: () => {
      const { timeline } = panel.timeline;
      return { steps: timeline.steps(), previousSteps: timeline.previousSteps(), bytes: timeline.totalBytes };
    },
    liveCharts: () => Object.keys(Chart.instances).length,
    equationTermsComputed: () => panel.equations.computedTerms,
    equationTerms: (layer) => Object.fromEntries(Object.entries(panel.equations.termsOf(layer) ?? {})
      .map(([id, grid]) => [id, { rows: grid.rows, cols: grid.cols, values: Array.from(grid.values) }])),
  };
}
