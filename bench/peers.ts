// The peers a workload runs on: our engine (wasm SIMD kernels and the pure-TS reference kernels),
// tfjs-core on its cpu and wasm backends, and NumPy and PyTorch in a Python child process
// (pythonPeer.ts), all built from the same SharedData. tfjs has one
// active backend per process, so every tfjs peer creates its tensors under its own backend and
// `enter()` switches to it before the peer runs; no tensor ever crosses backends.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import './tfjsGradients';
import { createTrainer, type FloatArray, type Trainer } from '../src/engine';
import { createKernels, type KernelChoice } from '../src/engine/kernels/select';
import { startPythonPeer } from './pythonPeer';
import { transpose, type SharedData, type Workload, LEARNING_RATE } from './workloads';

export interface Peer {
  /** Short id for tables, e.g. `engine`, `tfjs-cpu`. */
  readonly id: PeerId;
  /** What actually ran, e.g. `wasm-simd-f32`, `tfjs 4.22.0 wasm (SIMD, 1 thread)`. */
  readonly detail: string;
  /** Whether its steps run in this process (its CPU time is this process's). */
  readonly inProcess: boolean;
  /** Makes this peer's runtime current (tfjs backend switch). */
  enter(): Promise<void>;
  /** `steps` training steps on the next batches, returning each one's loss (before its update). */
  losses(steps: number): Promise<number[]>;
  /** Steps until ≥ `ms` passed (at least one), timed where the steps run; steps per second. */
  run(ms: number): Promise<{ rate: number; steps: number }>;
  dispose(): void;
}

export type PeerId = 'engine' | 'engine-js' | 'tfjs-cpu' | 'tfjs-wasm' | 'numpy' | 'torch';
export const PEER_IDS: readonly PeerId[] = ['engine', 'engine-js', 'tfjs-cpu', 'tfjs-wasm', 'numpy', 'torch'];

/** A peer whose steps run in this process, one synchronous call each. */
abstract class InProcessPeer implements Peer {
  abstract readonly id: PeerId;
  abstract readonly detail: string;
  readonly inProcess = true;
  abstract enter(): Promise<void>;
  abstract dispose(): void;
  /** One training step on the next batch. */
  protected abstract step(): void;
  /** One training step on the next batch, returning its loss (before the update). */
  protected abstract stepWithLoss(): number;

  async losses(steps: number): Promise<number[]> {
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) losses.push(this.stepWithLoss());
    return losses;
  }

  async run(ms: number): Promise<{ rate: number; steps: number }> {
    const t0 = performance.now();
    let steps = 0;
    let now = t0;
    do {
      this.step();
      steps++;
      now = performance.now();
    } while (now - t0 < ms);
    return { rate: steps / ((now - t0) / 1000), steps };
  }
}

class EnginePeer extends InProcessPeer {
  private readonly trainer: Trainer<FloatArray>;
  readonly detail: string;

  constructor(readonly id: PeerId, data: SharedData, choice: KernelChoice) {
    super();
    this.trainer = createTrainer(data.spec, data.dataset, { kernels: createKernels('f32', choice) });
    const { layers } = this.trainer.network;
    layers.forEach((layer, l) => {
      layer.weights.set(data.initial.weights[l]);
      layer.bias.set(data.initial.biases[l]);
    });
    this.detail = `Gradient Lens engine, ${this.trainer.network.kernels.name}`;
  }

  async enter(): Promise<void> {}

  protected step(): void {
    this.trainer.step();
  }

  protected stepWithLoss(): number {
    return this.trainer.step().loss;
  }

  dispose(): void {}
}

type Backend = 'cpu' | 'wasm';

class TfjsPeer extends InProcessPeer {
  readonly detail: string;
  private readonly kernels: tf.Variable[] = [];
  private readonly biases: tf.Variable[] = [];
  private readonly xs: tf.Tensor2D[] = [];
  private readonly ys: tf.Tensor2D[] = [];
  private readonly optimizer: tf.SGDOptimizer;
  private next = 0;

  private constructor(readonly id: PeerId, private readonly backend: Backend, private readonly workload: Workload, data: SharedData) {
    super();
    const { sizes, batch, batches } = workload;
    for (let l = 1; l < sizes.length; l++) {
      this.kernels.push(tf.variable(tf.tensor2d(transpose(data.initial.weights[l - 1], sizes[l], sizes[l - 1]), [sizes[l - 1], sizes[l]])));
      this.biases.push(tf.variable(tf.tensor1d(data.initial.biases[l - 1])));
    }
    const { inputs, targets, inputWidth, targetWidth } = data.dataset;
    for (let k = 0; k < batches; k++) {
      this.xs.push(tf.tensor2d(Float32Array.from(inputs.subarray(k * batch * inputWidth, (k + 1) * batch * inputWidth)), [batch, inputWidth]));
      this.ys.push(tf.tensor2d(Float32Array.from(targets.subarray(k * batch * targetWidth, (k + 1) * batch * targetWidth)), [batch, targetWidth]));
    }
    this.optimizer = tf.train.sgd(LEARNING_RATE);
    const simd = backend === 'wasm' ? (tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD') : '';
    const threads = backend === 'wasm' ? (tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threads' : '1 thread') : '';
    this.detail = `tfjs-core ${tf.version_core} + backend-${backend}${backend === 'wasm' ? ` (${simd}, ${threads})` : ''}`;
  }

  /** Builds the peer's tensors under its own backend. */
  static async create(id: PeerId, backend: Backend, workload: Workload, data: SharedData): Promise<TfjsPeer> {
    await switchBackend(backend);
    return new TfjsPeer(id, backend, workload, data);
  }

  async enter(): Promise<void> {
    await switchBackend(this.backend);
  }

  private loss(): tf.Scalar {
    const x = this.xs[this.next];
    const y = this.ys[this.next];
    let a: tf.Tensor2D = x;
    const last = this.kernels.length - 1;
    let logits: tf.Tensor2D = x;
    for (let l = 0; l <= last; l++) {
      const z = tf.add(tf.matMul(a, this.kernels[l]), this.biases[l]) as tf.Tensor2D;
      if (l === last) logits = z;
      else a = this.workload.hidden === 'relu' ? tf.relu(z) : tf.tanh(z);
    }
    return tf.losses.softmaxCrossEntropy(y, logits, undefined, 0, tf.Reduction.MEAN) as tf.Scalar;
  }

  private advance(): void {
    this.next = (this.next + 1) % this.xs.length;
  }

  protected step(): void {
    tf.tidy(() => {
      this.optimizer.minimize(() => this.loss(), false, [...this.kernels, ...this.biases]);
    });
    this.advance();
  }

  protected stepWithLoss(): number {
    const value = tf.tidy(() => {
      const cost = this.optimizer.minimize(() => this.loss(), true, [...this.kernels, ...this.biases]);
      return cost!.dataSync()[0];
    });
    this.advance();
    return value;
  }

  dispose(): void {
    tf.dispose([...this.kernels, ...this.biases, ...this.xs, ...this.ys]);
    this.optimizer.dispose();
  }
}

let backendsReady = false;

async function switchBackend(backend: Backend): Promise<void> {
  if (tf.getBackend() === backend) return;
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`tfjs backend ${backend} failed to initialize`);
}

/** Initializes both tfjs backends once (the wasm one compiles its module here, not in a timed round). */
export async function prepareTfjs(): Promise<{ version: string; wasmSimd: boolean; wasmThreads: boolean }> {
  if (!backendsReady) {
    // tfjs greets Node users with an advice banner on console.warn (stderr); harmless, left alone.
    await switchBackend('wasm');
    await switchBackend('cpu');
    backendsReady = true;
  }
  await switchBackend('wasm');
  const info = { version: tf.version_core, wasmSimd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), wasmThreads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') };
  return info;
}

/** The peer, or a sentence saying why it cannot run here (only the Python peers may be missing). */
export async function createPeer(id: PeerId, workload: Workload, data: SharedData): Promise<Peer | string> {
  switch (id) {
    case 'engine': return new EnginePeer(id, data, 'wasm');
    case 'engine-js': return new EnginePeer(id, data, 'js');
    case 'tfjs-cpu': return TfjsPeer.create(id, 'cpu', workload, data);
    case 'tfjs-wasm': return TfjsPeer.create(id, 'wasm', workload, data);
    case 'numpy':
    case 'torch': return startPythonPeer(id, workload, data);
  }
}
