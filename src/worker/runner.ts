import { storedFor, type Dataset } from '../core/dataset';
import { createTrainer, type FloatArray, type StepReport, type Trainer } from '../engine';
import type { ModelSpec } from '../core/spec';
import { LIMITS } from '../core/limits';
import type { RunState } from '../protocol/panelMessages';
import { INTERRUPT_SLOTS, type HostToWorkerMessage, type StreamSettings, type WorkerErrorCode, type WorkerToHostMessage } from '../protocol/workerMessages';
import { stepRecord } from '../engine/dumpFormat';
import { GradientCheckInterrupted } from '../engine/gradientCheck';
import { createKernels } from '../engine/kernels/select';
import { BufferPool } from './bufferPool';
import { InputSpaceStream } from './inputSpaceStream';
import { SnapshotBuilder, type SnapshotPlan } from './snapshotBuilder';
import { SnapshotGate } from './snapshotGate';
import { StepPacer } from './stepPacer';
import { StepScalarLog } from './stepScalarLog';
import { ThroughputMeter } from './throughput';

/** Longest stretch of training between two turns of the message loop. */
const SLICE_MS = 15;

/**
 * Pause and Stop must take effect within 50 ms even on large networks: the closing step that
 * shows the newest step runs only when the recent steps took at most this long on average (ms).
 */
const CLOSING_STEP_MAX_MS = 10;

/** Runs `run` after `ms` milliseconds; returns a cancel function. Replaced in tests. */
export type Delay = (run: () => void, ms: number) => () => void;

const timerDelay: Delay = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * The training loop behind the worker, independent of `worker_threads` so it can be tested
 * in-process: messages in through `handle`, messages out through `post`. Training runs in slices
 * of about 15 ms; between slices the event loop delivers commands, and inside a slice a long step
 * abandons itself between layers when the host raises the shared interrupt flag. A paced run
 * (StreamSettings.pace) sleeps between steps; Step commands and the closing step are never paced.
 * A run comes to rest on a step the panel was shown: the last step of the run is always captured,
 * and Pause or Stop after an uncaptured step first runs one more step, captured, then rests (when
 * steps are quick and the snapshot fits one beyond the in-flight limit; otherwise at once).
 */
export class TrainingRunner {
  private trainer: Trainer<FloatArray> | undefined;
  private builder: SnapshotBuilder | undefined;
  private inputSpace: InputSpaceStream | undefined;
  /** Every step's loss, accuracy and ‖∂L/∂W⁽ˡ⁾‖ since the last `scalars` message. */
  private scalars: StepScalarLog | undefined;
  private gate = new SnapshotGate(LIMITS.maxSnapshotRate);
  private readonly pool = new BufferPool();
  private interrupt: Int32Array | undefined;
  private state: RunState = 'idle';
  /** Batches left for a `step` command; training pauses when it reaches 0. */
  private stepsLeft = 0;
  /** Where the run rests once `stepsLeft` reaches 0: paused after a Step, or what a Pause or Stop asked for. */
  private restState: 'paused' | 'finished' = 'paused';
  /** The newest step whose snapshot was sent (0: none). */
  private lastCapturedStep = 0;
  private readonly pacer = new StepPacer('full');
  /** Mean time of the recent steps' work (ms, an exponential average: one descheduled step barely moves it; sleeps are not counted). */
  private meanStepMs = 0;
  /** Cancels the timer of a paced run's sleep, if one is pending. */
  private cancelSleep: (() => void) | undefined;
  private scheduled = false;
  private lastValidation: { valLoss: number | null; valAccuracy: number | null } = { valLoss: null, valAccuracy: null };
  private readonly meter = new ThroughputMeter();
  /** The request (its id) whose effect the next `state` message reports: that message is its reply. */
  private awaiting: number | undefined;
  /** What the current trainer was built from, so reset with another seed can rebuild it. */
  private configuration: { spec: ModelSpec; dataset: Dataset } | undefined;

  constructor(
    private readonly post: (message: WorkerToHostMessage) => void,
    private readonly schedule: (run: () => void) => void = setImmediate,
    private readonly delay: Delay = timerDelay,
  ) {}

  handle(message: HostToWorkerMessage): void {
    try {
      // Any message ends a paced run's sleep: a Step or a new pace applies at once, and the loop re-checks what is due.
      this.wakeFromSleep();
      this.dispatch(message);
      // Any interrupting command (a check, a dump, a cancel) may have cut the running slice short:
      // carry on training if the run still wants steps (a no-op when paused or already scheduled).
      this.wake();
    } catch (error) {
      this.fail(error instanceof RangeError && /Array buffer allocation|Invalid typed array length|memory/i.test(error.message) ? 'out-of-memory' : 'exception', error);
    }
  }

  private dispatch(message: HostToWorkerMessage): void {
    this.clearInterrupt();
    if (message.type === 'configure') {
      this.expect(message.id);
      return this.configure(message.spec, message.dataset, message.stream, message.interrupt);
    }
    if (message.type === 'ack') return this.gate.acknowledge(message.seq);
    if (message.type === 'recycle') return this.pool.give(message.buffers);
    if (message.type === 'setStream') return this.setStream(message.stream);
    if (message.type === 'cancelGradientCheck') return; // raising the interrupt flag was its whole job
    const trainer = this.trainer;
    const id = 'id' in message ? message.id : undefined;
    if (!trainer) return this.error('not-configured', `'${message.type}' needs a configured model first`, id);
    switch (message.type) {
      case 'start':
      case 'resume':
        if (this.state === 'diverged' || this.state === 'finished') return this.error('exception', `cannot ${message.type}: the run has ${this.state === 'diverged' ? 'diverged (reset it)' : 'finished (reset it)'}`, id);
        this.stepsLeft = 0;
        this.expect(id);
        return this.setState('training');
      case 'pause':
        this.expect(id);
        if (this.state === 'training') return this.rest('paused');
        this.stepsLeft = 0;
        return this.answer();
      case 'step':
        if (this.state === 'diverged' || this.state === 'finished') return this.error('exception', `cannot step: the run has ${this.state}`, id);
        this.stepsLeft = message.count;
        this.restState = 'paused';
        this.setState('paused');
        // Answered when the batches are done (the `paused` just sent is the step it starts from).
        return this.expect(id);
      case 'stop':
        this.expect(id);
        if (this.state === 'training') return this.rest('finished');
        this.stepsLeft = 0;
        return this.setState('finished');
      case 'reset': {
        this.expect(id);
        const { spec, dataset } = this.configuration!;
        if (message.seed !== undefined && message.seed !== spec.training.seed) {
          return this.configure({ ...spec, training: { ...spec.training, seed: message.seed } }, dataset, this.builder!.settings, undefined);
        }
        trainer.reset();
        this.scalars?.clear();
        this.stepsLeft = 0;
        this.lastCapturedStep = 0;
        this.lastValidation = { valLoss: null, valAccuracy: null };
        this.meter.reset();
        return this.setState('paused');
      }
      case 'setLearningRate':
        return trainer.setLearningRate(message.value);
      case 'gradientCheck':
        return this.checkGradients(trainer, message.samplesPerLayer, message.ticket, id);
      case 'dumpStep':
        return this.dumpStep(trainer, id);
    }
  }

  /**
   * `id`'s reply is the next `state` message. A request still waiting for its reply (a host that
   * did not wait) is answered first, with the state as it is, so no request is left unanswered.
   */
  private expect(id: number | undefined): void {
    if (this.awaiting !== undefined) this.answer();
    this.awaiting = id;
  }

  /** Replies to the awaiting request with the current state (nothing changed, or nothing to wait for). */
  private answer(): void {
    const replyTo = this.awaiting;
    this.awaiting = undefined;
    if (replyTo !== undefined) this.post({ type: 'state', state: this.state, step: this.trainer?.stepCount ?? 0, epoch: this.trainer?.epoch ?? 0, replyTo });
  }

  private checkGradients(trainer: Trainer<FloatArray>, samplesPerLayer: number | undefined, ticket: number | undefined, replyTo: number | undefined): void {
    const cancelled = (): boolean => ticket !== undefined && this.interrupt !== undefined && this.interrupt.length >= INTERRUPT_SLOTS.length
      && Atomics.load(this.interrupt, INTERRUPT_SLOTS.cancelledCheck) >= ticket;
    try {
      const report = trainer.gradientCheck({ ...(samplesPerLayer !== undefined ? { samplesPerLayer } : {}), abort: () => this.interrupted() || cancelled() });
      this.post({ type: 'gradientCheck', report, ...replyOf(replyTo) });
    } catch (error) {
      if (!(error instanceof GradientCheckInterrupted)) throw error;
      this.post({ type: 'gradientCheckInterrupted', ...replyOf(replyTo) });
    }
  }

  private dumpStep(trainer: Trainer<FloatArray>, replyTo: number | undefined): void {
    const step = trainer.stepCount;
    let record = '';
    trainer.inspectNext((network, rows, loss) => { record = stepRecord(step, loss, network, rows, trainer.precision); });
    this.post({ type: 'stepDump', step, record, ...replyOf(replyTo) });
  }

  private configure(spec: ModelSpec, received: Dataset, stream: StreamSettings, interrupt: SharedArrayBuffer | undefined): void {
    let trainer: Trainer<FloatArray>;
    // Kept as the run stores it: the Float64 copy that arrived is dropped after this.
    const dataset = storedFor(received, spec.training.precision);
    try {
      trainer = createTrainer(spec, dataset, { kernels: createKernels(spec.training.precision) });
    } catch (error) {
      this.trainer = undefined;
      const replyTo = this.awaiting;
      this.awaiting = undefined;
      return this.error('invalid-configuration', (error as Error).message, replyTo);
    }
    this.trainer = trainer;
    this.configuration = { spec, dataset };
    this.pool.clear(); // another model's tensor sizes
    this.builder = new SnapshotBuilder(trainer, stream, this.pool);
    this.scalars = new StepScalarLog(trainer.network.layers.length, trainer.dataset.task !== 'regression');
    this.inputSpace = new InputSpaceStream(trainer);
    this.inputSpace.setEnabled(stream.inputSpace === true);
    this.gate = new SnapshotGate(stream.rate);
    this.pacer.setPace(stream.pace ?? 'full');
    this.lastCapturedStep = 0;
    if (interrupt) this.interrupt = new Int32Array(interrupt);
    this.stepsLeft = 0;
    this.lastValidation = { valLoss: null, valAccuracy: null };
    this.meter.reset();
    // Before `configured`, so the host holds this configuration's points once it knows of it.
    if (this.inputSpace.points) this.post(this.inputSpace.points);
    this.post({
      type: 'configured',
      parameterCount: trainer.network.parameterCount,
      trainSamples: trainer.trainIndices.length,
      validationSamples: trainer.validationIndices.length,
      stepsPerEpoch: trainer.stepsPerEpoch,
      kernels: trainer.network.kernels.name,
    });
    this.setState('paused');
  }

  private setStream(stream: StreamSettings): void {
    this.builder?.setStream(stream);
    this.gate.setRate(stream.rate);
    this.pacer.setPace(stream.pace ?? 'full');
    if (this.inputSpace?.setEnabled(stream.inputSpace === true)) this.sendInputView(true);
  }

  private get wantsSteps(): boolean {
    return this.state === 'training' || this.stepsLeft > 0;
  }

  private wake(): void {
    if (this.scheduled || !this.wantsSteps) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      try {
        this.runSlice();
      } catch (error) {
        this.fail('exception', error);
      }
    });
  }

  /** Comes to rest in `state` on a shown step: now if the newest step was captured, else after one more, captured. */
  private rest(state: 'paused' | 'finished'): void {
    const trainer = this.trainer!;
    const shown = trainer.stepCount === this.lastCapturedStep || trainer.epoch >= trainer.spec.training.epochs;
    const quick = this.meanStepMs <= CLOSING_STEP_MAX_MS;
    if (shown || !quick || !this.gate.hasRoomToRest) {
      this.stepsLeft = 0;
      return this.setState(state);
    }
    this.stepsLeft = 1;
    this.restState = state;
  }

  private get isLastStepOfRun(): boolean {
    const trainer = this.trainer!;
    return trainer.stepCount + 1 >= trainer.stepsPerEpoch * trainer.spec.training.epochs;
  }

  private sleep(ms: number): void {
    this.scheduled = true;
    this.cancelSleep = this.delay(() => {
      this.cancelSleep = undefined;
      this.scheduled = false;
      this.wake();
    }, ms);
  }

  private wakeFromSleep(): void {
    if (this.cancelSleep === undefined) return;
    this.cancelSleep();
    this.cancelSleep = undefined;
    this.scheduled = false;
  }

  private runSlice(): void {
    const trainer = this.trainer!;
    const sliceEnd = performance.now() + SLICE_MS;
    while (this.wantsSteps && performance.now() < sliceEnd) {
      // Only a training run is paced; Step commands and a closing step run at once.
      const paced = this.stepsLeft === 0;
      if (paced && this.pacer.waitMs > 0) return this.sleep(this.pacer.waitMs);
      const startedAt = performance.now();
      // The last batch of a step command, and the run's last step, are always captured: the user must see exactly them.
      const snapshot = this.stepsLeft === 1 || this.isLastStepOfRun || this.gate.isDue;
      const captureOf = (chosen: SnapshotPlan) => ({ capture: { items: chosen.items }, stats: true, inspect: chosen.inspect });
      let plan = snapshot ? this.builder!.plan(this.builder!.nextBatchRows()) : undefined;
      const report = trainer.tryStep({
        // So is a step whose loss overflows, which ends the run: the panel must rest on it, not on the snapshot before.
        ...(plan ? captureOf(plan) : { captureIfLossNotFinite: () => captureOf(plan = this.builder!.plan(this.builder!.nextBatchRows())) }),
        gradientNorms: this.scalars!.norms,
        abort: () => this.interrupted(),
      });
      if (report === undefined) return; // abandoned between layers: a command is waiting
      const endedAt = performance.now();
      this.meanStepMs += (endedAt - startedAt - this.meanStepMs) * 0.1;
      this.meter.tick(endedAt);
      if (paced) this.pacer.stepped(startedAt);
      this.scalars!.record(report.step, report.loss, report.accuracy);
      if (report.epochEnd) this.postEpoch(report);
      // Every step's scalars reach the charts before the snapshot that draws them, and in full batches between snapshots.
      if (plan || this.scalars!.isFull) this.sendScalars();
      if (plan) {
        this.sendSnapshot(report, plan);
        this.sendInputView(false);
        this.lastCapturedStep = report.step;
      }
      if (report.nonFinite) return this.diverge(report);
      if (this.stepsLeft > 0 && --this.stepsLeft === 0) return this.setState(this.restState);
      if (trainer.epoch >= trainer.spec.training.epochs) return this.setState('finished');
    }
    this.wake();
  }

  private postEpoch(report: StepReport): void {
    const end = report.epochEnd!;
    this.lastValidation = { valLoss: end.validation?.loss ?? null, valAccuracy: end.validation?.accuracy ?? null };
    this.scalars!.recordValidation(report.step, this.lastValidation.valLoss, this.lastValidation.valAccuracy);
    this.post({ type: 'epoch', epoch: end.epoch, step: report.step, trainLoss: end.trainLoss, trainAccuracy: end.trainAccuracy, ...this.lastValidation });
  }

  private sendSnapshot(report: StepReport, plan: SnapshotPlan): void {
    const { valLoss, valAccuracy } = this.lastValidation;
    const message = this.builder!.build(this.gate.markSent(), report, {
      state: this.state,
      stepsPerSecond: this.meter.perSecond,
      ...(valLoss !== null ? { valLoss } : {}),
      ...(valAccuracy !== null ? { valAccuracy } : {}),
    }, plan);
    this.post(message);
  }

  private sendScalars(): void {
    const message = this.scalars?.take();
    if (message) this.post(message);
  }

  /** The input-space view, if the panel shows it and one is due (`force`: now, e.g. on pausing). */
  private sendInputView(force: boolean): void {
    const view = this.inputSpace?.next(force);
    if (view) this.post(view);
  }

  private diverge(report: StepReport): void {
    this.sendScalars();
    const where = report.nonFinite!;
    this.post({
      type: 'error', code: 'non-finite', layer: where.layer, quantity: where.quantity,
      message: `Step ${report.step}: ${where.value} in ${where.layer === 0 ? 'the loss' : `layer ${where.layer}, ${where.quantity}[${where.index}]`}. ` +
        'Training paused: try a smaller learning rate or another initialization.',
    });
    this.setState('diverged');
  }

  private setState(state: RunState): void {
    this.state = state;
    if (state !== 'training') {
      this.sendScalars(); // the charts end where the run rests
      this.restState = 'paused';
      this.pacer.restart();
    }
    const replyTo = this.awaiting;
    this.awaiting = undefined;
    this.post({ type: 'state', state, step: this.trainer?.stepCount ?? 0, epoch: this.trainer?.epoch ?? 0, ...replyOf(replyTo) });
    // A run at rest shows the prediction of the weights it rests at.
    if (state === 'paused' || state === 'finished') this.sendInputView(true);
  }

  private interrupted(): boolean {
    return this.interrupt !== undefined && Atomics.load(this.interrupt, INTERRUPT_SLOTS.flag) !== 0;
  }

  private clearInterrupt(): void {
    if (this.interrupt) Atomics.store(this.interrupt, INTERRUPT_SLOTS.flag, 0);
  }

  private error(code: WorkerErrorCode, message: string, replyTo?: number): void {
    this.post({ type: 'error', code, message, ...replyOf(replyTo) });
  }

  private fail(code: WorkerErrorCode, error: unknown): void {
    this.stepsLeft = 0;
    this.state = 'error';
    this.error(code, error instanceof Error ? error.message : String(error));
    const replyTo = this.awaiting;
    this.awaiting = undefined;
    this.post({ type: 'state', state: 'error', step: this.trainer?.stepCount ?? 0, epoch: this.trainer?.epoch ?? 0, ...replyOf(replyTo) });
  }
}

/** The `replyTo` field of a reply to request `id` (none when the request had no id). */
function replyOf(id: number | undefined): { replyTo?: number } {
  return id === undefined ? {} : { replyTo: id };
}
