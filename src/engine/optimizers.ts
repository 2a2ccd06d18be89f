/**
 * Optimizers over the flat parameter vector θ (every W⁽ˡ⁾ and b⁽ˡ⁾, contiguous in the network's
 * arena) and its gradient g, in PyTorch's formulation (torch.optim.SGD / Adam, 1.13). The
 * element loops are kernels (`Kernels.sgdUpdate`/`adamUpdate`: WebAssembly SIMD on f32, with
 * the TypeScript reference bit for bit), so one call updates the whole network; a step that
 * reports statistics updates layer by layer and gets each layer's ‖ΔW‖² from the same pass.
 */
import type { TrainingSpec } from '../core/spec';
import type { FloatArray, Kernels } from './kernels/kernels';
import { createJsKernels } from './kernels/jsKernels';

/** One update of θ at step t (t = 1 first); `state` holds stateLength·P floats, zero at t = 1. */
export interface OptimizerStep<T extends FloatArray> {
  readonly params: T;
  readonly grads: T;
  readonly state: T;
  /** P, all parameters (the state's layout depends on it). */
  readonly count: number;
  readonly learningRate: number;
  readonly t: number;
}

export interface Optimizer<T extends FloatArray> {
  /** Floats of state per parameter (momentum buffer, Adam moments). */
  readonly stateLength: number;
  /**
   * θ ← update(θ, g) over [start, end) (default: all of θ). Returns Σ(θ_new − θ_old)² over that
   * range when `measure`, else 0.
   */
  step(step: OptimizerStep<T>, start?: number, end?: number, measure?: boolean): number;
}


/** `array` from `offset` on: itself for 0, so a whole-network step creates no views. */
function from<T extends FloatArray>(array: T, offset: number): T {
  return offset === 0 ? array : array.subarray(offset) as T;
}

/** The reference kernels serve any array type: the default for optimizers used on plain arrays. */
const referenceKernels = createJsKernels('f64') as unknown as Kernels<FloatArray>;

/**
 * torch.optim.SGD (dampening 0): g ← g + λθ; with momentum μ: buf ← g at t = 1, else
 * buf ← μ·buf + g; the step direction is g + μ·buf (Nesterov) or buf; θ ← θ − η·direction.
 */
export function createSgd<T extends FloatArray>(training: TrainingSpec, kernels: Kernels<T> = referenceKernels as unknown as Kernels<T>): Optimizer<T> {
  const { momentum, nesterov, weightDecay } = training;
  return {
    stateLength: momentum !== 0 ? 1 : 0,
    step({ params, grads, state, count, learningRate, t }, start = 0, end = count, measure = false) {
      const rule = { learningRate, momentum, nesterov, weightDecay, first: t === 1 };
      const buffer = momentum !== 0 ? from(state, start) : undefined;
      return kernels.sgdUpdate(from(params, start), from(grads, start), buffer, end - start, rule, measure);
    },
  };
}

/**
 * torch.optim.Adam (amsgrad off): g ← g + λθ; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
 * θ ← θ − (η/(1 − β₁ᵗ)) · m / (√v/√(1 − β₂ᵗ) + ε). State: m at [0, P), v at [P, 2P).
 */
export function createAdam<T extends FloatArray>(training: TrainingSpec, kernels: Kernels<T> = referenceKernels as unknown as Kernels<T>): Optimizer<T> {
  const { beta1, beta2, epsilon, weightDecay } = training;
  // The second moments' view, made once per state array rather than on every step.
  let secondMoments: { state: T; v: T } | undefined;
  return {
    stateLength: 2,
    step({ params, grads, state, count, learningRate, t }, start = 0, end = count, measure = false) {
      const rule = { stepSize: learningRate / (1 - beta1 ** t), correction2: Math.sqrt(1 - beta2 ** t), beta1, beta2, epsilon, weightDecay };
      if (secondMoments?.state !== state) secondMoments = { state, v: state.subarray(count) as T };
      const v = from(secondMoments.v, start);
      return kernels.adamUpdate(from(params, start), from(grads, start), from(state, start), v, end - start, rule, measure);
    },
  };
}

export function createOptimizer<T extends FloatArray>(training: TrainingSpec, kernels?: Kernels<T>): Optimizer<T> {
  return training.optimizer === 'adam' ? createAdam(training, kernels) : createSgd(training, kernels);
}
