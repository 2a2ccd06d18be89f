/**
 * How a unit of each activation can stop learning, the one source for the engine's statistics, the
 * diagnosis, the hover and the panel. "dead": the ReLU-like negative branch is flat or nearly so, and
 * a unit whose z ≤ 0 for every sample passes no gradient (the engine counts these as dead units).
 * "saturated": both tails are flat, |f′| → 0 (the engine counts activations with |f′| under 1 % of
 * its peak). "none": the engine counts neither — gelu's and softplus's negative side still has a
 * gradient, linear has none to lose, and softmax's Jacobian is not element-wise.
 */
import type { ActivationName, InitializerName } from './spec';

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
 * The `init` a layer gets when its file names none: the initializer that keeps the variance of the
 * layer's activations steady. He (Kaiming) for the ReLU-like activations, whose flat or damped
 * negative side passes about half the variance (gelu included, although its units do not die),
 * Xavier (Glorot) for the symmetric rest. Model defaults and the diagnosis's advice both read it.
 */
export const DEFAULT_INIT: Readonly<Record<ActivationName, InitializerName>> = {
  linear: 'xavier_uniform',
  sigmoid: 'xavier_uniform',
  tanh: 'xavier_uniform',
  relu: 'he_normal',
  leaky_relu: 'he_normal',
  elu: 'he_normal',
  gelu: 'he_normal',
  softplus: 'xavier_uniform',
  softmax: 'xavier_uniform',
};

/**
 * Whether every output a = f(z) is ≥ 0 whatever z is (relu, sigmoid, softmax, softplus): the panel
 * draws such activations with a sequential colour map, the others (which can be negative) with a
 * diverging one centred on 0.
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
