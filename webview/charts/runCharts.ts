/**
 * The charts above the layer cards: loss, accuracy, and every layer's ‖∂L/∂W⁽ˡ⁾‖ on a log scale.
 * `recordScalars` takes every step's values (the worker's `scalars` batches, each sent before the
 * snapshot that ends it); `record` adds a snapshot's own values only for a step no batch brought
 * (a snapshot replayed to a reloaded panel). `draw` asks for a render of each chart, only when
 * something was recorded since, which the panel's ChartPacer may spread out.
 */
import type { LayerSnapshot, RunHeader } from '../../src/protocol/panelMessages';
import type { StepScalarsMessage } from '../../src/protocol/stepScalars';
import { element, setHidden } from '../dom';
import type { ChartKey } from '../chartPacer';
import type { ChartTheme } from './chartTheme';
import { recordRun, TrainValChart } from './lossCharts';
import { NormChart } from './normChart';

export class RunCharts {
  readonly element = element('div', 'run-charts');
  readonly loss: TrainValChart;
  readonly accuracy: TrainValChart;
  readonly norms: NormChart;
  private lastStep = -Infinity;
  private dirty = false;

  constructor(theme: ChartTheme) {
    this.loss = new TrainValChart('loss', 'L', theme);
    this.accuracy = new TrainValChart('accuracy', 'accuracy', theme, { min: 0, max: 1 });
    this.norms = new NormChart(theme);
    this.element.append(this.loss.box.element, this.accuracy.box.element, this.norms.box.element);
    this.element.hidden = true;
    setHidden(this.accuracy.box.element, true);
  }

  /** A new layout starts new histories. */
  setLayers(layers: readonly number[]): void {
    this.norms.setLayers(layers);
    this.clear();
  }

  record(run: RunHeader, layers: readonly LayerSnapshot[]): void {
    // A step lower than the last one means the run was reset: the old curves belong to another run.
    if (run.step < this.lastStep) this.clear();
    if (run.step === this.lastStep) return; // its scalars came in a batch
    this.lastStep = run.step;
    recordRun(this.loss, this.accuracy, run);
    this.norms.record(run.step, layers);
    this.dirty = true;
  }

  recordScalars(message: StepScalarsMessage): void {
    // A batch that does not continue the curves starts a new run (reset, or a fresh worker).
    if (message.firstStep <= this.lastStep) this.clear();
    const { loss, accuracy, norms, layers, validation } = message;
    for (let i = 0; i < message.count; i++) {
      const step = message.firstStep + i;
      this.loss.train.push(step, loss[i]);
      if (accuracy !== undefined) this.accuracy.train.push(step, accuracy[i]);
      this.norms.recordNorms(step, norms.subarray(i * layers, (i + 1) * layers));
    }
    for (let i = 0; i + 2 < validation.length; i += 3) {
      if (!Number.isNaN(validation[i + 1])) this.loss.validation.push(validation[i], validation[i + 1]);
      if (!Number.isNaN(validation[i + 2])) this.accuracy.validation.push(validation[i], validation[i + 2]);
    }
    this.lastStep = message.firstStep + message.count - 1;
    this.dirty = true;
  }

  /** Asks `render` for each chart's render (keyed by its chart.js instance) if anything was recorded since the last call. */
  draw(render: (chart: ChartKey, draw: () => void) => void): void {
    if (!this.dirty) return;
    this.dirty = false;
    setHidden(this.element, false);
    setHidden(this.accuracy.box.element, !this.accuracy.hasData);
    render(this.loss.instance, () => this.loss.draw());
    if (this.accuracy.hasData) render(this.accuracy.instance, () => this.accuracy.draw());
    render(this.norms.instance, () => this.norms.draw());
  }

  setTheme(theme: ChartTheme): void {
    this.loss.setTheme(theme);
    this.accuracy.setTheme(theme);
    this.norms.setTheme(theme);
  }

  private clear(): void {
    this.loss.clear();
    this.accuracy.clear();
    this.norms.clear();
    this.lastStep = -Infinity;
  }
}
