/**
 * The card of dense layer l: forward activations, backward error terms, the gradients of its
 * parameters (with a histogram of ∂L/∂W⁽ˡ⁾) and, on request, W⁽ˡ⁾ and this step's update
 * −η·∂L/∂W⁽ˡ⁾, each labelled with its symbol, shape and whether it is one sample's or the batch's.
 * Tensor layouts are those documented on `LayerSnapshot` (src/protocol/panelMessages.ts).
 * Drawing is two-phase (`prepare`, then `draw`) so the panel can pool scales across layers.
 */
import type { ActivationName } from '../src/core/spec';
import type { LayerOutline as LayerShape, LayerSnapshot, RunHeader } from '../src/protocol/panelMessages';
import type { LayerStats, QuantityName, TensorPayload } from '../src/core/snapshot';
import type { ChartKey } from './chartPacer';
import { HistogramChart } from './charts/histogramChart';
import type { ChartTheme } from './charts/chartTheme';
import type { ColormapName } from './colormaps';
import { element, setHidden, setText } from './dom';
import { CARD_GRID, Figure } from './figure';
import type { HeatmapOptions } from './heatmap';
import { indexLabel, layerTag, realSpace } from '../src/core/notation';
import { formatValue } from '../src/core/numberFormat';
import type { PreparedFigure, ScaleLookup } from './scalePolicy';
import type { Tooltip } from './tooltip';
import type { ViewQuantity } from './viewState';

/** Activations whose range is [0, ∞) or [0, 1]: drawn with the sequential map, all others diverging. */
const NON_NEGATIVE_ACTIVATIONS: ReadonlySet<ActivationName> = new Set(['relu', 'sigmoid', 'softmax', 'softplus']);

type FigureId = 'a-sample' | 'a-batch' | 'delta-sample' | 'delta-batch' | 'dW' | 'db' | 'W' | 'update';

/** Which toggle shows each figure. */
const SHOWN_BY: Record<FigureId, ViewQuantity> = {
  'a-sample': 'activations', 'a-batch': 'activations', 'delta-sample': 'delta', 'delta-batch': 'delta',
  dW: 'weightGradient', db: 'weightGradient', W: 'weights', update: 'update',
};

export class LayerCard {
  readonly element = element('section', 'layer-card');
  private readonly title = element('h2', 'layer-title');
  private readonly toggle = element('button', 'collapse-button');
  private readonly header = element('header', 'layer-header');
  private readonly stats = element('div', 'layer-stats');
  private readonly body = element('div', 'layer-body');
  private readonly figures: Record<FigureId, Figure>;
  private readonly symbols: Record<FigureId, string>;
  private readonly colormaps: Record<FigureId, ColormapName>;
  private readonly sections: { element: HTMLElement; ids: readonly FigureId[] }[] = [];
  private readonly histogram: HistogramChart;
  /** ∂L/∂W values drawn since the histogram last rendered. */
  private histogramValues: Float32Array | undefined;
  private visible: Readonly<Record<ViewQuantity, boolean>> | undefined;
  /** Two buffers per derived figure, alternating, so the heatmap's change check compares old with new. */
  private readonly derived = { sampleDelta: new AlternatingBuffer(), update: new AlternatingBuffer() };

  constructor(readonly shape: LayerShape, tooltip: Tooltip, theme: ChartTheme, onCollapse: (collapsed: boolean) => void) {
    const l = layerTag(shape.index);
    this.symbols = {
      'a-sample': `a${l}`, 'a-batch': `A${l}`, 'delta-sample': `δ${l}`, 'delta-batch': `Δ${l}`,
      dW: `∂L/∂W${l}`, db: `∂L/∂b${l}`, W: `W${l}`, update: `−η·∂L/∂W${l}`,
    };
    const activationMap: ColormapName = NON_NEGATIVE_ACTIVATIONS.has(shape.activation) ? 'sequential' : 'diverging';
    this.colormaps = {
      'a-sample': activationMap, 'a-batch': activationMap, 'delta-sample': 'diverging', 'delta-batch': 'diverging',
      dW: 'diverging', db: 'diverging', W: 'diverging', update: 'diverging',
    };
    const vectors: ReadonlySet<FigureId> = new Set(['a-sample', 'delta-sample', 'db']);
    const make = (id: FigureId): Figure => {
      const symbol = this.symbols[id];
      const options: HeatmapOptions = {
        ...CARD_GRID,
        colormap: this.colormaps[id],
        // Vectors are drawn as one-row strips, so their index is the column.
        describe: (row, col, value) => `${symbol}${indexLabel(vectors.has(id) ? [col] : [row, col])} = ${formatValue(value)}`,
      };
      return new Figure(id, options, tooltip);
    };
    const ids: readonly FigureId[] = ['a-sample', 'a-batch', 'delta-sample', 'delta-batch', 'dW', 'db', 'W', 'update'];
    this.figures = Object.fromEntries(ids.map((id) => [id, make(id)])) as Record<FigureId, Figure>;
    this.histogram = new HistogramChart(shape.index, theme);

    this.element.dataset.layer = String(shape.index);
    setText(this.title, `Layer ${shape.index} · ${shape.inputs} → ${shape.units} · ${shape.activation}`);
    this.body.id = `layer-body-${shape.index}`;
    this.toggle.type = 'button';
    this.toggle.setAttribute('aria-controls', this.body.id);
    this.toggle.setAttribute('aria-label', `Collapse layer ${shape.index}`);
    this.toggle.addEventListener('click', () => {
      this.setCollapsed(!this.collapsed);
      onCollapse(this.collapsed);
    });
    this.setCollapsed(false);
    this.header.append(this.toggle, this.title, this.stats);
    this.body.append(
      this.section('Forward', ['a-sample', 'a-batch']),
      this.section('Backward', ['delta-sample', 'delta-batch']),
      this.section('Gradients', ['dW', 'db'], this.histogram.box.element),
      this.section('Parameters', ['W', 'update']),
    );
    this.element.append(this.header, this.body);
    for (const figure of Object.values(this.figures)) figure.showNote('waiting for the first step');
  }

  /** Puts a button (e.g. the card's PNG export) at the end of the card's header. */
  addHeaderAction(action: HTMLElement): void {
    this.header.append(action);
  }

  /** Adds a section built elsewhere (the equations) at the end of the card's body, so collapsing hides it too. */
  appendSection(section: HTMLElement): void {
    this.body.append(section);
  }

  get collapsed(): boolean {
    return this.toggle.getAttribute('aria-expanded') === 'false';
  }

  /** Collapsed cards draw nothing and are left out of setView, so the worker copies nothing for them. */
  setCollapsed(collapsed: boolean): void {
    this.toggle.setAttribute('aria-expanded', String(!collapsed));
    this.toggle.setAttribute('aria-label', `${collapsed ? 'Expand' : 'Collapse'} layer ${this.shape.index}`);
    setText(this.toggle, collapsed ? '▸' : '▾');
    this.element.classList.toggle('collapsed', collapsed);
    setHidden(this.body, collapsed);
  }

  /** Shows only the figures of the enabled quantities (and the sections that still hold any). */
  setVisible(quantities: Readonly<Record<ViewQuantity, boolean>>): void {
    this.visible = quantities;
    for (const [id, figure] of Object.entries(this.figures) as [FigureId, Figure][]) setHidden(figure.element, !quantities[SHOWN_BY[id]]);
    setHidden(this.histogram.box.element, !quantities.weightGradient);
    for (const section of this.sections) setHidden(section.element, !section.ids.some((id) => quantities[SHOWN_BY[id]]));
  }

  /** Whether this card was laid out for exactly this shape (else the panel rebuilds it). */
  fits(shape: LayerShape): boolean {
    const own = this.shape;
    return own.index === shape.index && own.units === shape.units && own.inputs === shape.inputs && own.activation === shape.activation;
  }

  /** Captions that depend on the batch size, selected sample and η. */
  setContext(batchSize: number, sampleIndex: number, learningRate?: number): void {
    const { units, inputs } = this.shape;
    const caption = (id: FigureId, space: readonly number[], scope: string) => this.figures[id].setCaption(`${this.symbols[id]} ∈ ${realSpace(space)}, ${scope}`);
    caption('a-sample', [units], `sample ${sampleIndex}`);
    caption('a-batch', [batchSize, units], 'batch');
    caption('delta-sample', [units], `sample ${sampleIndex}`);
    caption('delta-batch', [batchSize, units], 'batch');
    caption('dW', [units, inputs], 'batch');
    caption('db', [units], 'batch');
    caption('W', [units, inputs], 'before the update');
    caption('update', [units, inputs], learningRate === undefined ? 'batch' : `η = ${formatValue(learningRate)}`);
  }

  /** Updates captions and statistics and returns the heatmaps to draw (missing tensors get notes instead). */
  prepare(layer: LayerSnapshot, run: RunHeader): PreparedFigure[] {
    const batch = run.batchSize;
    // The host keeps sampleIndex < B; clamping keeps a stale selection after a batch-size change in range.
    const sample = Math.min(run.sampleIndex, batch - 1);
    const { units, inputs } = this.shape;
    this.setContext(batch, sample, run.learningRate);
    this.updateStats(layer.stats);
    if (this.collapsed) return [];
    const shown = (id: FigureId) => this.visible === undefined || this.visible[SHOWN_BY[id]];
    const prepared: PreparedFigure[] = [];
    const add = (id: FigureId, values: Float32Array, rows: number, cols: number) => {
      if (shown(id)) prepared.push({ id, values, rows, cols, colormap: this.colormaps[id] });
    };

    if (shown('a-batch')) {
      const activations = this.tensor(layer, 'a', [batch, units], ['a-sample', 'a-batch']);
      if (activations !== undefined) {
        add('a-sample', activations.subarray(sample * units, (sample + 1) * units), 1, units);
        add('a-batch', activations, batch, units);
      }
    }
    if (shown('delta-batch')) {
      const batchDelta = this.tensor(layer, 'delta', [batch, units], ['delta-sample', 'delta-batch']);
      if (batchDelta !== undefined) {
        // Δ⁽ˡ⁾ carries the 1/B of the batch mean; one sample's δ⁽ˡ⁾ = ∂ℓ/∂z⁽ˡ⁾ does not (docs/notation.md).
        const sampleDelta = this.derived.sampleDelta.next(units);
        for (let j = 0; j < units; j++) sampleDelta[j] = batch * batchDelta[sample * units + j];
        add('delta-sample', sampleDelta, 1, units);
        add('delta-batch', batchDelta, batch, units);
      }
    }
    if (shown('dW') || shown('update')) {
      const weightGradient = this.tensor(layer, 'dW', [units, inputs], ['dW', 'update']);
      if (weightGradient !== undefined) {
        add('dW', weightGradient, units, inputs);
        if (shown('update')) {
          const update = this.derived.update.next(weightGradient.length);
          const rate = run.learningRate;
          for (let i = 0; i < update.length; i++) update[i] = -rate * weightGradient[i];
          add('update', update, units, inputs);
        }
      }
    }
    if (shown('db')) {
      const biasGradient = this.tensor(layer, 'db', [units], ['db']);
      if (biasGradient !== undefined) add('db', biasGradient, 1, units);
    }
    if (shown('W')) {
      const weights = this.tensor(layer, 'W', [units, inputs], ['W']);
      if (weights !== undefined) add('W', weights, units, inputs);
    }
    return prepared;
  }

  /** Draws what `prepare` returned, each on the scale `scaleOf` gives; the ∂L/∂W histogram waits for `drawHistogram`. */
  draw(prepared: readonly PreparedFigure[], scaleOf: ScaleLookup): void {
    for (const figure of prepared) {
      this.figures[figure.id as FigureId].show(figure.values, figure.rows, figure.cols, scaleOf(figure));
      if (figure.id === 'dW') this.histogramValues = figure.values;
    }
  }

  /** Asks `render` (the panel's ChartPacer) for a render of the histogram of the newest ∂L/∂W drawn, if one was drawn since. */
  drawHistogram(render: (chart: ChartKey, draw: () => void) => void): void {
    if (this.histogramValues === undefined) return;
    render(this.histogram.instance, () => {
      if (this.histogramValues === undefined) return;
      this.histogram.update(this.histogramValues);
      this.histogramValues = undefined;
    });
  }

  setTheme(theme: ChartTheme): void {
    this.histogram.setTheme(theme);
  }

  /** The card was replaced by another layout's: frees its histogram chart and takes it off the page. */
  dispose(): void {
    this.histogram.destroy();
    this.histogramValues = undefined;
    this.element.remove();
  }

  /** For the test hook: the histogram chart of this card. */
  get histogramChart(): HistogramChart {
    return this.histogram;
  }

  /** The tensor if present and of the expected shape; otherwise notes on its figures. */
  private tensor(layer: LayerSnapshot, name: QuantityName, shape: readonly number[], ids: readonly FigureId[]): Float32Array | undefined {
    const payload: TensorPayload | undefined = layer.tensors[name];
    let problem: string | undefined;
    if (payload === undefined) problem = 'not streamed';
    else if (!sameShape(payload, shape)) problem = `got shape [${payload.shape.join(', ')}], expected ${realSpace(shape)}`;
    if (problem === undefined) return (payload as TensorPayload).data;
    // Say why, rather than leave an older drawing on screen that looks like this step's.
    for (const id of ids) this.figures[id].showNote(problem);
    return undefined;
  }

  private updateStats(stats: LayerStats): void {
    const l = layerTag(this.shape.index);
    const parts = [
      `‖∂L/∂W${l}‖ = ${formatValue(stats.gradientNorm)}`,
      `‖Δ${l}‖ = ${formatValue(stats.deltaNorm)}`,
      `‖W${l}‖ = ${formatValue(stats.weightNorm)}`,
      `update ratio ${formatValue(stats.updateRatio)}`,
    ];
    if (stats.deadFraction > 0) parts.push(`dead ${formatPercent(stats.deadFraction)}`);
    if (stats.saturatedFraction > 0) parts.push(`saturated ${formatPercent(stats.saturatedFraction)}`);
    setText(this.stats, parts.join(' · '));
  }

  private section(title: string, ids: readonly FigureId[], ...extra: HTMLElement[]): HTMLElement {
    const section = element('div', 'layer-section');
    section.dataset.section = title.toLowerCase();
    const figures = ids.map((id) => this.figures[id].element);
    // Extras (the histogram) stack under the last figure, so a card keeps its three columns.
    if (extra.length > 0) {
      const stack = element('div', 'figure-stack');
      stack.append(figures.pop() as HTMLElement, ...extra);
      figures.push(stack);
    }
    section.append(element('h3', 'section-title', title), ...figures);
    this.sections.push({ element: section, ids });
    return section;
  }
}

/** Two Float32Arrays handed out in turn (re-allocated only when the length changes). */
class AlternatingBuffer {
  private buffers: [Float32Array, Float32Array] = [new Float32Array(0), new Float32Array(0)];
  private turn = 0;

  next(length: number): Float32Array {
    this.turn ^= 1;
    if (this.buffers[this.turn].length !== length) this.buffers[this.turn] = new Float32Array(length);
    return this.buffers[this.turn];
  }
}

function sameShape(payload: TensorPayload, shape: readonly number[]): boolean {
  return payload.shape.length === shape.length && payload.shape.every((size, i) => size === shape[i])
    && payload.data instanceof Float32Array && payload.data.length === shape.reduce((a, b) => a * b, 1);
}

function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
}
