/**
 * How many floats a network's training buffers take, computed from the spec alone: the engine
 * allocates exactly this (network.ts, one arena), and model validation uses it to refuse a model
 * whose memory would exceed the budget before anything is allocated.
 */
import { parameterCount as layerParameters } from './shapes';
import type { LayerSpec, TrainingSpec } from './spec';

/** Floats of optimizer state for P parameters under this training spec. */
export function optimizerStateLength(training: Pick<TrainingSpec, 'optimizer' | 'momentum'>, parameterCount: number): number {
  if (training.optimizer === 'adam') return 2 * parameterCount;
  return training.momentum !== 0 ? parameterCount : 0;
}

export interface ArenaSize {
  /** P: weights and biases. */
  readonly parameterCount: number;
  /** θ, ∂L/∂θ and the optimizer state. */
  readonly parameterFloats: number;
  /** X and Y of a batch, and Z, A (a linear layer's A is its Z) and Δ of every layer, for `maxRows` rows. */
  readonly batchFloats: number;
  readonly total: number;
}

export function arenaSize(spec: { readonly input: number; readonly layers: readonly Pick<LayerSpec, 'units' | 'activation'>[];
  readonly training: Pick<TrainingSpec, 'optimizer' | 'momentum'> }, maxRows: number): ArenaSize {
  const widths = [spec.input, ...spec.layers.map((l) => l.units)];
  let parameterCount = 0;
  for (let l = 1; l < widths.length; l++) parameterCount += layerParameters(widths[l], widths[l - 1]);
  const activationFloats = spec.layers.reduce((sum, l) => sum + maxRows * l.units * (l.activation === 'linear' ? 2 : 3), 0);
  const parameterFloats = 2 * parameterCount + optimizerStateLength(spec.training, parameterCount);
  const batchFloats = maxRows * (spec.input + widths[widths.length - 1]) + activationFloats;
  return { parameterCount, parameterFloats, batchFloats, total: parameterFloats + batchFloats };
}
