/**
 * What a layer card shows, as data: one record per figure (the streamed quantity it reads, its
 * symbol, the caption's scope, its colour map, how its values are derived; its shape follows from
 * the quantity and scope), and `prepareCard`, which turns one layer of a snapshot and the view into
 * the figures' values, captions, notes and the statistics line. No DOM: the card (layerCard.ts)
 * only draws what this returns. Notation and tensor layouts: docs/notation.md and `LayerSnapshot`.
 */
import { FAILURE_MODE, NON_NEGATIVE_OUTPUT } from '../src/core/activationFacts';
import { carriedRows, type RowWindow } from '../src/core/rowWindow';
import type { LayerStats, QuantityName, TensorPayload } from '../src/core/snapshot';
import type { LayerSnapshot, RunHeader } from '../src/protocol/panelMessages';
import type { ColormapName } from './colormaps';
import { layerTag, realSpace } from '../src/core/notation';
import { formatPercent, formatValue } from '../src/core/numberFormat';
import { quantityShape } from '../src/core/shapes';
import type { PreparedFigure } from './scalePolicy';
import type { ViewQuantity } from './viewState';

/** What a card is laid out from: the layer's index, widths and activation. */
export type CardLayer = Pick<LayerSnapshot, 'index' | 'units' | 'inputs' | 'activation'>;

export type FigureId = 'a-sample' | 'a-batch' | 'delta-sample' | 'delta-batch' | 'dW' | 'db' | 'W' | 'update';
export type CardSection = 'Forward' | 'Backward' | 'Gradients' | 'Parameters';

/**
 * Whose values a figure holds, said after its shape in the caption: one sample's row (drawn as a
 * strip of n_l), the batch's, W as it was before this step's update, or −η·∂L/∂W (captioned with η).
 */
type Scope = 'sample' | 'batch' | 'before the update' | 'step';

/** What a derivation may read besides the streamed tensor. */
interface DeriveContext {
  readonly units: number;
  /** The selected sample's row within the streamed rows (its batch row b less the window's first row). */
  readonly row: number;
  /** B, which turns the batch Δ into one sample's δ. */
  readonly batchSize: number;
  readonly learningRate: number;
  /** A buffer of this figure's own for values that are computed, not views of the tensor. */
  readonly buffer: (length: number) => Float32Array;
}

export interface FigureRecord {
  readonly id: FigureId;
  readonly section: CardSection;
  /** The view toggle that shows it. */
  readonly shownBy: ViewQuantity;
  /** The streamed tensor its values come from. */
  readonly quantity: QuantityName;
  /** Its symbol, without the layer tag. */
  readonly symbol: string;
  readonly scope: Scope;
  /** The activation's range picks the map of a and A; error terms, gradients and weights are signed. */
  readonly colours: 'activation' | 'signed';
  readonly derive: (tensor: Float32Array, context: DeriveContext) => Float32Array;
}

const asStreamed = (tensor: Float32Array): Float32Array => tensor;

/** The selected sample's row of a batch tensor: a view, no copy. */
const sampleRow = (tensor: Float32Array, { units, row }: DeriveContext): Float32Array => tensor.subarray(row * units, (row + 1) * units);

/** δ⁽ˡ⁾ = B·Δ⁽ˡ⁾[b, :]: Δ carries the batch mean's 1/B, one sample's δ = ∂ℓ/∂z does not (docs/notation.md). */
function sampleError(tensor: Float32Array, context: DeriveContext): Float32Array {
  const { units, row, batchSize } = context;
  const delta = context.buffer(units);
  for (let j = 0; j < units; j++) delta[j] = batchSize * tensor[row * units + j];
  return delta;
}

/** This step's plain-SGD update −η·∂L/∂W⁽ˡ⁾. */
function updateStep(tensor: Float32Array, context: DeriveContext): Float32Array {
  const update = context.buffer(tensor.length);
  const rate = context.learningRate;
  for (let i = 0; i < update.length; i++) update[i] = -rate * tensor[i];
  return update;
}

/** The card's figures, in the order of the card. */
export const FIGURES: readonly FigureRecord[] = [
  { id: 'a-sample', section: 'Forward', shownBy: 'activations', quantity: 'a', symbol: 'a', scope: 'sample', colours: 'activation', derive: sampleRow },
  { id: 'a-batch', section: 'Forward', shownBy: 'activations', quantity: 'a', symbol: 'A', scope: 'batch', colours: 'activation', derive: asStreamed },
  { id: 'delta-sample', section: 'Backward', shownBy: 'delta', quantity: 'delta', symbol: 'δ', scope: 'sample', colours: 'signed', derive: sampleError },
  { id: 'delta-batch', section: 'Backward', shownBy: 'delta', quantity: 'delta', symbol: 'Δ', scope: 'batch', colours: 'signed', derive: asStreamed },
  { id: 'dW', section: 'Gradients', shownBy: 'weightGradient', quantity: 'dW', symbol: '∂L/∂W', scope: 'batch', colours: 'signed', derive: asStreamed },
  { id: 'db', section: 'Gradients', shownBy: 'weightGradient', quantity: 'db', symbol: '∂L/∂b', scope: 'batch', colours: 'signed', derive: asStreamed },
  { id: 'W', section: 'Parameters', shownBy: 'weights', quantity: 'W', symbol: 'W', scope: 'before the update', colours: 'signed', derive: asStreamed },
  { id: 'update', section: 'Parameters', shownBy: 'update', quantity: 'dW', symbol: '−η·∂L/∂W', scope: 'step', colours: 'signed', derive: updateStep },
];

export const CARD_SECTIONS: readonly CardSection[] = ['Forward', 'Backward', 'Gradients', 'Parameters'];

/** The figure's shape: n_l for one sample's row, else that of the tensor it reads (batch tensors of `rows` rows). */
export function figureShape(figure: FigureRecord, layer: CardLayer, rows: number): number[] {
  return figure.scope === 'sample' ? [layer.units] : quantityShape(figure.quantity, layer, rows);
}

/** Whether the figure draws a batch tensor of per-sample rows (Z, A, Δ), which a snapshot may carry only a window of. */
export function drawsSampleRows(figure: FigureRecord): boolean {
  return figure.scope === 'batch' && (figure.quantity === 'z' || figure.quantity === 'a' || figure.quantity === 'delta');
}

export function figureSymbol(figure: FigureRecord, layerIndex: number): string {
  return `${figure.symbol}${layerTag(layerIndex)}`;
}

export function figureColormap(figure: FigureRecord, layer: CardLayer): ColormapName {
  return figure.colours === 'activation' && NON_NEGATIVE_OUTPUT[layer.activation] ? 'sequential' : 'diverging';
}

/**
 * Every figure's caption, `δ⁽²⁾ ∈ ℝ¹⁶, sample 5`, for this batch size, selected row and η; when
 * the batch tensors carry only a window of the batch, theirs name it: `A⁽¹⁾ ∈ ℝ^{256×16}, rows 512–767 of 8192`.
 */
export function figureCaptions(layer: CardLayer, batchSize: number, sample: number, learningRate?: number,
  rows: RowWindow = { first: 0, count: batchSize }): Record<FigureId, string> {
  const windowed = rows.count < batchSize;
  const scopeText = (figure: FigureRecord): string => {
    if (windowed && drawsSampleRows(figure)) return `rows ${rows.first}–${rows.first + rows.count - 1} of ${batchSize}`;
    switch (figure.scope) {
      case 'sample': return `sample ${sample}`;
      case 'step': return learningRate === undefined ? 'batch' : `η = ${formatValue(learningRate)}`;
      default: return figure.scope;
    }
  };
  const entries = FIGURES.map((figure) => [figure.id, `${figureSymbol(figure, layer.index)} ∈ ${realSpace(figureShape(figure, layer, rows.count))}, ${scopeText(figure)}`]);
  return Object.fromEntries(entries) as Record<FigureId, string>;
}

/**
 * The card's statistics: the norms, the update ratio and the share of units failing the way this
 * activation can fail (FAILURE_MODE: dead for the ReLU family, saturated for sigmoid and tanh,
 * nothing for activations the engine counts neither for).
 */
export function statsLine(layer: CardLayer, stats: LayerStats): string {
  const l = layerTag(layer.index);
  const parts = [
    `‖∂L/∂W${l}‖ = ${formatValue(stats.gradientNorm)}`,
    `‖Δ${l}‖ = ${formatValue(stats.deltaNorm)}`,
    `‖W${l}‖ = ${formatValue(stats.weightNorm)}`,
    `update ratio ${formatValue(stats.updateRatio)}`,
  ];
  const mode = FAILURE_MODE[layer.activation];
  if (mode === 'dead') parts.push(`dead ${formatPercent(stats.deadFraction)}`);
  if (mode === 'saturated') parts.push(`saturated ${formatPercent(stats.saturatedFraction)}`);
  return parts.join(' · ');
}

/** Which figures the view shows (undefined: all) and whether the card is collapsed. */
export interface CardView {
  readonly quantities: Readonly<Record<ViewQuantity, boolean>> | undefined;
  readonly collapsed: boolean;
}

export interface PreparedCard {
  readonly captions: Readonly<Record<FigureId, string>>;
  readonly stats: string;
  /** The heatmaps to draw, in card order; their colour scales are resolved across cards by the panel. */
  readonly figures: readonly (PreparedFigure & { readonly id: FigureId })[];
  /** Shown figures with nothing to draw, and why (rather than leave an older drawing that looks like this step's). */
  readonly notes: ReadonlyMap<FigureId, string>;
}

/**
 * One layer of a snapshot, as the card should show it under this view. Derived values (one
 * sample's δ, the update) are written into `buffers`, the only state it touches.
 */
export function prepareCard(layer: CardLayer, snapshot: LayerSnapshot, run: RunHeader, view: CardView, buffers: FigureBuffers): PreparedCard {
  const batchSize = run.batchSize;
  // The host keeps sampleIndex < B; clamping keeps a stale selection after a batch-size change in range.
  const sample = Math.min(run.sampleIndex, batchSize - 1);
  const carried = carriedRows(run);
  const row = sample - carried.first;
  const captions = figureCaptions(layer, batchSize, sample, run.learningRate, carried);
  const stats = statsLine(layer, snapshot.stats);
  const figures: (PreparedFigure & { readonly id: FigureId })[] = [];
  const notes = new Map<FigureId, string>();
  if (view.collapsed) return { captions, stats, figures, notes };
  const problems = new Map<QuantityName, string | undefined>();
  for (const figure of FIGURES) {
    if (view.quantities !== undefined && !view.quantities[figure.shownBy]) continue;
    const payload = snapshot.tensors[figure.quantity];
    const expected = quantityShape(figure.quantity, layer, carried.count);
    if (!problems.has(figure.quantity)) problems.set(figure.quantity, tensorProblem(payload, expected));
    const problem = problems.get(figure.quantity);
    if (problem !== undefined) {
      notes.set(figure.id, problem);
      continue;
    }
    if (figure.scope === 'sample' && !(row >= 0 && row < carried.count)) {
      notes.set(figure.id, `sample ${sample} is not among the streamed rows`);
      continue;
    }
    const context: DeriveContext = { units: layer.units, row, batchSize, learningRate: run.learningRate, buffer: (length) => buffers.next(figure.id, length) };
    const values = figure.derive((payload as TensorPayload).data, context);
    const shape = figureShape(figure, layer, carried.count);
    const [rows, cols] = shape.length === 1 ? [1, shape[0]] : shape;
    figures.push({ id: figure.id, values, rows, cols, colormap: figureColormap(figure, layer) });
  }
  return { captions, stats, figures, notes };
}

/** Why a streamed tensor cannot be drawn as `shape`, or undefined if it can. */
function tensorProblem(payload: TensorPayload | undefined, shape: readonly number[]): string | undefined {
  if (payload === undefined) return 'not streamed';
  const same = payload.shape.length === shape.length && payload.shape.every((size, i) => size === shape[i])
    && payload.data instanceof Float32Array && payload.data.length === shape.reduce((a, b) => a * b, 1);
  return same ? undefined : `got shape [${payload.shape.join(', ')}], expected ${realSpace(shape)}`;
}

/**
 * Two Float32Arrays per derived figure, handed out in turn (re-allocated only when the length
 * changes): the heatmap compares the values it holds with the new ones to skip a redraw, so the
 * new values must not overwrite the array it holds.
 */
export class FigureBuffers {
  private readonly pairs = new Map<FigureId, { buffers: [Float32Array, Float32Array]; turn: number }>();

  next(id: FigureId, length: number): Float32Array {
    let pair = this.pairs.get(id);
    if (pair === undefined) {
      pair = { buffers: [new Float32Array(0), new Float32Array(0)], turn: 0 };
      this.pairs.set(id, pair);
    }
    pair.turn ^= 1;
    if (pair.buffers[pair.turn].length !== length) pair.buffers[pair.turn] = new Float32Array(length);
    return pair.buffers[pair.turn];
  }
}
