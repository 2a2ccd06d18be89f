/**
 * What the worker streams about a training step: per-layer tensors (only those asked for) and
 * per-layer statistics (always). Tensors are compact standalone Float32Arrays so they transfer
 * without copying and without dragging a larger backing buffer along.
 */

/** Quantities of layer l a consumer can ask for (notation: docs/notation.md; the snapshot language: docs/protocol.md). */
export const QUANTITIES = ['z', 'a', 'delta', 'dW', 'db', 'W', 'b'] as const;
export type QuantityName = (typeof QUANTITIES)[number];

/** A row-major tensor: `data.length` is the product of `shape`. */
export interface TensorPayload {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Summary of one tensor's values. */
export interface ValueSummary {
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** Per-layer statistics of one step; cheap enough to compute at every snapshot. */
export interface LayerStats {
  /** ‖W⁽ˡ⁾‖₂ (Frobenius), before this step's update. */
  readonly weightNorm: number;
  /** ‖∂L/∂W⁽ˡ⁾‖₂ of the batch-mean loss. */
  readonly gradientNorm: number;
  /** ‖Δ⁽ˡ⁾‖₂ where Δ = ∂L/∂Z⁽ˡ⁾ of the batch-mean loss. */
  readonly deltaNorm: number;
  readonly activation: ValueSummary;
  readonly delta: ValueSummary;
  readonly weightGradient: ValueSummary;
  /** Fraction of units whose activation is zero for the whole batch (ReLU family; 0 otherwise). */
  readonly deadFraction: number;
  /** Fraction of activations in the flat tails (sigmoid/tanh: |f′| < 1% of its peak; 0 otherwise). */
  readonly saturatedFraction: number;
  /** ‖ΔW‖/‖W‖ of this step's update (0 before the first update). */
  readonly updateRatio: number;
}

/** The first non-finite value a step produced. */
export interface NonFiniteReport {
  /** 1-based layer index l, or 0 for the loss itself. */
  readonly layer: number;
  readonly quantity: QuantityName | 'loss';
  /** Row-major flat index of the first offending element. */
  readonly index: number;
  readonly value: number;
}
