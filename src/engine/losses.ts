/**
 * Losses with PyTorch's mean reductions and the output error Δ⁽ᴸ⁾ = ∂L/∂Z⁽ᴸ⁾ they start the
 * backward pass with (docs/notation.md, "Losses and the output error δ⁽ᴸ⁾"). All arrays are
 * row-major [rows × cols]: rows = B samples, cols = n_L outputs.
 *
 * Fused pairs take the closed forms: softmax + cross-entropy gives
 * (O ⊙ τ − T)/B with τ_b = Σⱼ t_bj, sigmoid + binary cross-entropy gives (A − Y)/(B·n_L). Any other
 * pairing computes ∂L/∂A and chains it through the output activation's backward rule (the full
 * Jacobian for softmax), which for MSE is exactly 2(A − Y) ⊙ f′(Z)/(B·n_L).
 *
 * Per-sample error terms: every loss here is L = (1/B) Σ_b ℓ_b, where ℓ_b is the sample's own
 * loss (summed over classes for cross-entropy, averaged over the n_L outputs for BCE and MSE). So
 * the per-sample δ_b = ∂ℓ_b/∂z_b is B times row b of Δ, in every layer and for every loss.
 */
import type { ActivationName, LossName } from '../core/spec';
import type { FloatArray, Kernels } from './kernels/kernels';
import type { Activation, ActivationParameters } from './activations';

/** PyTorch's BCELoss clamps log at −100 so a saturated output gives a large finite loss, not ∞. */
export const LOG_CLAMP = -100;
/** PyTorch's BCELoss backward divides by max(a(1 − a), 1e-12). */
const BCE_GRADIENT_EPSILON = 1e-12;

export interface LossContext {
  /** Z⁽ᴸ⁾ and A⁽ᴸ⁾ = f_L(Z⁽ᴸ⁾), [rows × cols]. */
  readonly z: FloatArray;
  readonly a: FloatArray;
  /** Targets Y (or T), [rows × cols]. */
  readonly y: FloatArray;
  readonly rows: number;
  readonly cols: number;
  readonly activationName: ActivationName;
  readonly activation: Activation;
  readonly parameters: ActivationParameters;
  readonly kernels: Kernels<FloatArray>;
}

export interface Loss {
  /** The batch-mean loss L (a float64 number even for f32 networks). */
  value(c: LossContext): number;
  /** Writes Δ⁽ᴸ⁾ = ∂L/∂Z⁽ᴸ⁾ into `delta` [rows × cols]. */
  outputDelta(c: LossContext, delta: FloatArray): void;
}

/** The per-sample scale: δ_b = PER_SAMPLE_DELTA_SCALE(B) × row b of Δ (see the module comment). */
export function perSampleDeltaScale(rows: number): number {
  return rows;
}

function clampedLog(x: number): number {
  const l = Math.log(x);
  return l > LOG_CLAMP ? l : Number.isNaN(l) ? l : LOG_CLAMP;
}

/** log(1 + eˣ) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export const LOSS_FUNCTIONS: Record<LossName, Loss> = {
  cross_entropy: {
    value({ z, a, y, rows, cols, activationName }) {
      let total = 0;
      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        if (activationName === 'softmax') {
          // log oⱼ = zⱼ − logΣₖ e^{zₖ}, the log-sum-exp shifted by the row maximum.
          let max = -Infinity;
          for (let j = 0; j < cols; j++) if (z[base + j] > max) max = z[base + j];
          let sum = 0;
          for (let j = 0; j < cols; j++) sum += Math.exp(z[base + j] - max);
          const logSum = max + Math.log(sum);
          for (let j = 0; j < cols; j++) {
            const t = y[base + j];
            if (t !== 0) total -= t * (z[base + j] - logSum);
          }
        } else {
          // The output is taken as probabilities; log clamped as BCELoss does.
          for (let j = 0; j < cols; j++) {
            const t = y[base + j];
            if (t !== 0) total -= t * clampedLog(a[base + j]);
          }
        }
      }
      return total / rows;
    },
    outputDelta(c, delta) {
      const { a, y, rows, cols } = c;
      const invB = 1 / rows;
      if (c.activationName === 'softmax') {
        for (let r = 0; r < rows; r++) {
          const base = r * cols;
          let tau = 0;
          for (let j = 0; j < cols; j++) tau += y[base + j];
          for (let j = 0; j < cols; j++) delta[base + j] = (a[base + j] * tau - y[base + j]) * invB;
        }
        return;
      }
      // ∂L/∂a = −t/(B a); zero where the clamp is active (log a ≤ −100), as the clamp's derivative.
      for (let i = 0, n = rows * cols; i < n; i++) {
        const t = y[i];
        const v = a[i];
        delta[i] = t === 0 || !(Math.log(v) > LOG_CLAMP) ? 0 : (-t / v) * invB;
      }
      c.activation.backward(c.z, a, delta, rows, cols, c.parameters, c.kernels);
    },
  },
  binary_cross_entropy: {
    value({ z, a, y, rows, cols, activationName }) {
      let total = 0;
      const n = rows * cols;
      if (activationName === 'sigmoid') {
        // log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z): exact where σ(z) rounds to 0 or 1.
        for (let i = 0; i < n; i++) {
          const t = y[i];
          const v = z[i];
          const logA = Math.max(-softplus(-v), LOG_CLAMP);
          const logOneMinusA = Math.max(-softplus(v), LOG_CLAMP);
          total -= t * logA + (1 - t) * logOneMinusA;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const t = y[i];
          const v = a[i];
          total -= t * clampedLog(v) + (1 - t) * clampedLog(1 - v);
        }
      }
      return total / n;
    },
    outputDelta(c, delta) {
      const { a, y, rows, cols } = c;
      const n = rows * cols;
      const scale = 1 / n;
      if (c.activationName === 'sigmoid') {
        for (let i = 0; i < n; i++) delta[i] = (a[i] - y[i]) * scale;
        return;
      }
      for (let i = 0; i < n; i++) {
        const v = a[i];
        delta[i] = ((v - y[i]) / Math.max((1 - v) * v, BCE_GRADIENT_EPSILON)) * scale;
      }
      c.activation.backward(c.z, a, delta, rows, cols, c.parameters, c.kernels);
    },
  },
  mse: {
    value({ a, y, rows, cols }) {
      let total = 0;
      const n = rows * cols;
      for (let i = 0; i < n; i++) {
        const d = a[i] - y[i];
        total += d * d;
      }
      return total / n;
    },
    outputDelta(c, delta) {
      const { a, y, rows, cols } = c;
      const n = rows * cols;
      const scale = 2 / n;
      for (let i = 0; i < n; i++) delta[i] = (a[i] - y[i]) * scale;
      c.activation.backward(c.z, a, delta, rows, cols, c.parameters, c.kernels);
    },
  },
};
