/**
 * Vanishing and exploding gradients judged from one snapshot's per-layer ‖∂L/∂W⁽ˡ⁾‖, relative to
 * the other layers of the same network (absolute norms depend on the loss scale; ratios do not).
 * Backprop carries δ from the output down to layer 1, so both failures show as a trend downward:
 * a layer vanishes when it is far below a layer above it, and explodes when it is far above one.
 * Comparing only with later layers keeps the healthy top of a vanishing net from being called
 * "exploding" (with reciprocal thresholds, any pair that is one is also the other).
 */
import type { LayerStats } from '../../protocol/snapshot';

export interface GradientThresholds {
  /** A layer is vanishing below this fraction of the largest later layer's norm (default 1e-4). */
  readonly vanishingRatio: number;
  /** A layer is exploding above this multiple of the smallest later layer's norm (default 1e4). */
  readonly explodingRatio: number;
}

export const DEFAULT_THRESHOLDS: GradientThresholds = { vanishingRatio: 1e-4, explodingRatio: 1e4 };

export type GradientHealth =
  | { readonly kind: 'ok' }
  | { readonly kind: 'non-finite' }
  | { readonly kind: 'vanishing' | 'exploding'; readonly ratio: number; readonly reference: number };

/**
 * The health of layer `index` (0-based) among `layers`. `reference` is the 1-based layer compared
 * with; `ratio` is this layer's norm over the reference's.
 */
export function gradientHealth(layers: readonly Pick<LayerStats, 'gradientNorm'>[], index: number, thresholds: GradientThresholds): GradientHealth {
  const norm = layers[index]?.gradientNorm;
  if (norm === undefined) return { kind: 'ok' };
  if (!Number.isFinite(norm)) return { kind: 'non-finite' };
  const later = layers.map((layer, at) => ({ norm: layer.gradientNorm, at })).filter((entry) => entry.at > index && Number.isFinite(entry.norm));
  if (later.length === 0) return { kind: 'ok' };
  const largest = later.reduce((best, entry) => (entry.norm > best.norm ? entry : best));
  if (norm < thresholds.vanishingRatio * largest.norm) {
    return { kind: 'vanishing', ratio: norm / largest.norm, reference: largest.at + 1 };
  }
  // A zero norm (all units dead) is no yardstick for "exploding": compare with the smallest positive one.
  const positive = later.filter((entry) => entry.norm > 0);
  if (positive.length === 0) return { kind: 'ok' };
  const smallest = positive.reduce((best, entry) => (entry.norm < best.norm ? entry : best));
  if (norm > thresholds.explodingRatio * smallest.norm) {
    return { kind: 'exploding', ratio: norm / smallest.norm, reference: smallest.at + 1 };
  }
  return { kind: 'ok' };
}
