/**
 * The card of dense layer l: forward activations, backward error terms and the gradients of its
 * parameters, each labelled with its symbol, shape and whether it is one sample's or the batch's.
 * Tensor layouts are those documented on `LayerSnapshot` (src/protocol/panelMessages.ts).
 */
import type { ActivationName } from '../src/model/spec';
import type { LayerShape, LayerSnapshot, RunHeader } from '../src/protocol/panelMessages';
import type { LayerStats, QuantityName, TensorPayload } from '../src/protocol/snapshot';
import { element, setText } from './dom';
import { Figure } from './figure';
import type { HeatmapOptions } from './heatmap';
import { formatValue, indexLabel, layerTag, realSpace } from './notation';
import type { ColormapChoice } from './scale';
import type { Tooltip } from './tooltip';

/** Activations whose range is [0, ∞) or [0, 1]: drawn with the sequential map, all others diverging. */
const NON_NEGATIVE_ACTIVATIONS: ReadonlySet<ActivationName> = new Set(['relu', 'sigmoid', 'softmax', 'softplus']);

const GRID = { maxWidth: 224, maxCell: 14, stripHeight: 14 } as const;

type FigureId = 'a-sample' | 'a-batch' | 'delta-sample' | 'delta-batch' | 'dW' | 'db';

export class LayerCard {
  readonly element = element('section', 'layer-card');
  private readonly title = element('h2', 'layer-title');
  private readonly stats = element('div', 'layer-stats');
  private readonly figures: Record<FigureId, Figure>;
  private readonly symbols: Record<FigureId, string>;

  constructor(readonly shape: LayerShape, tooltip: Tooltip) {
    const l = layerTag(shape.index);
    this.symbols = {
      'a-sample': `a${l}`, 'a-batch': `A${l}`, 'delta-sample': `δ${l}`, 'delta-batch': `Δ${l}`,
      dW: `∂L/∂W${l}`, db: `∂L/∂b${l}`,
    };
    const activationMap: ColormapChoice = NON_NEGATIVE_ACTIVATIONS.has(shape.activation) ? 'sequential' : 'diverging';
    const make = (id: FigureId, colormap: ColormapChoice, vector: boolean): Figure => {
      const symbol = this.symbols[id];
      const options: HeatmapOptions = {
        ...GRID,
        colormap,
        // Vectors are drawn as one-row strips, so their index is the column.
        describe: (row, col, value) => `${symbol}${indexLabel(vector ? [col] : [row, col])} = ${formatValue(value)}`,
      };
      return new Figure(id, options, tooltip);
    };
    this.figures = {
      'a-sample': make('a-sample', activationMap, true),
      'a-batch': make('a-batch', activationMap, false),
      'delta-sample': make('delta-sample', 'diverging', true),
      'delta-batch': make('delta-batch', 'diverging', false),
      dW: make('dW', 'diverging', false),
      db: make('db', 'diverging', true),
    };

    this.element.dataset.layer = String(shape.index);
    setText(this.title, `Layer ${shape.index} · ${shape.inputs} → ${shape.units} · ${shape.activation}`);
    const header = element('header', 'layer-header');
    header.append(this.title, this.stats);
    this.element.append(
      header,
      this.section('Forward', ['a-sample', 'a-batch']),
      this.section('Backward', ['delta-sample', 'delta-batch']),
      this.section('Gradients', ['dW', 'db']),
    );
    for (const figure of Object.values(this.figures)) figure.showNote('waiting for the first step');
  }

  /** Whether this card was laid out for exactly this shape (else the panel rebuilds it). */
  fits(shape: LayerShape): boolean {
    const own = this.shape;
    return own.index === shape.index && own.units === shape.units && own.inputs === shape.inputs && own.activation === shape.activation;
  }

  /** Captions that depend on the batch size and selected sample. */
  setContext(batchSize: number, sampleIndex: number): void {
    const { units, inputs } = this.shape;
    const caption = (id: FigureId, space: readonly number[], scope: string) => this.figures[id].setCaption(`${this.symbols[id]} ∈ ${realSpace(space)}, ${scope}`);
    caption('a-sample', [units], `sample ${sampleIndex}`);
    caption('a-batch', [batchSize, units], 'batch');
    caption('delta-sample', [units], `sample ${sampleIndex}`);
    caption('delta-batch', [batchSize, units], 'batch');
    caption('dW', [units, inputs], 'batch');
    caption('db', [units], 'batch');
  }

  update(layer: LayerSnapshot, run: RunHeader): void {
    const batch = run.batchSize;
    // The host keeps sampleIndex < B; clamping keeps a stale selection after a batch-size change in range.
    const sample = Math.min(run.sampleIndex, batch - 1);
    const { units, inputs } = this.shape;
    this.setContext(batch, sample);
    this.updateStats(layer.stats);

    const activations = this.tensor(layer, 'a', [batch, units], ['a-sample', 'a-batch']);
    if (activations !== undefined) {
      this.figures['a-sample'].show(activations.subarray(sample * units, (sample + 1) * units), 1, units);
      this.figures['a-batch'].show(activations, batch, units);
    }
    const batchDelta = this.tensor(layer, 'delta', [batch, units], ['delta-sample', 'delta-batch']);
    if (batchDelta !== undefined) {
      // Δ⁽ˡ⁾ carries the 1/B of the batch mean; one sample's δ⁽ˡ⁾ = ∂ℓ/∂z⁽ˡ⁾ does not (backprop.md).
      // A fresh array each time, so the heatmap's change check compares against the old one.
      const sampleDelta = new Float32Array(units);
      for (let j = 0; j < units; j++) sampleDelta[j] = batch * batchDelta[sample * units + j];
      this.figures['delta-sample'].show(sampleDelta, 1, units);
      this.figures['delta-batch'].show(batchDelta, batch, units);
    }
    const weightGradient = this.tensor(layer, 'dW', [units, inputs], ['dW']);
    if (weightGradient !== undefined) this.figures.dW.show(weightGradient, units, inputs);
    const biasGradient = this.tensor(layer, 'db', [units], ['db']);
    if (biasGradient !== undefined) this.figures.db.show(biasGradient, 1, units);
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

  private section(title: string, ids: readonly FigureId[]): HTMLElement {
    const section = element('div', 'layer-section');
    section.append(element('h3', 'section-title', title), ...ids.map((id) => this.figures[id].element));
    return section;
  }
}

function sameShape(payload: TensorPayload, shape: readonly number[]): boolean {
  return payload.shape.length === shape.length && payload.shape.every((size, i) => size === shape[i])
    && payload.data instanceof Float32Array && payload.data.length === shape.reduce((a, b) => a * b, 1);
}

function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
}
