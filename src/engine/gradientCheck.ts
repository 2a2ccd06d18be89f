/**
 * Central-difference gradient check (docs/notation.md, "Checking the gradients"): for each
 * checked parameter θᵢ, ĝᵢ = (L(θ + εeᵢ) − L(θ − εeᵢ)) / 2ε against the backward pass's gᵢ, with
 * relative error |g − ĝ| / max(1e-8, |g| + |ĝ|). Every perturbed parameter is restored to its exact
 * original bits, and nothing else of the training state (optimizer state, batch order, PRNG
 * streams) is touched; only scratch buffers (Z, A, Δ, ∂L/∂θ) are overwritten.
 */
import type { Precision } from '../model/spec';
import type { FloatArray } from './kernels/kernels';
import type { Network } from './network';
import { Random } from './random';

export interface GradientCheckOptions {
  /** Step ε; default 1e-6 in f64, 1e-3 in f32. */
  readonly epsilon?: number;
  /** Check at most this many weights and this many biases per layer (seeded sample); all when absent. */
  readonly samplesPerLayer?: number;
  /** Seed of the sampling of parameters (independent of the training PRNG). Default 0. */
  readonly seed?: number;
  /** Pass threshold on the maximum relative error; default per precision, see DEFAULT_THRESHOLDS. */
  readonly threshold?: number;
  /**
   * Polled before each parameter: true abandons the check with GradientCheckInterrupted. A full
   * check of a large net runs two forward passes per parameter, for minutes; this is how the
   * worker stays responsive to pause, stop and cancel meanwhile.
   */
  readonly abort?: () => boolean;
}

/** The check was abandoned through `abort`; the network is left exactly as before it began. */
export class GradientCheckInterrupted extends Error {
  override readonly name = 'GradientCheckInterrupted';
  constructor() {
    super('the gradient check was interrupted');
  }
}

/**
 * Default pass thresholds. f64 (ε = 1e-6): truncation is O(ε²) and the rounding of L leaves about
 * u·|L|/ε ≈ 1e-10 of absolute noise in ĝ, so gradients of size 1e-2 land near 1e-8 relative but
 * gradients of size 1e-4 show ~1e-6: the check passes on max ≤ 1e-5 and mean ≤ 1e-6. A wrong
 * backward rule gives errors of 1e-3 to 1. f32 (ε = 1e-3): rounding of the loss (u ≈ 6e-8) over 2ε gives
 * absolute noise ~1e-4 in ĝ, so gradients of size 1e-2 already show 1e-2 relative error; the f32
 * check passes on the mean relative error ≤ 1e-2 and the maximum ≤ 0.5.
 */
export const DEFAULT_THRESHOLDS: Record<Precision, { readonly epsilon: number; readonly maxRelativeError: number; readonly meanRelativeError: number }> = {
  f64: { epsilon: 1e-6, maxRelativeError: 1e-5, meanRelativeError: 1e-6 },
  f32: { epsilon: 1e-3, maxRelativeError: 0.5, meanRelativeError: 1e-2 },
};

export interface ParameterCheck {
  /** Number of parameters compared. */
  readonly checked: number;
  readonly maxRelativeError: number;
  readonly meanRelativeError: number;
  /** Flat index (row-major within W or b) of the worst parameter, −1 if none checked. */
  readonly worstIndex: number;
  /** Analytic and numerical gradient of the worst parameter. */
  readonly worstAnalytic: number;
  readonly worstNumerical: number;
}

export interface LayerGradientCheck {
  /** 1-based layer index. */
  readonly layer: number;
  readonly weights: ParameterCheck;
  readonly bias: ParameterCheck;
}

export interface GradientCheckReport {
  readonly precision: Precision;
  readonly epsilon: number;
  /** Rows of the batch the loss was evaluated on. */
  readonly rows: number;
  readonly layers: readonly LayerGradientCheck[];
  readonly maxRelativeError: number;
  readonly meanRelativeError: number;
  readonly passed: boolean;
}

export function relativeError(analytic: number, numerical: number): number {
  return Math.abs(analytic - numerical) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numerical));
}

/** Checks the gradients of the loss on the batch already loaded into the network (`rows` rows). */
export function checkGradients<T extends FloatArray>(network: Network<T>, rows: number, precision: Precision, options: GradientCheckOptions = {}): GradientCheckReport {
  const defaults = DEFAULT_THRESHOLDS[precision];
  const epsilon = options.epsilon ?? defaults.epsilon;
  const random = new Random(options.seed ?? 0);
  network.computeGradients(rows);
  const analytic = Float64Array.from(network.gradients);
  const { parameters } = network;

  const checkRange = (offset: number, count: number): ParameterCheck => {
    const indices = pickIndices(count, options.samplesPerLayer, random);
    let max = 0;
    let sum = 0;
    let worstIndex = -1;
    let worstAnalytic = 0;
    let worstNumerical = 0;
    for (const index of indices) {
      if (options.abort?.()) throw new GradientCheckInterrupted();
      const i = offset + index;
      const original = parameters[i];
      // The stored θ ± ε is rounded to the array's precision: divide by the step actually taken.
      parameters[i] = original + epsilon;
      const plus = parameters[i];
      network.forward(rows);
      const lossPlus = network.lossValue(rows);
      parameters[i] = original - epsilon;
      const minus = parameters[i];
      network.forward(rows);
      const lossMinus = network.lossValue(rows);
      parameters[i] = original;
      const numerical = (lossPlus - lossMinus) / (plus - minus);
      const error = relativeError(analytic[i], numerical);
      sum += error;
      if (error > max || worstIndex < 0 || Number.isNaN(error)) {
        max = Number.isNaN(error) ? Infinity : Math.max(max, error);
        worstIndex = index;
        worstAnalytic = analytic[i];
        worstNumerical = numerical;
      }
    }
    return { checked: indices.length, maxRelativeError: max, meanRelativeError: indices.length > 0 ? sum / indices.length : 0, worstIndex, worstAnalytic, worstNumerical };
  };

  let layers: LayerGradientCheck[];
  try {
    layers = network.layers.map((layer, l) => ({
      layer: l + 1,
      weights: checkRange(layer.weightOffset, layer.units * layer.inputs),
      bias: checkRange(layer.biasOffset, layer.units),
    }));
  } finally {
    // Leave the forward buffers and gradients describing the unperturbed parameters, interrupted or not.
    network.computeGradients(rows);
  }
  let max = 0;
  let sum = 0;
  let count = 0;
  for (const layer of layers) {
    for (const check of [layer.weights, layer.bias]) {
      max = Math.max(max, check.maxRelativeError);
      sum += check.meanRelativeError * check.checked;
      count += check.checked;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  const maxThreshold = options.threshold ?? defaults.maxRelativeError;
  const passed = max <= maxThreshold && mean <= Math.max(defaults.meanRelativeError, options.threshold ?? 0);
  return { precision, epsilon, rows, layers, maxRelativeError: max, meanRelativeError: mean, passed };
}

/** All of 0…count−1, or a seeded sample of `limit` distinct indices in increasing order. */
function pickIndices(count: number, limit: number | undefined, random: Random): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (limit === undefined || limit >= count) return all;
  // Partial Fisher–Yates: the first `limit` slots become a uniform sample without replacement.
  for (let i = 0; i < limit; i++) {
    const j = i + random.int(count - i);
    const held = all[i];
    all[i] = all[j];
    all[j] = held;
  }
  return all.slice(0, limit).sort((a, b) => a - b);
}
