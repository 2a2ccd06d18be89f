/**
 * What a central-difference gradient check reports, and the thresholds it passes on: plain facts
 * shared by the engine that runs the check, the worker and host that carry it, and the panel that
 * shows it. The method itself is in the engine (engine/gradientCheck.ts).
 */
import type { Precision } from './spec';

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
