// The parts of a training step that a pause cannot cut short (the step polls the interrupt flag
// between layers, not inside these): the optimizer's update of every parameter, and, on an epoch's
// last step, the forward pass over the validation split. Timed in-process on the engine's kernels,
// so README can state pause latency with these included.
import { createOptimizer, createTrainer } from '../src/engine';
import { createKernels } from '../src/engine/kernels/select';
import { median } from './stats';
import type { SharedData } from './workloads';

export interface Uninterruptible {
  readonly parameters: number;
  /** Median time of one update of all parameters (the bench's plain SGD). */
  readonly updateMs: number;
  /** Median time of the validation pass, scaled to 1 000 validation samples. */
  readonly validationMsPer1000: number;
}

function timeMedian(repeats: number, run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function measureUninterruptible(data: SharedData, repeats: number): Uninterruptible {
  // Half the rows held out, so the validation pass has a split to run over.
  const training = { ...data.spec.training, validationSplit: 0.5 };
  const trainer = createTrainer({ ...data.spec, training }, data.dataset, { kernels: createKernels('f32') });
  const { network } = trainer;
  const optimizer = createOptimizer(training, network.kernels);
  const update = { params: network.parameters, grads: network.gradients, state: network.optimizerState, count: network.parameterCount, learningRate: training.learningRate, t: 1 };
  trainer.evaluate('validation'); // warm-up
  const validationMs = timeMedian(repeats, () => trainer.evaluate('validation'));
  return {
    parameters: network.parameterCount,
    updateMs: timeMedian(repeats, () => optimizer.step(update)),
    validationMsPer1000: (1000 * validationMs) / trainer.validationIndices.length,
  };
}
