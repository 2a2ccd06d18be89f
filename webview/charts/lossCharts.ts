/**
 * Loss L and accuracy over optimizer steps: training always, validation once the run reports it.
 * Every step's values come in `scalars` batches (RunCharts), so the curves hold the whole run;
 * StepSeries draws them downsampled without losing peaks.
 */
import type { ChartConfiguration } from 'chart.js';
import type { RunHeader } from '../../src/protocol/panelMessages';
import { stepExtent, type ChartPoint } from './chartPoints';
import { ChartBox } from './chartBox';
import { Chart } from './chartSetup';
import { axisColours, withAlpha, type ChartTheme } from './chartTheme';
import { StepSeries } from './stepSeries';

type LineConfig = ChartConfiguration<'line', ChartPoint[]>;

/** A line chart of a training and a validation series against the step. */
export class TrainValChart {
  readonly box: ChartBox;
  readonly train = new StepSeries();
  readonly validation = new StepSeries();
  private readonly chart: Chart<'line', ChartPoint[]>;

  constructor(id: string, private readonly symbol: string, theme: ChartTheme, private readonly range?: { min: number; max: number }) {
    this.box = new ChartBox(id, `${symbol} over steps, training and validation`);
    this.chart = new Chart(this.box.canvas, this.config(theme));
  }

  record(step: number, train: number | undefined, validation: number | undefined): void {
    if (train !== undefined) this.train.push(step, train);
    if (validation !== undefined) this.validation.push(step, validation);
  }

  /** Whether anything was recorded (accuracy stays hidden for regression tasks). */
  get hasData(): boolean {
    return this.train.recorded > 0 || this.validation.recorded > 0;
  }

  clear(): void {
    this.train.clear();
    this.validation.clear();
  }

  draw(): void {
    const [train, validation] = this.chart.data.datasets;
    train.data = this.train.points;
    validation.data = this.validation.points;
    // The steps behind the drawn curve, before downsampling (the e2e test compares them with the run's steps).
    this.box.element.dataset.steps = String(this.train.recorded);
    const x = this.chart.options.scales?.x;
    const extent = stepExtent([train.data, validation.data]);
    if (x !== undefined) [x.min, x.max] = [extent?.min, extent?.max];
    this.chart.update('none');
  }

  setTheme(theme: ChartTheme): void {
    const config = this.config(theme);
    this.chart.options = config.options ?? {};
    this.chart.data.datasets.forEach((dataset, i) => Object.assign(dataset, colours(theme, i)));
    this.chart.update('none');
  }

  get instance(): Chart<'line', ChartPoint[]> {
    return this.chart;
  }

  private config(theme: ChartTheme): LineConfig {
    return {
      type: 'line',
      data: {
        datasets: [
          { label: `${this.symbol} training`, data: this.train.points, ...colours(theme, 0) },
          { label: `${this.symbol} validation`, data: this.validation.points, ...colours(theme, 1) },
        ],
      },
      options: {
        parsing: false,
        normalized: true,
        spanGaps: false,
        elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
        scales: {
          x: { type: 'linear', ...axisColours(theme, 'step', false, false) },
          y: { type: 'linear', ...axisColours(theme, this.symbol), min: this.range?.min, max: this.range?.max },
        },
        plugins: {
          legend: {
            labels: {
              color: theme.foreground, boxWidth: 12,
              // The validation entry appears only once there are validation points.
              filter: (item, data) => (data.datasets[item.datasetIndex ?? 0]?.data.length ?? 0) > 0,
            },
          },
        },
      },
    };
  }
}

function colours(theme: ChartTheme, index: number): { borderColor: string; backgroundColor: string; borderDash?: number[] } {
  const colour = index === 0 ? theme.series[0] : theme.series[1];
  return { borderColor: colour, backgroundColor: withAlpha(colour, 0.3), borderDash: index === 0 ? [] : [5, 3] };
}

/** Loss and accuracy of a run, fed from run headers. */
export function recordRun(loss: TrainValChart, accuracy: TrainValChart, run: RunHeader): void {
  loss.record(run.step, run.loss, run.valLoss);
  accuracy.record(run.step, run.accuracy, run.valAccuracy);
}
