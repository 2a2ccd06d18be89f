// Shared builders for the engine tests, and an independent per-sample reference of the forward
// pass and losses written straight from docs/notation.md (plain numbers, no engine code
// except the separately tested erf).
import type { ActivationName, LayerSpec, LossName, ModelSpec, TrainingSpec } from '../../../src/core/spec';
import type { Dataset, TaskKind } from '../../../src/core/dataset';
import { erf } from '../../../src/core/special';
import { Random } from '../../../src/core/random';

export function layer(units: number, activation: ActivationName, extra: Partial<LayerSpec> = {}): LayerSpec {
  return { type: 'dense', units, activation, init: 'xavier_uniform', initRange: 0.1, negativeSlope: 0.01, alpha: 1, beta: 1, ...extra };
}

export function training(extra: Partial<TrainingSpec> = {}): TrainingSpec {
  return {
    optimizer: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false, beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
    weightDecay: 0, batchSize: 8, epochs: 10, seed: 1, precision: 'f64', validationSplit: 0, shuffle: true, ...extra,
  };
}

export function model(input: number, layers: LayerSpec[], loss: LossName, extra: Partial<TrainingSpec> = {}): ModelSpec {
  return { name: 'test', input, layers, loss, data: { source: 'xor', samples: 4, noise: 0, classes: 2, seed: 1 }, training: training(extra) };
}

export function dataset(inputs: number[][], targets: number[][], task: TaskKind): Dataset {
  return {
    inputs: Float64Array.from(inputs.flat()),
    targets: Float64Array.from(targets.flat()),
    count: inputs.length,
    inputWidth: inputs[0].length,
    targetWidth: targets[0].length,
    task,
  };
}

/** Random inputs N(0,1) and targets suited to the loss: one-hot (CE), 0/1 (BCE), N(0,1) (MSE). */
export function randomData(count: number, inputWidth: number, outputWidth: number, loss: LossName, seed: number): Dataset {
  const random = new Random(seed);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < count; i++) {
    inputs.push(Array.from({ length: inputWidth }, () => random.normal()));
    if (loss === 'cross_entropy') {
      const hot = random.int(outputWidth);
      targets.push(Array.from({ length: outputWidth }, (_, j) => (j === hot ? 1 : 0)));
    } else if (loss === 'binary_cross_entropy') {
      targets.push(Array.from({ length: outputWidth }, () => (random.uniform() < 0.5 ? 0 : 1)));
    } else {
      targets.push(Array.from({ length: outputWidth }, () => random.normal()));
    }
  }
  return dataset(inputs, targets, loss === 'cross_entropy' ? 'classification' : loss === 'binary_cross_entropy' ? 'binary' : 'regression');
}

/** The XOR truth table, binary targets. */
export function xorData(): Dataset {
  return dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]], 'binary');
}

// ---- Independent reference ----

function referenceActivation(name: ActivationName, z: number[], spec: LayerSpec): number[] {
  switch (name) {
    case 'linear': return z.slice();
    case 'sigmoid': return z.map((v) => 1 / (1 + Math.exp(-v)));
    case 'tanh': return z.map((v) => Math.tanh(v));
    case 'relu': return z.map((v) => Math.max(0, v));
    case 'leaky_relu': return z.map((v) => (v >= 0 ? v : spec.negativeSlope * v));
    case 'elu': return z.map((v) => (v > 0 ? v : spec.alpha * (Math.exp(v) - 1)));
    case 'gelu': return z.map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2)));
    case 'softplus': return z.map((v) => (spec.beta * v > 20 ? v : Math.log(1 + Math.exp(spec.beta * v)) / spec.beta));
    case 'softmax': {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((p, q) => p + q, 0);
      return e.map((v) => v / s);
    }
  }
}

/** Per-sample forward of one row x through layers with weights W[l] (rows = outputs) and b[l]. */
export function referenceForward(spec: ModelSpec, weights: number[][][], biases: number[][], x: number[]): { z: number[][]; a: number[][] } {
  const zs: number[][] = [];
  const as: number[][] = [];
  let a = x;
  spec.layers.forEach((l, i) => {
    const z = weights[i].map((row, j) => row.reduce((s, w, k) => s + w * a[k], biases[i][j]));
    a = referenceActivation(l.activation, z, l);
    zs.push(z);
    as.push(a);
  });
  return { z: zs, a: as };
}

/** The batch-mean loss of docs/notation.md, per sample and summed the plain way. */
export function referenceLoss(spec: ModelSpec, weights: number[][][], biases: number[][], xs: number[][], ys: number[][]): number {
  let total = 0;
  for (let b = 0; b < xs.length; b++) {
    const { a } = referenceForward(spec, weights, biases, xs[b]);
    const o = a[a.length - 1];
    const y = ys[b];
    if (spec.loss === 'cross_entropy') {
      for (let j = 0; j < o.length; j++) if (y[j] !== 0) total -= y[j] * Math.max(Math.log(o[j]), -100);
    } else if (spec.loss === 'binary_cross_entropy') {
      for (let j = 0; j < o.length; j++) total -= (y[j] * Math.max(Math.log(o[j]), -100) + (1 - y[j]) * Math.max(Math.log(1 - o[j]), -100)) / o.length;
    } else {
      for (let j = 0; j < o.length; j++) total += (o[j] - y[j]) ** 2 / o.length;
    }
  }
  return total / xs.length;
}

/** Nested-array copies of a flat row-major matrix. */
export function toRows(flat: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => flat[r * cols + c]));
}

export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(actual[i] - expected[i]) / Math.max(1e-8, Math.abs(actual[i]) + Math.abs(expected[i]));
    if (!(e <= max)) max = e;
  }
  return max;
}
