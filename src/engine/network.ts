/**
 * A dense network and every buffer its training needs, carved out of ONE `kernels.allocate` call
 * (a WebAssembly backend can only see memory it allocated). Forward and backward in batch form
 * (notation and derivation: docs/notation.md):
 *   Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + 𝟙b⁽ˡ⁾ᵀ,  A⁽ˡ⁾ = f_l(Z⁽ˡ⁾)
 *   Δ⁽ˡ⁾ = f′_l(Z⁽ˡ⁾) ⊙ (Δ⁽ˡ⁺¹⁾ W⁽ˡ⁺¹⁾),  ∂L/∂W⁽ˡ⁾ = Δ⁽ˡ⁾ᵀ A⁽ˡ⁻¹⁾,  ∂L/∂b⁽ˡ⁾ = 𝟙ᵀΔ⁽ˡ⁾.
 *
 * Arena layout (floats): [θ: W⁽¹⁾ b⁽¹⁾ … W⁽ᴸ⁾ b⁽ᴸ⁾][∂L/∂θ, same layout][optimizer state]
 * [X batch][Y batch][per layer: Z, A (aliases Z for linear), Δ].
 * Batch buffers hold `maxRows` rows; a step uses the first `rows` of them.
 */
import type { ModelSpec, LayerSpec } from '../core/spec';
import type { FloatArray, Kernels } from './kernels/kernels';
import { ACTIVATION_FUNCTIONS, type Activation } from './activations';
import { LOSS_FUNCTIONS, type Loss, type LossContext } from './losses';
import { arenaSize, optimizerStateLength } from '../core/arenaSize';
import { inferShapes } from '../core/shapes';

/** One layer's views into the arena (l = index + 1 in the notation of docs/notation.md). */
export interface LayerBuffers<T extends FloatArray> {
  readonly spec: LayerSpec;
  readonly activation: Activation;
  /** n_{l−1} and n_l. */
  readonly inputs: number;
  readonly units: number;
  /** W⁽ˡ⁾ [units × inputs] and b⁽ˡ⁾ [units]. */
  readonly weights: T;
  readonly bias: T;
  /** ∂L/∂W⁽ˡ⁾ [units × inputs] and ∂L/∂b⁽ˡ⁾ [units], batch mean. */
  readonly weightGradient: T;
  readonly biasGradient: T;
  /** Z⁽ˡ⁾ and A⁽ˡ⁾ [maxRows × units]. */
  readonly z: T;
  readonly a: T;
  /** Δ⁽ˡ⁾ = ∂L/∂Z⁽ˡ⁾ [maxRows × units]. */
  readonly delta: T;
  /** Offsets of W⁽ˡ⁾ and b⁽ˡ⁾ in the flat parameter vector. */
  readonly weightOffset: number;
  readonly biasOffset: number;
}

export class Network<T extends FloatArray> {
  readonly layers: readonly LayerBuffers<T>[];
  /** θ, all parameters (P floats), W⁽¹⁾ b⁽¹⁾ … W⁽ᴸ⁾ b⁽ᴸ⁾. */
  readonly parameters: T;
  /** ∂L/∂θ, same layout. */
  readonly gradients: T;
  readonly optimizerState: T;
  /** X [maxRows × n_0] and Y [maxRows × n_L] of the current batch. */
  readonly input: T;
  readonly target: T;
  readonly parameterCount: number;
  readonly inputWidth: number;
  readonly outputWidth: number;
  /** Length of the single arena allocation, in floats. */
  readonly arenaLength: number;
  private readonly loss: Loss;
  private readonly lossContext: LossContext;
  /** `kernels` as the activation rules take them (written for either float array type). */
  private readonly activationKernels: Kernels<FloatArray>;

  constructor(readonly spec: ModelSpec, readonly kernels: Kernels<T>, readonly maxRows: number) {
    if (spec.layers.length === 0) throw new Error('a network needs at least one layer');
    const { parameterCount, total } = arenaSize(spec, maxRows);
    const stateLength = optimizerStateLength(spec.training, parameterCount);
    const outputWidth = spec.layers[spec.layers.length - 1].units;
    const arena = kernels.allocate(total);
    if (arena.length < total) throw new Error(`kernels ${kernels.name} allocated ${arena.length} floats, ${total} needed`);
    let cursor = 0;
    const take = (length: number): T => {
      const view = arena.subarray(cursor, cursor + length) as T;
      cursor += length;
      return view;
    };
    this.parameters = take(parameterCount);
    this.gradients = take(parameterCount);
    this.optimizerState = take(stateLength);
    this.input = take(maxRows * spec.input);
    this.target = take(maxRows * outputWidth);
    const layers: LayerBuffers<T>[] = [];
    let offset = 0;
    // θ holds each layer's W (row-major, n_l × n_{l−1}) then its b, layer after layer.
    for (const [l, { inputs, units, parameters }] of inferShapes(spec).layers.entries()) {
      const layer = spec.layers[l];
      const weightOffset = offset;
      offset = weightOffset + parameters;
      const biasOffset = offset - units;
      const z = take(maxRows * units);
      // A linear layer's A is its Z: no copy on the way forward.
      const a = layer.activation === 'linear' ? z : take(maxRows * units);
      layers.push({
        spec: layer,
        activation: ACTIVATION_FUNCTIONS[layer.activation],
        inputs,
        units,
        weights: this.parameters.subarray(weightOffset, biasOffset) as T,
        bias: this.parameters.subarray(biasOffset, offset) as T,
        weightGradient: this.gradients.subarray(weightOffset, biasOffset) as T,
        biasGradient: this.gradients.subarray(biasOffset, offset) as T,
        z,
        a,
        delta: take(maxRows * units),
        weightOffset,
        biasOffset,
      });
    }
    this.layers = layers;
    this.parameterCount = parameterCount;
    this.inputWidth = spec.input;
    this.outputWidth = outputWidth;
    this.arenaLength = total;
    this.loss = LOSS_FUNCTIONS[spec.loss];
    const last = layers[layers.length - 1];
    this.activationKernels = kernels as unknown as Kernels<FloatArray>;
    this.lossContext = {
      z: last.z,
      a: last.a,
      y: this.target,
      rows: 0,
      cols: outputWidth,
      activationName: last.spec.activation,
      activation: last.activation,
      parameters: last.spec,
      kernels: this.activationKernels,
    };
  }

  /**
   * Runs the forward pass on the first `rows` rows of `input`; fills every Z⁽ˡ⁾ and A⁽ˡ⁾.
   * Returns false when `shouldAbort` asked to stop between two layers (buffers then half-written).
   */
  forward(rows: number, shouldAbort?: () => boolean): boolean {
    const { kernels } = this;
    let previous = this.input;
    for (let l = 0; l < this.layers.length; l++) {
      if (shouldAbort?.()) return false;
      const layer = this.layers[l];
      kernels.gemmNT(rows, layer.units, layer.inputs, previous, layer.weights, layer.z, layer.bias);
      layer.activation.forward(layer.z, layer.a, rows, layer.units, layer.spec, this.activationKernels);
      previous = layer.a;
    }
    return true;
  }

  /** The batch-mean loss of the last forward pass against the first `rows` rows of `target`. */
  lossValue(rows: number): number {
    const context = this.lossContext as { rows: number };
    context.rows = rows;
    return this.loss.value(this.lossContext);
  }

  /** Backward pass after `forward(rows)`: every Δ⁽ˡ⁾, ∂L/∂W⁽ˡ⁾ and ∂L/∂b⁽ˡ⁾; false when aborted between layers. */
  backward(rows: number, shouldAbort?: () => boolean): boolean {
    const { kernels, layers } = this;
    const context = this.lossContext as { rows: number };
    context.rows = rows;
    const last = layers[layers.length - 1];
    this.loss.outputDelta(this.lossContext, last.delta);
    for (let l = layers.length - 1; l >= 0; l--) {
      if (shouldAbort?.()) return false;
      const layer = layers[l];
      const below = l > 0 ? layers[l - 1].a : this.input;
      // ∂L/∂W⁽ˡ⁾ [units × inputs] = Δ⁽ˡ⁾ᵀ [units × rows] · A⁽ˡ⁻¹⁾ [rows × inputs].
      kernels.gemmTN(layer.units, layer.inputs, rows, layer.delta, below, layer.weightGradient);
      kernels.columnSums(layer.delta, rows, layer.units, layer.biasGradient);
      if (l > 0) {
        if (shouldAbort?.()) return false;
        // Δ⁽ˡ⁻¹⁾ = f′(Z⁽ˡ⁻¹⁾) ⊙ (Δ⁽ˡ⁾ W⁽ˡ⁾). The input layer needs no Δ, so we stop at l = 1.
        const next = layers[l - 1];
        kernels.gemmNN(rows, layer.inputs, layer.units, layer.delta, layer.weights, next.delta);
        next.activation.backward(next.z, next.a, next.delta, rows, next.units, next.spec, this.activationKernels);
      }
    }
    return true;
  }

  /**
   * Forward + loss + backward on the loaded batch; returns L, or undefined when `shouldAbort`
   * stopped it between layers (a long step yields to a waiting pause within one layer's time).
   */
  computeGradients(rows: number, shouldAbort?: () => boolean): number | undefined {
    if (!this.forward(rows, shouldAbort)) return undefined;
    const loss = this.lossValue(rows);
    if (!this.backward(rows, shouldAbort)) return undefined;
    return loss;
  }
}
