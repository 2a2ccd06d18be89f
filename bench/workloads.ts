// The benchmark's workloads and the data every peer shares: one seeded set of initial weights and
// one seeded set of batches per workload, generated with the engine's own Random, so each peer
// starts from the same arrays and sees the same batches in the same order.
import type { Dataset } from '../src/core/dataset';
import { Random } from '../src/core/random';
import { parseModel, validateAgainstData } from '../src/model';
import type { ModelSpec } from '../src/core/spec';

export type Hidden = 'relu' | 'tanh';

export interface Workload {
  readonly id: string;
  /** n_0, n_1, …, n_L. */
  readonly sizes: readonly number[];
  readonly hidden: Hidden;
  readonly batch: number;
  /** Distinct batches cycled through (dataset rows = batches × batch). */
  readonly batches: number;
  /** Identical steps every peer runs before timing; losses of step 1 and of this step must agree. */
  readonly checkSteps: number;
}

export const WORKLOADS: readonly Workload[] = [
  { id: 'W1', sizes: [784, 256, 128, 10], hidden: 'relu', batch: 64, batches: 8, checkSteps: 10 },
  { id: 'W2', sizes: [2, 16, 16, 3], hidden: 'tanh', batch: 32, batches: 8, checkSteps: 50 },
  { id: 'W3', sizes: [1024, 1024, 1024, 10], hidden: 'relu', batch: 128, batches: 4, checkSteps: 3 },
];

export const LEARNING_RATE = 0.01;

export function describe(workload: Workload): string {
  return `${workload.id} ${workload.sizes.join('-')} ${workload.hidden}, batch ${workload.batch}`;
}

/** Initial parameters in the engine's layout: W⁽ˡ⁾ [n_l × n_{l−1}] row-major, b⁽ˡ⁾ [n_l]. */
export interface InitialParameters {
  readonly weights: readonly Float32Array[];
  readonly biases: readonly Float32Array[];
}

export interface SharedData {
  readonly spec: ModelSpec;
  /** batches × batch rows, inputs and one-hot targets already rounded to f32. */
  readonly dataset: Dataset;
  readonly initial: InitialParameters;
}

/** The model file of a workload: plain SGD, mean cross-entropy over softmax, f32, batches in file order. */
export function modelText(workload: Workload, epochs = 1_000_000): string {
  const layers = workload.sizes.slice(1).map((units, i, all) => ({ units, activation: i === all.length - 1 ? 'softmax' : workload.hidden }));
  return JSON.stringify({
    name: workload.id,
    input: workload.sizes[0],
    layers,
    loss: 'cross_entropy',
    data: { source: 'csv', path: 'random.csv', target: 'label' },
    training: {
      optimizer: 'sgd', learningRate: LEARNING_RATE, momentum: 0, batchSize: workload.batch, epochs,
      precision: 'f32', validationSplit: 0, shuffle: false, seed: 1,
    },
  });
}

/** Spec, dataset and initial weights of a workload (deterministic for a given seed). */
export function sharedData(workload: Workload, seed = 20240601): SharedData {
  const random = new Random(seed);
  const inputs = workload.sizes[0];
  const classes = workload.sizes[workload.sizes.length - 1];
  const count = workload.batch * workload.batches;
  const x = new Float64Array(count * inputs);
  for (let i = 0; i < x.length; i++) x[i] = Math.fround(random.normal());
  const y = new Float64Array(count * classes);
  for (let i = 0; i < count; i++) y[i * classes + random.int(classes)] = 1;
  const dataset: Dataset = {
    inputs: x, targets: y, count, inputWidth: inputs, targetWidth: classes, task: 'classification',
    classNames: Array.from({ length: classes }, (_, i) => String(i)),
  };
  const validated = validateAgainstData(parseModel(modelText(workload)), dataset);
  if (!validated.spec) throw new Error(`invalid bench model ${workload.id}: ${validated.diagnostics.map((d) => d.message).join('; ')}`);

  // He-uniform for ReLU layers, Xavier-uniform for tanh and the softmax layer; small random biases
  // so the bias paths are exercised by the agreement check too.
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 1; l < workload.sizes.length; l++) {
    const fanIn = workload.sizes[l - 1];
    const fanOut = workload.sizes[l];
    const relu = l < workload.sizes.length - 1 && workload.hidden === 'relu';
    const limit = relu ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    weights.push(Float32Array.from({ length: fanIn * fanOut }, () => random.uniformIn(-limit, limit)));
    biases.push(Float32Array.from({ length: fanOut }, () => random.uniformIn(-0.1, 0.1)));
  }
  return { spec: validated.spec, dataset, initial: { weights, biases } };
}

/** W [rows × cols] row-major → Wᵀ [cols × rows] (tfjs dense kernels are [in × out]). */
export function transpose(matrix: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = matrix[r * cols + c];
  return out;
}
