/**
 * Default values of every optional key, in one place (a layer's default `init` is an activation
 * fact: DEFAULT_INIT in core/activationFacts.ts). schema/nn.schema.json documents the same
 * values (a unit test compares them), so hover docs and behaviour agree.
 */
import type {
  ActivationName, BundledSourceName, LossName, NormalizeMode, OptimizerName,
  SyntheticSourceName,
} from '../core/spec';

export const DEFAULT_MODEL_NAME = 'Untitled model';

/** Hidden layers default to ReLU; the output layer's default follows the loss (see outputActivationFor). */
export const DEFAULT_HIDDEN_ACTIVATION: ActivationName = 'relu';

/** The output activation each loss expects (cross-entropy ↔ softmax, BCE ↔ sigmoid, MSE ↔ identity). */
export function outputActivationFor(loss: LossName): ActivationName {
  switch (loss) {
    case 'cross_entropy': return 'softmax';
    case 'binary_cross_entropy': return 'sigmoid';
    case 'mse': return 'linear';
  }
}

/** The loss implied by an explicit output activation, used when `loss` is omitted. */
export function lossForOutputActivation(activation: ActivationName): LossName {
  if (activation === 'softmax') return 'cross_entropy';
  if (activation === 'sigmoid') return 'binary_cross_entropy';
  return 'mse';
}

/**
 * The loss when neither `loss` nor the output activation is written: what the data calls for.
 * Two-class sources get binary cross-entropy (one sigmoid unit), k-class sources cross-entropy,
 * sine and CSV files (whose target may be any number) mean squared error.
 */
export function defaultLossForSource(source: string): LossName {
  switch (source) {
    case 'xor': case 'circles': case 'moons': case 'checkerboard': return 'binary_cross_entropy';
    case 'sine': case 'csv': return 'mse';
    default: return 'cross_entropy';
  }
}

export const LAYER_DEFAULTS = {
  /** Half-width of `uniform` init, U(−0.05, 0.05) (Keras' RandomUniform default). */
  initRange: 0.05,
  /** PyTorch's LeakyReLU default. */
  negativeSlope: 0.01,
  /** PyTorch's ELU default. */
  alpha: 1,
  /** PyTorch's Softplus default. */
  beta: 1,
} as const;

export const DEFAULT_OPTIMIZER: OptimizerName = 'adam';

/** PyTorch's Adam default is 1e-3; PyTorch's SGD has none, so Keras' 0.01 is used. */
export function defaultLearningRate(optimizer: OptimizerName): number {
  return optimizer === 'adam' ? 0.001 : 0.01;
}

export const TRAINING_DEFAULTS = {
  momentum: 0,
  nesterov: false,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 0,
  batchSize: 32,
  epochs: 100,
  seed: 42,
  precision: 'f32',
  validationSplit: 0.2,
  shuffle: true,
} as const;

export const SYNTHETIC_DEFAULTS = {
  samples: 400,
  /** Standard deviation of the Gaussian noise added to each coordinate (sine: to y). */
  noise: 0.1,
} as const;

/** Sources with a fixed class count; `classes` may only repeat it. sine is regression (1 output value). */
export const FIXED_CLASS_COUNT: Partial<Record<SyntheticSourceName, number>> = {
  xor: 2, circles: 2, moons: 2, checkerboard: 2, sine: 1,
};
/** Class count of spirals and gaussians when `classes` is omitted. */
export const DEFAULT_CLASSES = 3;
/** Most classes a spirals or gaussians set may have (beyond this the 2-D plot is unreadable). */
export const MAX_SYNTHETIC_CLASSES = 10;
/** Fewest samples a synthetic set may have: enough for one per class and a validation split. */
export const MIN_SYNTHETIC_SAMPLES = 10;

/**
 * Normalization when `normalize` is omitted: pixel sources are scaled to [0, 1] (minmax), tabular
 * ones standardized to zero mean and unit variance.
 */
export function defaultNormalize(source: 'csv' | 'idx' | BundledSourceName): NormalizeMode {
  return source === 'idx' || source === 'digits' ? 'minmax' : 'standard';
}

/** Input width of sources that determine it without loading anything. */
export function knownInputWidth(source: string): number | undefined {
  switch (source) {
    case 'sine': return 1;
    case 'xor': case 'circles': case 'moons': case 'spirals': case 'gaussians': case 'checkerboard': return 2;
    case 'iris': return 4;
    case 'digits': return 64;
    default: return undefined;
  }
}
