/**
 * Activation functions f and their backward rules, side by side. Each works on a whole batch,
 * Z and A row-major [rows × cols], so the hot loop stays inside one function with no per-element
 * call. `backward` turns ∂L/∂A into ∂L/∂Z in place: G ← G ⊙ f′(Z) for element-wise f, and the full
 * Jacobian product for softmax (its Jacobian ∂oⱼ/∂zₖ = oⱼ(δⱼₖ − oₖ) is not diagonal). The same
 * f′ one element at a time is src/core/activationDerivatives.ts (the panel's); a unit test keeps
 * the two equal.
 */
import { SOFTPLUS_THRESHOLD, type ActivationParameters } from '../core/activationDerivatives';
import { erf, sigmoid } from '../core/special';
import type { ActivationName } from '../core/spec';
import type { FloatArray, Kernels } from './kernels/kernels';

export type { ActivationParameters };

export interface Activation {
  /** A = f(Z) over `count` = rows·cols values (softmax works row by row); tanh is a kernel. */
  forward(z: FloatArray, a: FloatArray, rows: number, cols: number, p: ActivationParameters, kernels: Kernels<FloatArray>): void;
  /** G ← ∂L/∂Z from G = ∂L/∂A, in place; Z and A are this layer's forward values. */
  backward(z: FloatArray, a: FloatArray, g: FloatArray, rows: number, cols: number, p: ActivationParameters, kernels: Kernels<FloatArray>): void;
}

const SQRT_HALF = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

export const ACTIVATION_FUNCTIONS: Record<ActivationName, Activation> = {
  linear: {
    forward(z, a, rows, cols) {
      if (a !== z) a.set(z.subarray(0, rows * cols));
    },
    backward() {
      // f′ = 1: ∂L/∂Z = ∂L/∂A.
    },
  },
  sigmoid: {
    forward(z, a, rows, cols) {
      for (let i = 0, n = rows * cols; i < n; i++) a[i] = sigmoid(z[i]);
    },
    backward(_z, a, g, rows, cols) {
      // σ′ = σ(1 − σ), read from A.
      for (let i = 0, n = rows * cols; i < n; i++) {
        const s = a[i];
        g[i] *= s * (1 - s);
      }
    },
  },
  tanh: {
    forward(z, a, rows, cols, _p, kernels) {
      kernels.tanh(z, a, rows * cols);
    },
    backward(_z, a, g, rows, cols, _p, kernels) {
      // tanh′ = 1 − tanh², read from A.
      kernels.tanhDerivative(a, g, rows * cols);
    },
  },
  relu: {
    forward(z, a, rows, cols) {
      for (let i = 0, n = rows * cols; i < n; i++) {
        const v = z[i];
        a[i] = v > 0 ? v : 0;
      }
    },
    backward(z, _a, g, rows, cols) {
      // f′(0) = 0, as PyTorch.
      for (let i = 0, n = rows * cols; i < n; i++) if (!(z[i] > 0)) g[i] = 0;
    },
  },
  leaky_relu: {
    forward(z, a, rows, cols, p) {
      const slope = p.negativeSlope;
      for (let i = 0, n = rows * cols; i < n; i++) {
        const v = z[i];
        a[i] = v > 0 ? v : v * slope;
      }
    },
    backward(z, _a, g, rows, cols, p) {
      const slope = p.negativeSlope;
      for (let i = 0, n = rows * cols; i < n; i++) if (!(z[i] > 0)) g[i] *= slope;
    },
  },
  elu: {
    forward(z, a, rows, cols, p) {
      const alpha = p.alpha;
      for (let i = 0, n = rows * cols; i < n; i++) {
        const v = z[i];
        a[i] = v > 0 ? v : alpha * Math.expm1(v);
      }
    },
    backward(z, _a, g, rows, cols, p) {
      // For z ≤ 0, f′ = α eᶻ (recomputed from Z: A = α(eᶻ − 1) rounded in f32 loses it).
      const alpha = p.alpha;
      for (let i = 0, n = rows * cols; i < n; i++) {
        const v = z[i];
        if (!(v > 0)) g[i] *= alpha * Math.exp(v);
      }
    },
  },
  gelu: {
    forward(z, a, rows, cols) {
      // Exact GELU, PyTorch's default: z Φ(z) with Φ(z) = (1 + erf(z/√2))/2.
      for (let i = 0, n = rows * cols; i < n; i++) {
        const v = z[i];
        a[i] = v * 0.5 * (1 + erf(v * SQRT_HALF));
      }
    },
    backward(z, _a, g, rows, cols) {
      // f′ = Φ(z) + z φ(z).
      for (let i = 0, n = rows * cols; i < n; i++) {
        const v = z[i];
        g[i] *= 0.5 * (1 + erf(v * SQRT_HALF)) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v);
      }
    },
  },
  softplus: {
    forward(z, a, rows, cols, p) {
      const beta = p.beta;
      for (let i = 0, n = rows * cols; i < n; i++) {
        const v = z[i];
        const bz = beta * v;
        a[i] = bz > SOFTPLUS_THRESHOLD ? v : Math.log1p(Math.exp(bz)) / beta;
      }
    },
    backward(z, _a, g, rows, cols, p) {
      // f′ = σ(βz), and 1 on PyTorch's linear branch.
      const beta = p.beta;
      for (let i = 0, n = rows * cols; i < n; i++) {
        const bz = beta * z[i];
        if (!(bz > SOFTPLUS_THRESHOLD)) g[i] *= sigmoid(bz);
      }
    },
  },
  softmax: {
    forward(z, a, rows, cols) {
      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        // Subtract the row maximum so exp never overflows.
        let max = -Infinity;
        for (let j = 0; j < cols; j++) if (z[base + j] > max) max = z[base + j];
        let sum = 0;
        for (let j = 0; j < cols; j++) {
          const e = Math.exp(z[base + j] - max);
          a[base + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j < cols; j++) a[base + j] *= inv;
      }
    },
    backward(_z, a, g, rows, cols) {
      // ∂L/∂zₖ = Σⱼ gⱼ oⱼ(δⱼₖ − oₖ) = oₖ (gₖ − Σⱼ gⱼ oⱼ): the whole Jacobian, one row at a time.
      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        let dot = 0;
        for (let j = 0; j < cols; j++) dot += g[base + j] * a[base + j];
        for (let j = 0; j < cols; j++) g[base + j] = a[base + j] * (g[base + j] - dot);
      }
    },
  },
};
