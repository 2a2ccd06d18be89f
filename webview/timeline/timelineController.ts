/**
 * Which step the panel shows and whether it compares: follows the newest snapshot while the run
 * trains (and after any new snapshot or Live), and while paused, finished or diverged lets the
 * slider pick any kept step. After each draw it points the charts' step markers at the shown step,
 * and in compare mode swaps the layer cards for the after − before view and adds the run before
 * the edit to the norm chart (dashed). Chart renders go through the panel's ChartPacer.
 */
import type { ModelMessage, RunState, SnapshotMessage } from '../../src/protocol/panelMessages';
import type { ChartKey } from '../chartPacer';
import type { ChartTheme } from '../charts/chartTheme';
import type { RunCharts } from '../charts/runCharts';
import { setStepMarker } from '../charts/stepMarker';
import { setHidden } from '../dom';
import type { Tooltip } from '../tooltip';
import { ComparisonView } from './comparisonView';
import { SnapshotTimeline } from './snapshotTimeline';
import { TimelineBar } from './timelineBar';

export class TimelineController {
  readonly timeline = new SnapshotTimeline();
  readonly bar: TimelineBar;
  readonly comparison: ComparisonView;
  /** The step picked on the slider; undefined while following the newest. */
  private selected: number | undefined;
  private comparing = false;
  private runState: RunState = 'idle';
  private markerColour: string;
  /** Which version of the run before the edit the norm chart's dashed lines show (undefined: none). */
  private referenceShown: number | undefined;

  /** `redraw` asks the panel to draw again (it calls `shown` and then `drew`). */
  constructor(private readonly charts: RunCharts, private readonly cards: HTMLElement, tooltip: Tooltip, theme: ChartTheme, private readonly redraw: () => void) {
    this.markerColour = theme.foreground;
    this.comparison = new ComparisonView(tooltip);
    this.bar = new TimelineBar({
      scrub: (index) => this.select(this.slidable()[index]),
      live: () => this.select(undefined),
      compare: (on) => {
        this.comparing = on;
        this.redraw();
      },
    });
  }

  /** Whether the after − before view replaces the layer cards (which then need no drawing). */
  get isComparing(): boolean {
    return this.comparing && this.timeline.hasPrevious;
  }

  /** The live run state: what the header and controls show, whatever step is scrubbed to. */
  get state(): RunState {
    return this.runState;
  }

  startRun(model: ModelMessage): void {
    if (model.timeline !== undefined) this.timeline.setBudget(model.timeline);
    if (!this.timeline.startRun(model.run)) return;
    this.selected = undefined;
    if (!this.timeline.hasPrevious) this.comparing = false;
  }

  /** Every snapshot received; a new step returns the view to the newest. */
  record(snapshot: SnapshotMessage): void {
    this.timeline.record(snapshot);
    this.runState = snapshot.run.state;
    this.selected = undefined;
  }

  setState(state: RunState): void {
    this.runState = state;
    // Resuming returns to the newest: while training the view follows the run.
    if (state === 'training') this.selected = undefined;
    this.redraw();
  }

  setTheme(theme: ChartTheme): void {
    this.markerColour = theme.foreground;
  }

  /** The snapshot to draw: the scrubbed one if any (and still kept), else the newest. */
  shown(newest: SnapshotMessage): SnapshotMessage {
    return this.selected === undefined ? newest : (this.timeline.at(this.selected) ?? newest);
  }

  /** After the panel drew `shown`: the slider, chart markers, and the comparison; chart renders through `render`. */
  drew(shown: SnapshotMessage, render: (chart: ChartKey, draw: () => void) => void): void {
    const steps = this.timeline.steps();
    if (steps.length === 0) return;
    const step = shown.run.step;
    const live = this.selected === undefined;
    const slidable = this.slidable();
    // Not every shown step is on the slider when comparing (only common ones are): the nearest below.
    let index = slidable.findIndex((kept) => kept >= step);
    if (index < 0 || slidable[index] !== step) index = index < 0 ? slidable.length - 1 : Math.max(0, index - 1);
    this.bar.show({
      steps: slidable, index, step, live,
      kept: { first: steps[0], last: steps[steps.length - 1], count: steps.length },
      enabled: this.runState !== 'training',
      canCompare: this.timeline.hasPrevious,
      comparing: this.comparing,
    });
    const marker = live ? undefined : step;
    for (const chart of [this.charts.loss, this.charts.accuracy, this.charts.norms]) {
      if (setStepMarker(chart.instance, marker, this.markerColour)) render(chart.instance, () => chart.draw());
    }
    this.showComparison(shown, render);
  }

  private slidable(): number[] {
    return this.comparing ? this.timeline.commonSteps() : this.timeline.steps();
  }

  private select(step: number | undefined): void {
    if (step === this.selected) return;
    this.selected = step;
    this.redraw();
  }

  private showComparison(shown: SnapshotMessage, render: (chart: ChartKey, draw: () => void) => void): void {
    const comparing = this.isComparing;
    setHidden(this.comparison.element, !comparing);
    setHidden(this.cards, comparing);
    // The dashed lines change only with the run before the edit: rebuilt then, not at every draw.
    const reference = comparing ? this.timeline.previousVersion : undefined;
    if (reference !== this.referenceShown) {
      this.charts.norms.setReference(comparing ? this.previousNorms() : [], 'before the edit');
      this.referenceShown = reference;
      const norms = this.charts.norms;
      render(norms.instance, () => norms.draw());
    }
    if (!comparing) return;
    const before = this.timeline.previousAt(shown.run.step);
    if (before !== undefined) return this.comparison.show(shown, before);
    const kept = this.timeline.previousSteps();
    const common = this.timeline.commonSteps();
    this.comparison.explain(`Step ${shown.run.step} was not kept in the run before the edit (it kept steps ${kept[0]}..${kept[kept.length - 1]}). `
      + (common.length === 0
        ? 'No step was kept in both runs, so nothing can be compared: pause and use Step, which captures every step.'
        : `Only steps kept in both runs can be compared: pause and move the slider (${common.length} such step${common.length === 1 ? '' : 's'}).`));
  }

  /** ‖∂L/∂W⁽ˡ⁾‖ of the kept snapshots of the run before the edit, per layer. */
  private previousNorms(): { layer: number; points: { x: number; y: number }[] }[] {
    const lines = new Map<number, { x: number; y: number }[]>();
    for (const step of this.timeline.previousSteps()) {
      for (const layer of this.timeline.previousAt(step)?.layers ?? []) {
        const points = lines.get(layer.index) ?? [];
        // Zero has no logarithm: a gap, as on the live lines.
        points.push({ x: step, y: layer.stats.gradientNorm > 0 ? layer.stats.gradientNorm : Number.NaN });
        lines.set(layer.index, points);
      }
    }
    return [...lines].map(([layer, points]) => ({ layer, points }));
  }
}
