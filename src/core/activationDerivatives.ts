/**
 * f′(z) of each element-wise activation, one element at a time: the one statement of "the slope
 * of each activation" outside the engine's batched loops (docs/notation.md, the backward rules).
 * The panel's equations show f′(z⁽ˡ⁾) of the selected sample from this module.
 *
 * Why a module here rather than f′ streamed by the worker: the panel needs f′ of one sample's n_l
 * units, a few lines of arithmetic on z and a it already has, whereas streaming would copy one more
 * B × n_l tensor per layer per snapshot through the host to the panel, and put engine code (with
 * its kernels) into the webview's bundle otherwise. The engine keeps its own batched loops (no call
 * per element in its hot path); test/unit/engine/activationDerivatives.test.ts holds the two to
 * the same values over a grid of z for every activation and its parameters, so they cannot drift.
 */
import { erf, sigmoid } from './special';
import type { ActivationName, LayerSpec } from './spec';

/** The activation parameters of a layer (leaky_relu's slope, elu's α, softplus's β). */
export type ActivationParameters = Pick<LayerSpec, 'negativeSlope' | 'alpha' | 'beta'>;

/** Activations whose Jacobian is diagonal; softmax's is not, so it has no per-element f′. */
export type ElementwiseActivation = Exclude<ActivationName, 'softmax'>;

/** PyTorch's softplus switches to the identity where βz exceeds this threshold (and so do we). */
export const SOFTPLUS_THRESHOLD = 20;

const SQRT_HALF = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * f′ at one element, from its pre-activation z and activation a = f(z) (sigmoid and tanh read
 * their slope from a, as the engine does, so a rounded a gives the engine's rounded slope).
 */
export function activationDerivative(activation: ElementwiseActivation, z: number, a: number, p: ActivationParameters): number {
  switch (activation) {
    case 'linear':
      return 1;
    case 'sigmoid':
      return a * (1 - a);
    case 'tanh':
      return 1 - a * a;
    case 'relu':
      // f′(0) = 0, as PyTorch.
      return z > 0 ? 1 : 0;
    case 'leaky_relu':
      return z > 0 ? 1 : p.negativeSlope;
    case 'elu':
      // α eᶻ from z: a = α(eᶻ − 1) rounded in f32 would lose it.
      return z > 0 ? 1 : p.alpha * Math.exp(z);
    case 'gelu':
      // Φ(z) + z φ(z).
      return 0.5 * (1 + erf(z * SQRT_HALF)) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    case 'softplus':
      // σ(βz), and 1 on PyTorch's linear branch.
      return p.beta * z > SOFTPLUS_THRESHOLD ? 1 : sigmoid(p.beta * z);
  }
}
