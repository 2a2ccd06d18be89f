/**
 * Central-difference gradient check (docs/notation.md, "Checking the gradients"): for each
 * checked parameter θᵢ, ĝᵢ = (L(θ + εeᵢ) − L(θ − εeᵢ)) / 2ε against the backward pass's gᵢ, with
 * relative error |g − ĝ| / max(1e-8, |g| + |ĝ|). Every perturbed parameter is restored to its exact
 * original bits, and nothing else of the training state (optimizer state, batch order, PRNG
 * streams) is touched; only scratch buffers (Z, A, Δ, ∂L/∂θ) are overwritten.
 */
import type { Precision } from '../core/spec';
import type { FloatArray } from './kernels/kernels';
import type { Network } from './network';
import { DEFAULT_THRESHOLDS, type GradientCheckReport, type LayerGradientCheck, type ParameterCheck } from '../core/gradientCheckReport';
import { Random } from '../core/random';

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
