// Measurements through the real training worker (dist/worker.js via TrainingWorkerClient) and of
// the engine's in-process capture path: capture overhead, host event-loop delay while a worker
// streams, and pause latency.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { captureLength, createTrainer, type CaptureItem, type FloatArray, type StepRequest, type Trainer } from '../src/engine';
import { createKernels } from '../src/engine/kernels/select';
import { QUANTITIES } from '../src/core/snapshot';
import type { SnapshotMessage } from '../src/protocol/panelMessages';
import { tensorBuffersOf, type StreamSettings, type WorkerToHostMessage } from '../src/protocol/workerMessages';
import { TrainingWorkerClient } from '../src/worker/client';
import { median, pairedRatios, percentile, rotation } from './stats';
import type { SharedData } from './workloads';

export const FULL_STREAM: StreamSettings = { rate: 30, quantities: [...QUANTITIES], layers: 'all', sample: 0 };
const STATS_STREAM: StreamSettings = { rate: 30, quantities: [], layers: 'all', sample: 0 };

/** Short alternating chunks per round in the capture-overhead comparison. */
const CHUNKS = 8;

const isState = (state: string) => (m: WorkerToHostMessage): boolean => m.type === 'state' && m.state === state;

type Log = (line: string) => void;

/** Steps a worker finished in a timed span, the span's length, and the snapshots it sent in it. */
export interface CountedSpan {
  readonly steps: number;
  readonly seconds: number;
  readonly snapshots: number;
  /** 1 when the Pause that ended the span came to rest on a closing step (left out of the counts). */
  readonly closingSteps: number;
}

/** A configured worker; `acking` workers acknowledge every snapshot as soon as it arrives. */
export class BenchWorker {
  readonly client: TrainingWorkerClient;
  snapshots = 0;
  snapshotBytes = 0;
  /** The step of the newest snapshot received. */
  private lastSnapshotStep = 0;
  private previous: SnapshotMessage | undefined;
  kernels = '';

  private constructor(script: string, readonly acking: boolean) {
    this.client = new TrainingWorkerClient(script);
    this.client.onMessage((m) => {
      if (m.type === 'error') process.stderr.write(`worker error: ${m.message}\n`);
      if (m.type !== 'snapshot') return;
      this.snapshots++;
      this.lastSnapshotStep = m.run.step;
      for (const layer of m.layers) for (const tensor of Object.values(layer.tensors)) if (tensor) this.snapshotBytes += tensor.data.byteLength;
      if (!this.acking) return;
      this.client.post({ type: 'ack', seq: m.seq });
      // As the extension host does: the previous snapshot's buffers go back once this one replaces it.
      if (this.previous) this.client.post({ type: 'recycle', buffers: tensorBuffersOf(this.previous) });
      this.previous = m;
    });
  }

  static async start(script: string, data: SharedData, stream: StreamSettings, acking: boolean): Promise<BenchWorker> {
    const worker = new BenchWorker(script, acking);
    // The dataset's buffers are transferred: hand the worker copies so `data` stays usable.
    const dataset = { ...data.dataset, inputs: data.dataset.inputs.slice(), targets: data.dataset.targets.slice() };
    worker.client.post({ type: 'configure', spec: data.spec, dataset, stream, interrupt: worker.client.interruptFlag });
    const configured = await worker.client.waitFor((m) => m.type === 'configured', 60_000);
    if (configured.type === 'configured') worker.kernels = configured.kernels;
    await worker.client.waitFor(isState('paused'), 60_000);
    return worker;
  }

  /** Trains for about `ms` and pauses; returns steps per second as counted by the worker's own step numbers. */
  async train(ms: number): Promise<number> {
    const { steps, seconds } = await this.trainCounted(ms);
    return steps / seconds;
  }

  /**
   * Trains for about `ms` and pauses. The span counted runs from 'training' to the Pause request,
   * with the steps finished by then. A Pause after a quick step that was not captured comes to
   * rest on one more step, captured (the closing step: the panel shows the step the run stopped
   * at); the span leaves it and its snapshot out, since a run that streams without pausing has
   * none. The closing step is recognised as the snapshot of the step the run rests on arriving
   * after the request; a regular snapshot still in transit when the request is posted looks the
   * same, so at most one step per span may be left out wrongly (it then lowers that span's rate
   * by one step: on W1's ~40-step chunks a bias towards overstating the overhead, never hiding it).
   */
  async trainCounted(ms: number): Promise<CountedSpan> {
    this.client.post({ type: 'resume' });
    const started = await this.client.waitFor(isState('training'), 60_000);
    const t0 = performance.now();
    const snapshots0 = this.snapshots;
    await sleep(ms);
    const snapshotsAtRequest = this.snapshots;
    this.client.post({ type: 'pause' });
    const seconds = (performance.now() - t0) / 1000;
    const paused = await this.client.waitFor(isState('paused'), 60_000);
    if (started.type !== 'state' || paused.type !== 'state') throw new Error('unexpected state message');
    const closingSteps = this.snapshots > snapshotsAtRequest && this.lastSnapshotStep === paused.step && paused.step > started.step ? 1 : 0;
    return { steps: paused.step - started.step - closingSteps, seconds, snapshots: this.snapshots - snapshots0 - closingSteps, closingSteps };
  }

  dispose(): Promise<void> {
    return this.client.dispose();
  }
}

export interface CaptureOverhead {
  /** Through the worker: 30 snapshots/s of every quantity of every layer + statistics, acked promptly. */
  readonly worker: {
    readonly stepsPerSecond: { full: number; statsOnly: number; none: number };
    /** 1 − full/none and 1 − statsOnly/none, medians of per-round ratios. */
    readonly overheadFull: number;
    readonly overheadStatsOnly: number;
    /** Snapshots of the full stream per second of the counted spans (closing steps left out). */
    readonly snapshotsPerSecond: number;
    readonly megabytesPerSnapshot: number;
    /** Closing steps left out of the full stream's spans, per span. */
    readonly closingStepsPerSpan: number;
  };
  /** In process: trainer.step() vs the same loop capturing everything + stats whenever ≥ 1/30 s passed. */
  readonly inProcess: {
    readonly stepsPerSecond: { capture: number; none: number };
    readonly overhead: number;
    readonly capturesPerSecond: number;
  };
  readonly rounds: number;
  /** Length of each timed span of a worker (ms): a round alternates the workers in spans this long. */
  readonly spanMs: number;
}

function fullCaptureRequest(trainer: Trainer<FloatArray>, rows: number): StepRequest {
  const items: CaptureItem[] = [];
  trainer.network.layers.forEach((_, i) => {
    for (const quantity of QUANTITIES) {
      items.push({ layer: i + 1, quantity, target: new Float32Array(captureLength(trainer.network, i + 1, quantity, rows)) });
    }
  });
  return { capture: { items }, stats: true };
}

/** Capture overhead on the 784-256-128-10 net (batch 64), both in process (engine only) and end to end through the worker. */
export async function measureCaptureOverhead(script: string, data: SharedData, rounds: number, roundMs: number, log: Log): Promise<CaptureOverhead> {
  // In process: identical trainers, one never captures, one captures whenever 1/30 s has passed.
  const make = () => {
    const trainer = createTrainer(data.spec, data.dataset, { kernels: createKernels('f32', 'wasm') });
    trainer.network.layers.forEach((layer, l) => { layer.weights.set(data.initial.weights[l]); layer.bias.set(data.initial.biases[l]); });
    return trainer;
  };
  const plain = make();
  const capturing = make();
  const request = fullCaptureRequest(capturing, data.spec.training.batchSize);
  const intervalMs = 1000 / 30;
  let captures = 0;
  let captureSeconds = 0;
  const runPlain = (ms: number): number => {
    const t0 = performance.now();
    let steps = 0;
    let now = t0;
    do { plain.step(); steps++; now = performance.now(); } while (now - t0 < ms);
    return steps / ((now - t0) / 1000);
  };
  let lastCapture = Number.NEGATIVE_INFINITY;
  const runCapturing = (ms: number, counted: boolean): number => {
    const t0 = performance.now();
    let steps = 0;
    let now = t0;
    do {
      if (now - lastCapture >= intervalMs) {
        lastCapture = now;
        capturing.step(request);
        if (counted) captures++;
      } else capturing.step();
      steps++;
      now = performance.now();
    } while (now - t0 < ms);
    if (counted) captureSeconds += (now - t0) / 1000;
    return steps / ((now - t0) / 1000);
  };
  runPlain(roundMs / 2);
  runCapturing(roundMs / 2, false);
  // Each round alternates the two loops in CHUNKS short chunks (≥ roundMs per loop in all), so
  // both see the same moments of this noisy machine; per-round rates are steps ÷ time summed.
  const inNone: number[] = [];
  const inCapture: number[] = [];
  const chunkMs = roundMs / CHUNKS;
  for (let r = 0; r < rounds; r++) {
    const totals = { none: { steps: 0, seconds: 0 }, capture: { steps: 0, seconds: 0 } };
    for (let c = 0; c < CHUNKS; c++) {
      for (const mode of rotation(['none', 'capture'] as const, r + c)) {
        const t0 = performance.now();
        const rate = mode === 'none' ? runPlain(chunkMs) : runCapturing(chunkMs, true);
        const seconds = (performance.now() - t0) / 1000;
        totals[mode].steps += rate * seconds;
        totals[mode].seconds += seconds;
      }
    }
    inNone.push(totals.none.steps / totals.none.seconds);
    inCapture.push(totals.capture.steps / totals.capture.seconds);
  }
  const inProcess = {
    stepsPerSecond: { capture: median(inCapture), none: median(inNone) },
    overhead: 1 - median(pairedRatios(inCapture, inNone)),
    capturesPerSecond: captures / captureSeconds,
  };
  log(`  in-process: none ${inProcess.stepsPerSecond.none.toFixed(1)} steps/s, capture ${inProcess.stepsPerSecond.capture.toFixed(1)} steps/s`);

  // Through the worker: three workers, trained one at a time (A B C A B C …). "none" never acks,
  // so its gate closes after the first two snapshots and it trains with no capture at all.
  const full = await BenchWorker.start(script, data, FULL_STREAM, true);
  const statsOnly = await BenchWorker.start(script, data, STATS_STREAM, true);
  const none = await BenchWorker.start(script, data, STATS_STREAM, false);
  try {
    const workers = { full, statsOnly, none };
    for (const worker of Object.values(workers)) await worker.train(Math.max(300, roundMs / 2)); // warm-up
    const rates: Record<keyof typeof workers, number[]> = { full: [], statsOnly: [], none: [] };
    const fullSnapshots0 = full.snapshots;
    const fullBytes0 = full.snapshotBytes;
    const fullSpans = { seconds: 0, snapshots: 0, closingSteps: 0, count: 0 };
    for (let r = 0; r < rounds; r++) {
      const totals = { full: { steps: 0, seconds: 0 }, statsOnly: { steps: 0, seconds: 0 }, none: { steps: 0, seconds: 0 } };
      for (let c = 0; c < CHUNKS; c++) {
        for (const mode of rotation(['none', 'full', 'statsOnly'] as const, r + c)) {
          const span = await workers[mode].trainCounted(roundMs / CHUNKS);
          totals[mode].steps += span.steps;
          totals[mode].seconds += span.seconds;
          if (mode === 'full') {
            fullSpans.seconds += span.seconds;
            fullSpans.snapshots += span.snapshots;
            fullSpans.closingSteps += span.closingSteps;
            fullSpans.count++;
          }
        }
      }
      for (const mode of ['full', 'statsOnly', 'none'] as const) rates[mode].push(totals[mode].steps / totals[mode].seconds);
    }
    const snapshots = full.snapshots - fullSnapshots0;
    const result = {
      stepsPerSecond: { full: median(rates.full), statsOnly: median(rates.statsOnly), none: median(rates.none) },
      overheadFull: 1 - median(pairedRatios(rates.full, rates.none)),
      overheadStatsOnly: 1 - median(pairedRatios(rates.statsOnly, rates.none)),
      snapshotsPerSecond: fullSpans.snapshots / fullSpans.seconds,
      megabytesPerSnapshot: snapshots > 0 ? (full.snapshotBytes - fullBytes0) / snapshots / 1e6 : 0,
      closingStepsPerSpan: fullSpans.closingSteps / fullSpans.count,
    };
    log(`  worker: none ${result.stepsPerSecond.none.toFixed(1)}, stats-only ${result.stepsPerSecond.statsOnly.toFixed(1)}, full ${result.stepsPerSecond.full.toFixed(1)} steps/s`);
    return { worker: result, inProcess, rounds, spanMs: roundMs / CHUNKS };
  } finally {
    await Promise.all([full.dispose(), statsOnly.dispose(), none.dispose()]);
  }
}

export interface HostDelay {
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly snapshotsPerSecond: number;
  readonly megabytesPerSnapshot: number;
  readonly workerStepsPerSecond: number;
}

export interface PauseLatency {
  readonly rounds: number;
  readonly p50: number;
  readonly max: number;
  readonly all: readonly number[];
}

/**
 * The 1024-1024-1024-10 net (batch 128) through the worker, streaming every quantity at 30/s,
 * each snapshot acked on arrival: the main thread's event-loop delay over `seconds`, then pause
 * latency over `pauseRounds`.
 */
export async function measureWorkerW3(script: string, data: SharedData, seconds: number, pauseRounds: number, log: Log): Promise<{ kernels: string; delay: HostDelay; pause: PauseLatency }> {
  const worker = await BenchWorker.start(script, data, FULL_STREAM, true);
  try {
    // Warm-up: a few steps with snapshots, outside the measurement.
    await worker.train(1000);

    const histogram = monitorEventLoopDelay({ resolution: 1 });
    const snapshots0 = worker.snapshots;
    const bytes0 = worker.snapshotBytes;
    histogram.enable();
    const t0 = performance.now();
    const stepsPerSecond = await worker.train(seconds * 1000);
    const elapsed = (performance.now() - t0) / 1000;
    histogram.disable();
    const snapshots = worker.snapshots - snapshots0;
    const ms = (ns: number) => ns / 1e6;
    const delay: HostDelay = {
      seconds: elapsed,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean),
      snapshotsPerSecond: snapshots / elapsed,
      megabytesPerSnapshot: snapshots > 0 ? (worker.snapshotBytes - bytes0) / snapshots / 1e6 : 0,
      workerStepsPerSecond: stepsPerSecond,
    };
    log(`  event loop: p50 ${delay.p50.toFixed(2)} ms, p99 ${delay.p99.toFixed(2)} ms, max ${delay.max.toFixed(2)} ms over ${elapsed.toFixed(1)} s`);

    const latencies: number[] = [];
    for (let round = 0; round < pauseRounds; round++) {
      worker.client.post({ type: 'resume' });
      await worker.client.waitFor(isState('training'), 60_000);
      await sleep(150 + 37 * round); // land inside a step at varying points
      const asked = performance.now();
      worker.client.post({ type: 'pause' });
      await worker.client.waitFor(isState('paused'), 60_000);
      latencies.push(performance.now() - asked);
    }
    const pause: PauseLatency = { rounds: pauseRounds, p50: median(latencies), max: Math.max(...latencies), all: latencies };
    log(`  pause: p50 ${pause.p50.toFixed(1)} ms, max ${pause.max.toFixed(1)} ms (p90 ${percentile(latencies, 90).toFixed(1)})`);
    return { kernels: worker.kernels, delay, pause };
  } finally {
    await worker.dispose();
  }
}
