/**
 * The numbers behind one layer's equations for the selected sample b, computed from a snapshot
 * (notation and shapes of docs/notation.md; tensor layouts of `LayerSnapshot`). Pure: no
 * DOM, so the equation view, the walk-through and the tests share one computation.
 *
 * Everything here is one sample's: δ⁽ˡ⁾ = B·Δ⁽ˡ⁾[b, :] (the snapshot's Δ carries the batch mean's
 * 1/B), and ∂ℓ/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ is that sample's outer product; ∂L/∂W⁽ˡ⁾ and ∂L/∂b⁽ˡ⁾ are the
 * batch's, as streamed.
 */
import { activationDerivative, type ActivationParameters, type ElementwiseActivation } from '../src/core/activationDerivatives';
import type { ActivationName, LossName } from '../src/core/spec';
import type { LayerOutline as LayerShape, LayerSnapshot, SnapshotMessage } from '../src/protocol/panelMessages';
import type { QuantityName } from '../src/core/snapshot';
import { carriedRows } from '../src/core/rowWindow';

/** A grid of values, row-major rows × cols: column vectors are n×1, a transposed vector 1×n. */
export interface TermGrid {
  readonly values: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** Every term an equation row of a layer can show; which ones exist depends on the layer and loss. */
export const TERM_IDS = [
  'aPrev', 'W', 'b', 'z', 'a', // forward
  'delta', 'fPrime', 'WnextT', 'deltaNext', 'backprop', // backward (hidden layer)
  'target', 'lossGradient', 'jacobian', 'chain', 'outputMinusTarget', // output layer
  'aPrevT', 'sampleWeightGradient', 'weightGradient', 'biasGradient', // gradients
] as const;
export type TermId = (typeof TERM_IDS)[number];

export type LayerTerms = Partial<Record<TermId, TermGrid>>;

/** How the output layer's δ⁽ᴸ⁾ is formed: the fused forms (docs/notation.md), or the general chain. */
export type OutputForm = 'softmax-cross-entropy' | 'sigmoid-binary-cross-entropy' | 'softmax-jacobian' | 'elementwise';

export function outputForm(activation: ActivationName, loss: LossName): OutputForm {
  if (activation === 'softmax') return loss === 'cross_entropy' ? 'softmax-cross-entropy' : 'softmax-jacobian';
  if (activation === 'sigmoid' && loss === 'binary_cross_entropy') return 'sigmoid-binary-cross-entropy';
  return 'elementwise';
}

/** What the computation needs besides the snapshot: the model's loss and each layer's f parameters. */
export interface TermContext {
  readonly loss: LossName | undefined;
  readonly shapes: readonly LayerShape[];
}

/** Tensors a layer's terms read, and a reason when one is missing (not streamed yet, or collapsed neighbour). */
export type TermsResult = { readonly terms: LayerTerms; readonly missing?: undefined } | { readonly terms?: undefined; readonly missing: string };

const column = (values: Float32Array): TermGrid => ({ values, rows: values.length, cols: 1 });
const row = (values: Float32Array): TermGrid => ({ values, rows: 1, cols: values.length });

/** The terms of layer `index` (1-based) for the snapshot's selected sample. */
export function layerTerms(snapshot: SnapshotMessage, index: number, context: TermContext): TermsResult {
  const { layers, run } = snapshot;
  const count = layers.length;
  const layer = layers[index - 1];
  const batch = run.batchSize;
  const sample = Math.min(run.sampleIndex, batch - 1);
  // The sample's row within the rows the snapshot carries (a window of a large batch).
  const carried = carriedRows(run);
  const carriedRow = sample - carried.first;
  if (!(carriedRow >= 0 && carriedRow < carried.count)) return { missing: `sample ${sample} is not among the streamed rows` };
  const { units, inputs } = layer;
  const need = (owner: LayerSnapshot, name: QuantityName): Float32Array | undefined => owner.tensors[name]?.data;
  const sampleRow = (owner: LayerSnapshot, name: QuantityName): Float32Array | undefined =>
    need(owner, name)?.subarray(carriedRow * owner.units, (carriedRow + 1) * owner.units);

  const aPrev = index === 1 ? snapshot.sample?.input : sampleRow(layers[index - 2], 'a');
  const [z, a, batchDelta] = [sampleRow(layer, 'z'), sampleRow(layer, 'a'), sampleRow(layer, 'delta')];
  const [W, b, dW, db] = [need(layer, 'W'), need(layer, 'b'), need(layer, 'dW'), need(layer, 'db')];
  if (aPrev === undefined) return { missing: index === 1 ? 'the sample\'s input x was not streamed' : `a⁽${index - 1}⁾ was not streamed` };
  if (z === undefined || a === undefined || batchDelta === undefined || W === undefined || b === undefined || dW === undefined || db === undefined) {
    return { missing: 'this layer\'s tensors were not streamed yet (press Step)' };
  }
  const delta = scaled(batchDelta, batch);
  const parameters = context.shapes[index - 1]?.activationParameters ?? DEFAULT_PARAMETERS;
  const terms: LayerTerms = {
    aPrev: column(Float32Array.from(aPrev)), W: { values: W, rows: units, cols: inputs }, b: column(b), z: column(z), a: column(a),
    delta: column(delta),
    aPrevT: row(Float32Array.from(aPrev)),
    sampleWeightGradient: { values: outer(delta, aPrev), rows: units, cols: inputs },
    weightGradient: { values: dW, rows: units, cols: inputs },
    biasGradient: column(db),
  };
  if (layer.activation !== 'softmax') terms.fPrime = column(derivative(layer.activation, z, a, parameters));

  if (index < count) {
    const next = layers[index];
    const nextW = need(next, 'W');
    const nextDelta = sampleRow(next, 'delta');
    if (nextW === undefined || nextDelta === undefined) return { missing: `W⁽${index + 1}⁾ and δ⁽${index + 1}⁾ were not streamed` };
    const deltaNext = scaled(nextDelta, batch);
    terms.WnextT = { values: transpose(nextW, next.units, next.inputs), rows: units, cols: next.units };
    terms.deltaNext = column(deltaNext);
    terms.backprop = column(transposeTimes(nextW, next.units, next.inputs, deltaNext));
    return { terms };
  }

  const target = snapshot.sample?.target;
  if (target === undefined || target.length !== units) return { missing: 'the sample\'s target t was not streamed' };
  if (context.loss === undefined) return { missing: 'the loss is unknown (no model message yet)' };
  terms.target = column(target);
  terms.lossGradient = column(lossGradient(context.loss, a, target));
  if (layer.activation === 'softmax') {
    const jacobian = softmaxJacobian(a);
    terms.jacobian = { values: jacobian, rows: units, cols: units };
    terms.chain = column(transposeTimes(jacobian, units, units, terms.lossGradient.values));
    if (context.loss === 'cross_entropy') terms.outputMinusTarget = column(softmaxCrossEntropyDelta(a, target));
  }
  return { terms };
}

/** PyTorch's defaults, for a model message from a host that did not send the parameters. */
const DEFAULT_PARAMETERS: ActivationParameters = { negativeSlope: 0.01, alpha: 1, beta: 1 };

function scaled(values: Float32Array, factor: number): Float32Array {
  return values.map((v) => v * factor);
}

/** f′(z) of an element-wise activation at each unit. */
function derivative(activation: ElementwiseActivation, z: Float32Array, a: Float32Array, parameters: ActivationParameters): Float32Array {
  return z.map((value, j) => activationDerivative(activation, value, a[j], parameters));
}

/** u vᵀ, [u.length × v.length]. */
function outer(u: ArrayLike<number>, v: ArrayLike<number>): Float32Array {
  const result = new Float32Array(u.length * v.length);
  for (let i = 0; i < u.length; i++) for (let j = 0; j < v.length; j++) result[i * v.length + j] = u[i] * v[j];
  return result;
}

/** Mᵀ of a row-major rows × cols matrix, as row-major cols × rows. */
function transpose(matrix: Float32Array, rows: number, cols: number): Float32Array {
  const result = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) result[j * rows + i] = matrix[i * cols + j];
  return result;
}

/** Mᵀ v for a row-major rows × cols matrix M and v of length rows (accumulated in float64). */
function transposeTimes(matrix: Float32Array, rows: number, cols: number, vector: ArrayLike<number>): Float32Array {
  const result = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) result[j] += matrix[i * cols + j] * vector[i];
  return Float32Array.from(result);
}

/** ∂o_j/∂z_k = o_j(δ_jk − o_k), row j, column k: not diagonal, so the chain must sum over every output. */
function softmaxJacobian(output: ArrayLike<number>): Float32Array {
  const n = output.length;
  const jacobian = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) jacobian[j * n + k] = output[j] * ((j === k ? 1 : 0) - output[k]);
  return jacobian;
}

/** The fused softmax + cross-entropy error term o τ − t, τ = Σ_j t_j (o − t for one-hot t). */
function softmaxCrossEntropyDelta(output: Float32Array, target: Float32Array): Float32Array {
  let tau = 0;
  for (const t of target) tau += t;
  return output.map((o, j) => o * tau - target[j]);
}

/**
 * ∂ℓ/∂a⁽ᴸ⁾ of one sample's loss ℓ (the batch mean's per-sample term, times B): cross-entropy
 * −t/a (0 where t = 0), binary cross-entropy (a − y)/(n_L·a(1 − a)), mean squared error 2(a − y)/n_L.
 */
function lossGradient(loss: LossName, output: Float32Array, target: Float32Array): Float32Array {
  const n = output.length;
  switch (loss) {
    case 'cross_entropy':
      return output.map((a, j) => (target[j] === 0 ? 0 : -target[j] / a));
    case 'binary_cross_entropy':
      return output.map((a, j) => (a - target[j]) / (n * Math.max(a * (1 - a), 1e-12)));
    case 'mse':
      return output.map((a, j) => (2 * (a - target[j])) / n);
  }
}

/** ℓ of the sample (clamped logs as the engine's losses), for the walk-through's loss phase. */
export function sampleLoss(loss: LossName, output: ArrayLike<number>, target: ArrayLike<number>): number {
  const n = output.length;
  const log = (x: number) => Math.max(Math.log(x), -100);
  let total = 0;
  for (let j = 0; j < n; j++) {
    const [a, t] = [output[j], target[j]];
    if (loss === 'cross_entropy') total -= t === 0 ? 0 : t * log(a);
    else if (loss === 'binary_cross_entropy') total -= (t * log(a) + (1 - t) * log(1 - a)) / n;
    else total += (a - t) ** 2 / n;
  }
  return total;
}
