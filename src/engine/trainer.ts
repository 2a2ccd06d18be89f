/**
 * The seeded training loop: deterministic train/validation split, per-epoch seeded shuffling,
 * mini-batches (the last one may be partial), one `step()` per batch, evaluation at the end of
 * each epoch. Same spec, dataset and seed ⇒ bit-identical splits, batches, weights and losses.
 *
 * Random streams: every draw comes from `Random` (src/core/random.ts), one stream per purpose
 * derived from `training.seed`, so e.g. turning shuffling off does not change the initial weights.
 */
import type { ModelSpec, Precision, TrainingSpec } from '../core/spec';
import type { Dataset, TaskKind } from '../core/dataset';
import type { LayerStats, NonFiniteReport } from '../core/snapshot';
import type { FloatArray, Kernels } from './kernels/kernels';
import { createJsKernels } from './kernels/jsKernels';
import { Network, type LayerBuffers } from './network';
import { initializeWeights } from './initializers';
import { createOptimizer, type Optimizer, type OptimizerStep } from './optimizers';
import { Random } from '../core/random';
import { learningRateProblem } from '../core/learningRate';
import { capture, type CaptureRequest } from './capture';
import { findNonFinite, layerStatistics, updateRatios } from './stats';
import { checkGradients, type GradientCheckOptions } from './gradientCheck';
import type { GradientCheckReport } from '../core/gradientCheckReport';

export interface TrainerOptions {
  /** Kernels matching the spec's precision (Float32Array for f32); default: the JS reference kernels. */
  readonly kernels?: Kernels<Float32Array> | Kernels<Float64Array>;
}

/** What one step should hand out besides the loss. Omit for the fastest step. */
export interface StepRequest {
  /** Tensors to copy (before the update) into caller-owned buffers. */
  readonly capture?: CaptureRequest;
  /** Compute per-layer LayerStats and scan every buffer for non-finite values. */
  readonly stats?: boolean;
  /** Scan every buffer for the first non-finite value without the statistics (`stats` implies it). */
  readonly scanNonFinite?: boolean;
  /**
   * Called after the backward pass and before the update, with the network's own buffers at full
   * precision (for dumps that must not round f64 to f32). Must not modify them.
   */
  readonly inspect?: (network: Network<FloatArray>, rows: number, loss: number) => void;
  /** Filled with ‖∂L/∂W⁽ˡ⁾‖ at index l − 1 (one SIMD sum of squares per layer, before the update). */
  readonly gradientNorms?: Float64Array;
  /**
   * Asked only when the loss came out non-finite and the request captures nothing: what to
   * capture of this step after all. A non-finite loss ends a run, and that step is the one to show.
   */
  readonly captureIfLossNotFinite?: () => Pick<StepRequest, 'capture' | 'stats' | 'inspect'>;
}

/** A step that may be abandoned: `abort` is polled between layers. */
export interface AbortableStepRequest extends StepRequest {
  readonly abort: () => boolean;
}

export interface Evaluation {
  /** Mean loss over the split's samples (the same reduction as training). */
  readonly loss: number;
  /** Fraction correct: argmax match (classification) or 0.5-threshold per output (binary); null for regression. */
  readonly accuracy: number | null;
  readonly count: number;
}

export interface EpochReport {
  /** Number of completed epochs, 1 after the first. */
  readonly epoch: number;
  /** Mean of this epoch's batch losses, weighted by batch rows (each computed before its update). */
  readonly trainLoss: number;
  /** Running accuracy over this epoch's batches (before each update); null for regression. */
  readonly trainAccuracy: number | null;
  /** Evaluation on the held-out split after the epoch's last update; null when there is none. */
  readonly validation: Evaluation | null;
}

export interface StepReport {
  /** Batch-mean loss L of this step's forward pass (before the update). */
  readonly loss: number;
  /** B, rows in this batch (the last batch of an epoch may be smaller). */
  readonly rows: number;
  /** Steps taken so far including this one (1-based). */
  readonly step: number;
  /** 0-based epoch this batch belongs to, and its 0-based index within the epoch. */
  readonly epoch: number;
  readonly batch: number;
  /** Fraction of this batch classified correctly (before the update); absent for regression. */
  readonly accuracy?: number;
  /** Per-layer statistics, index l − 1 for layer l, when the request asked for them. */
  readonly stats?: readonly LayerStats[];
  /** First NaN/±Inf of the step: always looked for when the loss is not finite, and with `stats`. */
  readonly nonFinite?: NonFiniteReport;
  /** Present on the step that completed an epoch. */
  readonly epochEnd?: EpochReport;
}

/** Per-purpose seeds derived from the run seed. */
const STREAM_INIT = 0;
const STREAM_SPLIT = 0x53504c54;
const STREAM_SHUFFLE = 0x53485546;
function streamSeed(seed: number, stream: number): number {
  return ((seed >>> 0) ^ stream) >>> 0;
}

export class Trainer<T extends FloatArray> {
  readonly network: Network<T>;
  readonly precision: Precision;
  /** Dataset row indices of the training and validation splits (fixed for the run). */
  readonly trainIndices: Uint32Array;
  readonly validationIndices: Uint32Array;
  private readonly optimizer: Optimizer<T>;
  private readonly training: TrainingSpec;
  private readonly task: TaskKind;
  /** This epoch's batch order over trainIndices. */
  private order: Uint32Array;
  private position = 0;
  private batchInEpoch = 0;
  private epochsDone = 0;
  private steps = 0;
  private rate: number;
  private shuffleRandom: Random;
  private epochLossSum = 0;
  private epochCorrect = 0;
  private epochCounted = 0;
  /** Start and rows of the most recent batch in `order`, for gradient checks. */
  private lastBatchStart = 0;
  private lastBatchRows = 0;

  constructor(readonly spec: ModelSpec, readonly dataset: Dataset, kernels: Kernels<T>) {
    const outputs = spec.layers[spec.layers.length - 1]?.units;
    if (dataset.inputWidth !== spec.input) throw new Error(`dataset has ${dataset.inputWidth} input columns, the model expects ${spec.input}`);
    if (dataset.targetWidth !== outputs) throw new Error(`dataset has ${dataset.targetWidth} target columns, the model outputs ${outputs}`);
    if (dataset.count < 1) throw new Error('dataset is empty');
    spec.layers.forEach((layer, l) => {
      if (layer.activation === 'softmax' && l !== spec.layers.length - 1) throw new Error(`layer ${l + 1}: softmax is only valid on the output layer`);
    });
    this.training = spec.training;
    this.precision = spec.training.precision;
    this.task = dataset.task;
    this.rate = spec.training.learningRate;
    this.optimizer = createOptimizer(spec.training, kernels);

    // Split: a seeded permutation, the first ⌊N·split⌉ rows held out (at least one row trains).
    const permutation = new Uint32Array(dataset.count);
    for (let i = 0; i < permutation.length; i++) permutation[i] = i;
    new Random(streamSeed(spec.training.seed, STREAM_SPLIT)).shuffle(permutation);
    const held = Math.min(dataset.count - 1, Math.round(dataset.count * spec.training.validationSplit));
    this.validationIndices = permutation.slice(0, held).sort();
    this.trainIndices = permutation.slice(held).sort();

    const maxRows = Math.max(1, Math.min(spec.training.batchSize, dataset.count));
    this.network = new Network<T>(spec, kernels, maxRows);
    this.order = this.trainIndices.slice();
    this.shuffleRandom = new Random(streamSeed(spec.training.seed, STREAM_SHUFFLE));
    this.reset();
  }

  /** Steps taken so far. */
  get stepCount(): number {
    return this.steps;
  }
  /** Completed epochs. */
  get epoch(): number {
    return this.epochsDone;
  }
  /** Steps per epoch: ⌈N_train / B⌉. */
  get stepsPerEpoch(): number {
    return Math.ceil(this.trainIndices.length / this.training.batchSize);
  }
  get learningRate(): number {
    return this.rate;
  }

  /** Changes η from the next step on (optimizer state is kept). */
  setLearningRate(learningRate: number): void {
    const problem = learningRateProblem(learningRate);
    if (problem !== undefined) throw new RangeError(problem);
    this.rate = learningRate;
  }

  /** Back to the state right after construction: initial weights, zero optimizer state, epoch 0, spec's η. */
  reset(): void {
    const { network } = this;
    network.parameters.fill(0);
    network.optimizerState.fill(0);
    const random = new Random(streamSeed(this.training.seed, STREAM_INIT));
    for (const layer of network.layers) initializeWeights(layer.weights, layer.inputs, layer.units, layer.spec, random);
    this.rate = this.training.learningRate;
    this.steps = 0;
    this.epochsDone = 0;
    this.order.set(this.trainIndices);
    this.shuffleRandom = new Random(streamSeed(this.training.seed, STREAM_SHUFFLE));
    this.lastBatchStart = 0;
    this.lastBatchRows = Math.min(this.training.batchSize, this.order.length);
    this.beginEpoch();
  }

  /** Rows of the batch the next step will run (the last batch of an epoch may be smaller). */
  get nextBatchRows(): number {
    return Math.min(this.training.batchSize, this.order.length - this.position);
  }

  /**
   * The update of one layer's W⁽ˡ⁾ then b⁽ˡ⁾ (contiguous in θ, and the layers in order, so the
   * layers together are the whole-θ update); returns ‖ΔW⁽ˡ⁾‖² for the update ratio.
   */
  private updateLayer(update: OptimizerStep<T>, layer: LayerBuffers<T>): number {
    const change = this.optimizer.step(update, layer.weightOffset, layer.biasOffset, true);
    this.optimizer.step(update, layer.biasOffset, layer.biasOffset + layer.units);
    return change;
  }

  /** Runs one mini-batch: forward, loss, backward, [capture, stats], update. */
  step(request?: StepRequest): StepReport {
    return this.tryStep(request)!;
  }

  /**
   * Like `step`, but returns undefined, with no state changed, when `request.abort` says stop
   * between two layers; the same batch runs again on the next call.
   */
  tryStep(request: AbortableStepRequest): StepReport | undefined;
  tryStep(request?: StepRequest): StepReport;
  tryStep(request?: StepRequest & { readonly abort?: () => boolean }): StepReport | undefined {
    // Abort points: between layers, after the gradients, after the capture and after the
    // statistics. Only the optimizer update itself runs uninterrupted.
    const { network } = this;
    const start = this.position;
    const rows = this.nextBatchRows;
    this.loadRows(this.order, start, rows);
    const loss = network.computeGradients(rows, request?.abort);
    // Last chance to yield before the statistics and the update, which cannot be interrupted.
    if (loss === undefined || request?.abort?.()) return undefined;
    this.lastBatchStart = start;
    this.lastBatchRows = rows;
    if (request?.captureIfLossNotFinite && request.capture === undefined && !Number.isFinite(loss)) request = { ...request, ...request.captureIfLossNotFinite() };

    let stats: LayerStats[] | undefined;
    let nonFinite: NonFiniteReport | undefined;
    if (request !== undefined) {
      if (request.capture !== undefined) capture(network, request.capture, rows);
      if (request.abort?.()) return undefined;
      if (request.stats) {
        const computed = layerStatistics(network, rows);
        stats = computed.stats;
        nonFinite = findNonFinite(network, rows, loss, computed.finite ? ['W', 'delta', 'a', 'dW'] : []);
        if (request.abort?.()) return undefined;
      } else if (request.scanNonFinite) {
        nonFinite = findNonFinite(network, rows, loss);
      }
      if (request.inspect !== undefined) request.inspect(network as Network<FloatArray>, rows, loss);
      if (request.gradientNorms !== undefined) this.gradientNorms(request.gradientNorms, stats);
    }
    if (nonFinite === undefined && !Number.isFinite(loss)) nonFinite = findNonFinite(network, rows, loss);
    const correct = this.task === 'regression' ? undefined : this.countCorrect(rows);
    if (correct !== undefined) this.epochCorrect += correct;
    this.epochCounted += rows;
    this.epochLossSum += loss * rows;

    this.steps++;
    const update = { params: network.parameters, grads: network.gradients, state: network.optimizerState, count: network.parameterCount, learningRate: this.rate, t: this.steps };
    if (stats === undefined) this.optimizer.step(update);
    else stats = updateRatios(stats, network.layers.map((layer) => this.updateLayer(update, layer)));

    const report: { -readonly [K in keyof StepReport]: StepReport[K] } = { loss, rows, step: this.steps, epoch: this.epochsDone, batch: this.batchInEpoch };
    if (correct !== undefined) report.accuracy = correct / this.accuracyDenominator(rows);
    if (stats !== undefined) report.stats = stats;
    if (nonFinite !== undefined) report.nonFinite = nonFinite;
    this.position += rows;
    this.batchInEpoch++;
    if (this.position >= this.order.length) {
      this.epochsDone++;
      report.epochEnd = {
        epoch: this.epochsDone,
        trainLoss: this.epochLossSum / this.epochCounted,
        trainAccuracy: this.task === 'regression' ? null : this.epochCorrect / this.accuracyDenominator(this.epochCounted),
        validation: this.evaluate('validation'),
      };
      this.beginEpoch();
    }
    return report;
  }

  /** Loss and accuracy of the current weights on a whole split (null when the split is empty). */
  evaluate(split: 'train' | 'validation'): Evaluation | null {
    const indices = split === 'train' ? this.trainIndices : this.validationIndices;
    if (indices.length === 0) return null;
    const { network } = this;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < indices.length; start += network.maxRows) {
      const rows = Math.min(network.maxRows, indices.length - start);
      this.loadRows(indices, start, rows);
      network.forward(rows);
      // Every loss is a mean over rows (BCE/MSE also over outputs, a constant), so weighting by rows is exact.
      lossSum += network.lossValue(rows) * rows;
      if (this.task !== 'regression') correct += this.countCorrect(rows);
    }
    return {
      loss: lossSum / indices.length,
      accuracy: this.task === 'regression' ? null : correct / this.accuracyDenominator(indices.length),
      count: indices.length,
    };
  }

  /**
   * Central-difference gradient check on the most recent batch (before any step: the first batch),
   * leaving parameters, optimizer state and batch order exactly as they were.
   */
  gradientCheck(options?: GradientCheckOptions): GradientCheckReport {
    this.loadRows(this.order, this.lastBatchStart, this.lastBatchRows);
    return checkGradients(this.network, this.lastBatchRows, this.precision, options);
  }

  /**
   * Forward and backward pass of the batch the next step will train on, at the current parameters,
   * without the update: `inspect` sees exactly what a `step` with `inspect` would (same batch, same
   * weights), but parameters, optimizer state, counters and batch order stay as they were.
   */
  inspectNext(inspect: NonNullable<StepRequest['inspect']>): void {
    const rows = this.nextBatchRows;
    this.loadRows(this.order, this.position, rows);
    const loss = this.network.computeGradients(rows)!;
    inspect(this.network as Network<FloatArray>, rows, loss);
  }

  /** Copies dataset rows order[start … start+rows) into the network's X and Y batch buffers. */
  private loadRows(order: Uint32Array, start: number, rows: number): void {
    const { inputs, targets, inputWidth, targetWidth } = this.dataset;
    const { input, target } = this.network;
    for (let r = 0; r < rows; r++) {
      const sample = order[start + r];
      const inBase = sample * inputWidth;
      const outBase = r * inputWidth;
      for (let j = 0; j < inputWidth; j++) input[outBase + j] = inputs[inBase + j];
      const targetBase = sample * targetWidth;
      const rowBase = r * targetWidth;
      for (let j = 0; j < targetWidth; j++) target[rowBase + j] = targets[targetBase + j];
    }
  }

  private beginEpoch(): void {
    this.position = 0;
    this.batchInEpoch = 0;
    this.epochLossSum = 0;
    this.epochCorrect = 0;
    this.epochCounted = 0;
    if (this.training.shuffle) this.shuffleRandom.shuffle(this.order);
  }

  /** Binary tasks and single-output nets count each output against 0.5; classification counts rows. */
  private isThresholded(): boolean {
    return this.task === 'binary' || this.network.outputWidth === 1;
  }

  private accuracyDenominator(rows: number): number {
    return this.isThresholded() ? rows * this.network.outputWidth : rows;
  }

  /** ‖∂L/∂W⁽ˡ⁾‖ into `out[l − 1]`: from this step's statistics when it computed them, else one sum of squares per layer. */
  private gradientNorms(out: Float64Array, stats: readonly LayerStats[] | undefined): void {
    const { layers, kernels } = this.network;
    for (let l = 0; l < layers.length && l < out.length; l++) {
      const layer = layers[l];
      out[l] = stats !== undefined ? stats[l].gradientNorm : Math.sqrt(kernels.sumOfSquares(layer.weightGradient, layer.units * layer.inputs));
    }
  }

  /** Correct predictions of the last forward pass on `rows` rows. */
  private countCorrect(rows: number): number {
    const { network } = this;
    const output = network.layers[network.layers.length - 1].a;
    const target = network.target;
    const cols = network.outputWidth;
    let correct = 0;
    if (this.isThresholded()) {
      for (let i = 0, n = rows * cols; i < n; i++) if (output[i] >= 0.5 === target[i] >= 0.5) correct++;
      return correct;
    }
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      let predicted = 0;
      let actual = 0;
      for (let j = 1; j < cols; j++) {
        if (output[base + j] > output[base + predicted]) predicted = j;
        if (target[base + j] > target[base + actual]) actual = j;
      }
      if (predicted === actual) correct++;
    }
    return correct;
  }
}

/**
 * Builds a trainer for a normalized spec and a dataset. The network's precision is the spec's
 * (`training.precision`); `options.kernels` must produce the matching array type. The kernels'
 * `allocate` is called exactly once, here.
 */
export function createTrainer(spec: ModelSpec, dataset: Dataset, options: TrainerOptions = {}): Trainer<FloatArray> {
  const precision = spec.training.precision;
  const kernels = options.kernels ?? createJsKernels(precision);
  const trainer = new Trainer<FloatArray>(spec, dataset, kernels as Kernels<FloatArray>);
  const expected = precision === 'f32' ? Float32Array : Float64Array;
  if (!(trainer.network.parameters instanceof expected)) throw new Error(`kernels ${kernels.name} do not provide ${precision} arrays`);
  return trainer;
}
