/**
 * Per-layer statistics of one training step (src/core/snapshot.ts: LayerStats) and the scan
 * for the first non-finite value. Both read the network's buffers after the backward pass and
 * before the update (W is "as used in this step"); the update ratio is filled in after the update.
 * Computed only when a step asks, because they touch every activation and gradient.
 */
import { FAILURE_MODE } from '../core/activationFacts';
import type { LayerStats, NonFiniteReport, QuantityName, ValueSummary } from '../core/snapshot';
import { MOMENTS_LENGTH, type FloatArray, type Kernels } from './kernels/kernels';
import type { LayerBuffers, Network } from './network';

/** Fraction of the peak |f′| under which a sigmoid/tanh unit counts as saturated. */
export const SATURATION_THRESHOLD = 0.01;

/** Euclidean (Frobenius) norm of the first `count` values, scaled to avoid overflow. */
export function norm(values: FloatArray, count: number): number {
  let scale = 0;
  for (let i = 0; i < count; i++) {
    const v = Math.abs(values[i]);
    if (v > scale) scale = v;
  }
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i] / scale;
    sum += v * v;
  }
  return scale * Math.sqrt(sum);
}

/**
 * Units of a ReLU-family layer that never fire on the batch: A = 0 for every row (relu), or Z ≤ 0
 * for every row (leaky_relu, elu: only the negative branch is in use).
 */
function deadFraction<T extends FloatArray>(layer: LayerBuffers<T>, rows: number): number {
  if (FAILURE_MODE[layer.spec.activation] !== 'dead' || rows === 0) return 0;
  const { units, z } = layer;
  let dead = 0;
  for (let j = 0; j < units; j++) {
    let fired = false;
    for (let r = 0; r < rows && !fired; r++) fired = z[r * units + j] > 0;
    if (!fired) dead++;
  }
  return dead / units;
}

/** Activations whose |f′| is below 1% of its peak: σ′ = a(1 − a) < 0.01·¼, tanh′ = 1 − a² < 0.01. */
function saturatedFraction<T extends FloatArray>(layer: LayerBuffers<T>, rows: number): number {
  if (FAILURE_MODE[layer.spec.activation] !== 'saturated' || rows === 0) return 0;
  const count = rows * layer.units;
  const { a } = layer;
  let saturated = 0;
  if (layer.spec.activation === 'sigmoid') {
    const limit = SATURATION_THRESHOLD * 0.25;
    for (let i = 0; i < count; i++) if (a[i] * (1 - a[i]) < limit) saturated++;
  } else {
    for (let i = 0; i < count; i++) if (1 - a[i] * a[i] < SATURATION_THRESHOLD) saturated++;
  }
  return saturated / count;
}

/** One pass over a tensor: shifted sums (for a stable variance), min, max and whether all are finite. */
interface Scan {
  readonly summary: ValueSummary;
  /** ‖values‖₂. */
  readonly norm: number;
  /** False when any value is NaN or ±Inf (a non-finite sum proves it; a finite one rules it out). */
  readonly finite: boolean;
}

/** Results of `Kernels.moments`, reused by every scan (the statistics run on one thread). */
const momentsOut = new Float64Array(MOMENTS_LENGTH);

/** The kernels' one pass (WebAssembly SIMD on f32) turned into summary, norm and finiteness. */
function scan<T extends FloatArray>(kernels: Kernels<T>, values: T, count: number): Scan {
  if (count === 0) return { summary: { mean: 0, std: 0, min: 0, max: 0 }, norm: 0, finite: true };
  kernels.moments(values, count, momentsOut);
  const sum = momentsOut[0];
  // Shifting by the first value keeps Σ(v − s)² accurate when |mean| ≫ std.
  const shiftedSquares = momentsOut[1];
  const squares = momentsOut[2];
  const shift = values[0];
  const finite = Number.isFinite(sum) && Number.isFinite(shiftedSquares);
  const mean = sum / count;
  const meanShift = mean - shift;
  const variance = Math.max(0, shiftedSquares / count - meanShift * meanShift);
  // Σv² overflows only for |v| ≳ 1e154 (f64 parameters); the scaled norm handles that rare case.
  const l2 = Number.isFinite(squares) ? Math.sqrt(squares) : norm(values, count);
  return { summary: { mean, std: Math.sqrt(variance), min: momentsOut[3], max: momentsOut[4] }, norm: l2, finite };
}

/**
 * Statistics of every layer after the backward pass on `rows` rows; updateRatio is 0 until set.
 * `finite`: W, ∂L/∂W, Δ and A of every layer are finite (their sums prove it), so the scan for the
 * first non-finite value can skip them.
 * One fused pass per tensor (`Kernels.moments`/`sumOfSquares`, WebAssembly SIMD on f32): with
 * 1024 × 1024 weights, separate passes for norms, summaries and the non-finite scan cost more than
 * the step's matrix products, and on a 784-256-128-10 net (batch 64) the plain JS loops took
 * ~1.3 ms per snapshot (the SIMD reductions ~0.35 ms, statistics, non-finite scan, θ copy and
 * update ratios together).
 */
export function layerStatistics<T extends FloatArray>(network: Network<T>, rows: number): { stats: LayerStats[]; finite: boolean } {
  let finite = true;
  const { kernels } = network;
  const stats = network.layers.map((layer) => {
    const weightCount = layer.units * layer.inputs;
    const batchCount = rows * layer.units;
    // W reports only its norm, so it needs Σv² alone (a finite one proves W finite).
    const weightSquares = kernels.sumOfSquares(layer.weights, weightCount);
    const weights = { norm: Number.isFinite(weightSquares) ? Math.sqrt(weightSquares) : norm(layer.weights, weightCount), finite: Number.isFinite(weightSquares) };
    const gradient = scan(kernels, layer.weightGradient, weightCount);
    const delta = scan(kernels, layer.delta, batchCount);
    const activation = scan(kernels, layer.a, batchCount);
    finite &&= weights.finite && gradient.finite && delta.finite && activation.finite;
    return {
      weightNorm: weights.norm,
      gradientNorm: gradient.norm,
      deltaNorm: delta.norm,
      activation: activation.summary,
      delta: delta.summary,
      weightGradient: gradient.summary,
      deadFraction: deadFraction(layer, rows),
      saturatedFraction: saturatedFraction(layer, rows),
      updateRatio: 0,
    };
  });
  return { stats, finite };
}

/** ‖W_after − W_before‖/‖W_before‖ per layer, from each layer's ‖ΔW‖² the optimizer measured. */
export function updateRatios(stats: readonly LayerStats[], weightChangeSquares: readonly number[]): LayerStats[] {
  return stats.map((s, l) => {
    const change = Math.sqrt(weightChangeSquares[l]);
    return { ...s, updateRatio: s.weightNorm > 0 ? change / s.weightNorm : change > 0 ? Infinity : 0 };
  });
}

function firstNonFinite<T extends FloatArray>(kernels: Kernels<T>, values: T, count: number): number {
  if (count === 0) return -1;
  // A finite sum proves every value finite (NaN and ±Inf all poison a sum), so the common,
  // healthy case costs one kernel pass (SIMD on f32) and no per-element branch.
  kernels.moments(values, count, momentsOut);
  if (Number.isFinite(momentsOut[0])) return -1;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    // v − v is 0 for finite v and NaN for ±Inf and NaN: one comparison per element.
    if (v - v !== 0) return i;
  }
  return -1;
}

/**
 * The first non-finite value in computation order: for l = 1…L its W, b, Z, A; then the loss
 * (layer 0); then for l = L…1 its Δ, ∂L/∂W, ∂L/∂b. So a poisoned weight is reported where it
 * sits, not where it spread to. `provenFinite` skips quantities a statistics pass already proved
 * finite in every layer (W, a, delta, dW), which are the large ones.
 */
export function findNonFinite<T extends FloatArray>(network: Network<T>, rows: number, loss: number, provenFinite: readonly QuantityName[] = []): NonFiniteReport | undefined {
  const { layers, kernels } = network;
  const check = (layer: number, quantity: QuantityName, values: T, count: number): NonFiniteReport | undefined => {
    if (provenFinite.includes(quantity)) return undefined;
    const index = firstNonFinite(kernels, values, count);
    return index < 0 ? undefined : { layer, quantity, index, value: values[index] };
  };
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const found =
      check(l + 1, 'W', layer.weights, layer.units * layer.inputs) ??
      check(l + 1, 'b', layer.bias, layer.units) ??
      check(l + 1, 'z', layer.z, rows * layer.units) ??
      check(l + 1, 'a', layer.a, rows * layer.units);
    if (found) return found;
  }
  if (!Number.isFinite(loss)) return { layer: 0, quantity: 'loss', index: 0, value: loss };
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l];
    const found =
      check(l + 1, 'delta', layer.delta, rows * layer.units) ??
      check(l + 1, 'dW', layer.weightGradient, layer.units * layer.inputs) ??
      check(l + 1, 'db', layer.biasGradient, layer.units);
    if (found) return found;
  }
  return undefined;
}
