/**
 * Optimizers over the flat parameter vector θ (every W⁽ˡ⁾ and b⁽ˡ⁾, contiguous in the network's
 * arena) and its gradient g, in PyTorch's formulation (torch.optim.SGD / Adam, 1.13), so one
 * loop updates the whole network. Weight decay adds λθ to the gradient of every parameter first.
 */
import type { TrainingSpec } from '../model/spec';
import type { FloatArray } from './kernels/kernels';

export interface Optimizer {
  /** Floats of state per parameter (momentum buffer, Adam moments). */
  readonly stateLength: number;
  /** θ ← update(θ, g), t = 1 for the first step; `state` holds stateLength·P floats, zero at t = 1. */
  step(params: FloatArray, grads: FloatArray, state: FloatArray, count: number, learningRate: number, t: number): void;
}

/** Floats of optimizer state for P parameters under this training spec. */
export function optimizerStateLength(training: TrainingSpec, parameterCount: number): number {
  if (training.optimizer === 'adam') return 2 * parameterCount;
  return training.momentum !== 0 ? parameterCount : 0;
}

/**
 * torch.optim.SGD (dampening 0): g ← g + λθ; with momentum μ: buf ← g at t = 1, else
 * buf ← μ·buf + g; the step direction is g + μ·buf (Nesterov) or buf; θ ← θ − η·direction.
 */
export function createSgd(training: TrainingSpec): Optimizer {
  const { momentum, nesterov, weightDecay } = training;
  return {
    stateLength: momentum !== 0 ? 1 : 0,
    step(params, grads, state, count, learningRate, t) {
      if (momentum === 0) {
        for (let i = 0; i < count; i++) params[i] -= learningRate * (grads[i] + weightDecay * params[i]);
        return;
      }
      for (let i = 0; i < count; i++) {
        const g = grads[i] + weightDecay * params[i];
        const buffer = t === 1 ? g : momentum * state[i] + g;
        state[i] = buffer;
        params[i] -= learningRate * (nesterov ? g + momentum * buffer : buffer);
      }
    },
  };
}

/**
 * torch.optim.Adam (amsgrad off): g ← g + λθ; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
 * θ ← θ − (η/(1 − β₁ᵗ)) · m / (√v/√(1 − β₂ᵗ) + ε). State: m at [0, P), v at [P, 2P).
 */
export function createAdam(training: TrainingSpec): Optimizer {
  const { beta1, beta2, epsilon, weightDecay } = training;
  return {
    stateLength: 2,
    step(params, grads, state, count, learningRate, t) {
      const biasCorrection1 = 1 - beta1 ** t;
      const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
      const stepSize = learningRate / biasCorrection1;
      for (let i = 0; i < count; i++) {
        const g = grads[i] + weightDecay * params[i];
        const m = beta1 * state[i] + (1 - beta1) * g;
        const v = beta2 * state[count + i] + (1 - beta2) * g * g;
        state[i] = m;
        state[count + i] = v;
        params[i] -= (stepSize * m) / (Math.sqrt(v) / biasCorrection2Sqrt + epsilon);
      }
    },
  };
}

export function createOptimizer(training: TrainingSpec): Optimizer {
  return training.optimizer === 'adam' ? createAdam(training) : createSgd(training);
}
