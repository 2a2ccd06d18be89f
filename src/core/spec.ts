/**
 * The normalized model specification: what a `*.nn.json` file means once parsed, defaulted and
 * validated. The engine, the worker, the CLI and the panel consume only this shape; source
 * positions live beside it in the parser's output, not in here.
 */

/** Activation functions; `softmax` is valid on the output layer only. */
export const ACTIVATIONS = [
  'linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'gelu', 'softplus', 'softmax',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/** Losses with PyTorch's mean reductions (see docs/notation.md). */
export const LOSSES = ['mse', 'binary_cross_entropy', 'cross_entropy'] as const;
export type LossName = (typeof LOSSES)[number];

export const OPTIMIZERS = ['sgd', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const INITIALIZERS = [
  'xavier_uniform', 'xavier_normal', 'he_uniform', 'he_normal', 'zeros', 'uniform',
] as const;
export type InitializerName = (typeof INITIALIZERS)[number];

export const PRECISIONS = ['f32', 'f64'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** One dense layer: Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + 𝟙 b⁽ˡ⁾ᵀ, A⁽ˡ⁾ = f(Z⁽ˡ⁾). */
export interface LayerSpec {
  readonly type: 'dense';
  /** n_l, the number of units (rows of W⁽ˡ⁾). */
  readonly units: number;
  readonly activation: ActivationName;
  /** Weight initializer; biases start at zero. */
  readonly init: InitializerName;
  /** Half-width r of `uniform` initialization, U(−r, r). Ignored by other initializers. */
  readonly initRange: number;
  /** Slope for negative inputs of `leaky_relu` (PyTorch default 0.01). */
  readonly negativeSlope: number;
  /** α of `elu` (PyTorch default 1). */
  readonly alpha: number;
  /** β of `softplus` (PyTorch default 1): softplus(x) = log(1 + e^{βx}) / β. */
  readonly beta: number;
}

export interface TrainingSpec {
  readonly optimizer: OptimizerName;
  /** η, a finite positive number. */
  readonly learningRate: number;
  /** SGD momentum μ (0 disables it). */
  readonly momentum: number;
  /** Nesterov momentum for SGD (needs momentum > 0). */
  readonly nesterov: boolean;
  /** Adam's β₁, β₂, ε (PyTorch defaults 0.9, 0.999, 1e-8). */
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** L2 weight decay λ: λθ is added to every parameter's gradient, as PyTorch's `weight_decay` does. */
  readonly weightDecay: number;
  readonly batchSize: number;
  readonly epochs: number;
  /** Seed of the PRNG that owns every random draw of a run. */
  readonly seed: number;
  readonly precision: Precision;
  /** Fraction of samples held out for validation, in [0, 0.9]. */
  readonly validationSplit: number;
  /** Reshuffle the training samples every epoch (seeded). */
  readonly shuffle: boolean;
}

export const SYNTHETIC_SOURCES = [
  'xor', 'circles', 'moons', 'spirals', 'gaussians', 'sine', 'checkerboard',
] as const;
export type SyntheticSourceName = (typeof SYNTHETIC_SOURCES)[number];

export const BUNDLED_SOURCES = ['iris', 'digits'] as const;
export type BundledSourceName = (typeof BUNDLED_SOURCES)[number];

export type NormalizeMode = 'none' | 'standard' | 'minmax';

export interface SyntheticDataSpec {
  readonly source: SyntheticSourceName;
  readonly samples: number;
  readonly noise: number;
  readonly classes: number;
  /** Seed of the data generator; defaults to the training seed. */
  readonly seed: number;
}
export interface CsvDataSpec {
  readonly source: 'csv';
  /** Path relative to the model file. */
  readonly path: string;
  /** Name of the target column. */
  readonly target: string;
  /** Feature columns by name; all columns but the target when absent. */
  readonly features?: readonly string[];
  readonly normalize: NormalizeMode;
}
export interface IdxDataSpec {
  readonly source: 'idx';
  /** IDX image file (raw or gzip), relative to the model file. */
  readonly images: string;
  /** IDX label file (raw or gzip), relative to the model file. */
  readonly labels: string;
  /** Use at most this many samples (the first ones). */
  readonly limit?: number;
  readonly normalize: NormalizeMode;
}
export interface BundledDataSpec {
  readonly source: BundledSourceName;
  readonly normalize: NormalizeMode;
}
export type DataSpec = SyntheticDataSpec | CsvDataSpec | IdxDataSpec | BundledDataSpec;

export interface ModelSpec {
  readonly name: string;
  /** n_0, the input width. */
  readonly input: number;
  readonly layers: readonly LayerSpec[];
  readonly loss: LossName;
  readonly data: DataSpec;
  readonly training: TrainingSpec;
}
