import type { ModelSpec } from '../../core/spec';
import type { Dataset } from '../../core/dataset';
import type { GradientCheckReport } from '../../core/gradientCheckReport';
import { RequestEndpoint } from '../../host/link/requestEndpoint';
import type { SnapshotSource, SourceDescription, SourceListener } from '../../host/snapshotSource';
import type { SnapshotMessage } from '../../protocol/panelMessages';
import { tensorBuffersOf, type HostToWorkerMessage, type StreamSettings, type WorkerToHostMessage } from '../../protocol/workerMessages';
import { TrainingWorkerClient } from '../../worker/client';

/** How long a command may wait for the worker to confirm it before the session gives up. */
export const WORKER_REPLY_TIMEOUT_MS = 30_000;

/** Run commands and checks may wait behind a long step or a large check. */
const LONG_REPLY_TIMEOUT_MS = WORKER_REPLY_TIMEOUT_MS * 4;

/**
 * The built-in snapshot source: one training worker thread. Requests carry ids and settle with the
 * reply that carries the same id (src/host/link/requestEndpoint.ts). `dispose()` is the intended
 * end; any other exit (a crash, or the test hook's terminate) is reported through `ended`.
 */
export class WorkerLink implements SnapshotSource {
  readonly label = 'the training worker';
  private readonly client: TrainingWorkerClient;
  private readonly endpoint: RequestEndpoint<HostToWorkerMessage, WorkerToHostMessage>;
  private readonly subscriptions: { dispose(): void }[] = [];
  private disposing = false;
  /** The description the worker sent last (`configured` comes just before the reply to `configure`). */
  private configured: SourceDescription | undefined;
  /** Links whose thread runs and was not told to end, sessions ended or not. */
  private static readonly running = new Set<WorkerLink>();

  /** How many worker threads are alive and not being ended: a worker that outlived its session still counts. */
  static get liveCount(): number {
    return WorkerLink.running.size;
  }

  constructor(workerScript: string, listener: SourceListener) {
    this.client = new TrainingWorkerClient(workerScript);
    this.endpoint = new RequestEndpoint((message) => this.client.post(message), WORKER_REPLY_TIMEOUT_MS);
    WorkerLink.running.add(this);
    // Not among the subscriptions: dispose() drops those before the thread has exited.
    this.client.onExit((code, error) => {
      WorkerLink.running.delete(this);
      this.endpoint.close(new Error(`the training worker exited (code ${code})${error ? `: ${error.message}` : ''}`));
    });
    this.subscriptions.push(
      this.client.onMessage((message) => {
        if (message.type === 'configured') {
          const { type: _type, ...description } = message;
          this.configured = description;
        } else if (message.type !== 'gradientCheck' && message.type !== 'gradientCheckInterrupted' && message.type !== 'stepDump') {
          listener.message(message); // replies that are news too (state, error) reach the session first
        }
        this.endpoint.receive(message);
      }),
      this.client.onExit((code, error) => {
        if (!this.disposing) listener.ended(`exited unexpectedly (code ${code})${error ? `: ${error.message}` : ''}`);
      }),
    );
  }

  get alive(): boolean {
    return !this.client.hasExited;
  }

  /** Sends the model and waits until the worker built it and rests at step 0 (rejects with the worker's reason otherwise). */
  async configure(spec: ModelSpec, dataset: Dataset, stream: StreamSettings): Promise<SourceDescription> {
    this.checkAlive();
    this.configured = undefined;
    // The dataset's buffers are transferred: the caller must not use `dataset` afterwards.
    const reply = await this.endpoint.request({ type: 'configure', spec, dataset, stream, interrupt: this.client.interruptFlag });
    if (reply.type === 'error') throw new Error(reply.message);
    if (reply.type !== 'state' || this.configured === undefined) throw new Error(`unexpected reply to configure: ${reply.type}`);
    return this.configured;
  }

  train(): Promise<void> {
    return this.command({ type: 'start' });
  }

  pause(): Promise<void> {
    return this.command({ type: 'pause' });
  }

  resume(): Promise<void> {
    return this.command({ type: 'resume' });
  }

  step(count: number): Promise<void> {
    return this.command({ type: 'step', count });
  }

  stop(): Promise<void> {
    return this.command({ type: 'stop' });
  }

  reset(): Promise<void> {
    return this.command({ type: 'reset' });
  }

  setLearningRate(value: number): void {
    this.post({ type: 'setLearningRate', value });
  }

  setStream(stream: StreamSettings): void {
    this.post({ type: 'setStream', stream });
  }

  acknowledge(seq: number): void {
    this.post({ type: 'ack', seq });
  }

  /** The worker fills the snapshot's tensor buffers again instead of allocating new ones. */
  release(snapshot: SnapshotMessage): void {
    this.post({ type: 'recycle', buffers: tensorBuffersOf(snapshot) });
  }

  async checkGradients(samplesPerLayer: number): Promise<GradientCheckReport | undefined> {
    this.checkAlive();
    const reply = await this.endpoint.request({ type: 'gradientCheck', samplesPerLayer }, LONG_REPLY_TIMEOUT_MS);
    if (reply.type === 'error') throw new Error(reply.message);
    return reply.type === 'gradientCheck' ? reply.report : undefined;
  }

  cancelGradientCheck(): void {
    this.post({ type: 'cancelGradientCheck' });
  }

  async dumpStep(): Promise<{ step: number; record: string }> {
    this.checkAlive();
    const reply = await this.endpoint.request({ type: 'dumpStep' }, LONG_REPLY_TIMEOUT_MS);
    if (reply.type === 'error') throw new Error(reply.message);
    if (reply.type !== 'stepDump') throw new Error(`unexpected reply to dumpStep: ${reply.type}`);
    return { step: reply.step, record: reply.record };
  }

  /** A run command: resolves on the state that reports its effect, rejects on the worker's refusal. */
  private async command(message: Extract<HostToWorkerMessage, { type: 'start' | 'pause' | 'resume' | 'step' | 'stop' | 'reset' }>): Promise<void> {
    this.checkAlive();
    const reply = await this.endpoint.request(message, LONG_REPLY_TIMEOUT_MS);
    if (reply.type === 'error') throw new Error(reply.message);
  }

  private post(message: HostToWorkerMessage): void {
    if (this.alive) this.client.post(message);
  }

  /**
   * Throws when the thread has exited. Checked before a request is made: posting to a dead worker
   * throws. The exit is reported by an event, so it cannot happen between this check and the post.
   */
  private checkAlive(): void {
    if (!this.alive) throw new Error('the training worker has exited');
  }

  /** Ends the thread as a crash would, without marking it intended (the development build's test hooks use it). */
  terminateAbruptly(): Promise<void> {
    return this.client.dispose();
  }

  async dispose(): Promise<void> {
    this.disposing = true;
    WorkerLink.running.delete(this);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    await this.client.dispose();
  }
}
