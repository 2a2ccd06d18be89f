/**
 * How a unit of each activation can stop learning, the one source for the engine's statistics, the
 * diagnosis, the hover and the panel. "dead": the ReLU-like negative branch is flat or nearly so, and
 * a unit whose z ≤ 0 for every sample passes no gradient (the engine counts these as dead units).
 * "saturated": both tails are flat, |f′| → 0 (the engine counts activations with |f′| under 1 % of
 * its peak). "none": the engine counts neither — gelu's and softplus's negative side still has a
 * gradient, linear has none to lose, and softmax's Jacobian is not element-wise.
 */
import type { ActivationName } from './spec';

export type ActivationFailureMode = 'dead' | 'saturated' | 'none';

export const FAILURE_MODE: Readonly<Record<ActivationName, ActivationFailureMode>> = {
  linear: 'none',
  sigmoid: 'saturated',
  tanh: 'saturated',
  relu: 'dead',
  leaky_relu: 'dead',
  elu: 'dead',
  gelu: 'none',
  softplus: 'none',
  softmax: 'none',
};

/**
 * Whether f(z) ≥ 0 for every z (relu, sigmoid, softmax, softplus): the panel draws such
 * activations on a one-sided colour map, every other on a diverging one around 0.
 */
export const NON_NEGATIVE_OUTPUT: Readonly<Record<ActivationName, boolean>> = {
  linear: false,
  sigmoid: true,
  tanh: false,
  relu: true,
  leaky_relu: false,
  elu: false,
  gelu: false,
  softplus: true,
  softmax: true,
};
