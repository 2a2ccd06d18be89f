import type { ModelSpec } from '../../core/spec';
import type { Dataset } from '../../core/dataset';
import type { HostToWorkerMessage, StreamSettings, WorkerToHostMessage } from '../../protocol/workerMessages';
import { TrainingWorkerClient } from '../../worker/client';

type Configured = Extract<WorkerToHostMessage, { type: 'configured' }>;

/** How long a command may wait for the worker to confirm it before the session gives up. */
export const WORKER_REPLY_TIMEOUT_MS = 30_000;

/**
 * One worker thread and the session's listeners on it. `dispose()` is the intended end; any other
 * exit (a crash, or the test hook's terminate) is reported through `onUnexpectedExit`.
 */
export class WorkerLink {
  private readonly client: TrainingWorkerClient;
  private readonly subscriptions: { dispose(): void }[] = [];
  private disposing = false;
  /** Links whose thread runs and was not told to end, sessions ended or not. */
  private static readonly running = new Set<WorkerLink>();

  /** How many worker threads are alive and not being ended: a worker that outlived its session still counts. */
  static get liveCount(): number {
    return WorkerLink.running.size;
  }

  constructor(workerScript: string, onMessage: (message: WorkerToHostMessage) => void, onUnexpectedExit: (code: number, error?: Error) => void) {
    this.client = new TrainingWorkerClient(workerScript);
    WorkerLink.running.add(this);
    // Not among the subscriptions: dispose() drops those before the thread has exited.
    this.client.onExit(() => WorkerLink.running.delete(this));
    this.subscriptions.push(
      this.client.onMessage(onMessage),
      this.client.onExit((code, error) => { if (!this.disposing) onUnexpectedExit(code, error); }),
    );
  }

  get alive(): boolean {
    return !this.client.hasExited;
  }

  /** Sends the model and waits until the worker built it (rejects with the worker's reason otherwise). */
  async configure(spec: ModelSpec, dataset: Dataset, stream: StreamSettings): Promise<Configured> {
    this.checkAlive();
    const failed = (m: WorkerToHostMessage) => m.type === 'error' && m.code === 'invalid-configuration';
    const reply = this.client.waitFor((m) => m.type === 'configured' || failed(m), WORKER_REPLY_TIMEOUT_MS);
    // The worker follows `configured` with its state (paused at step 0): callers see that state too.
    const settled = this.client.waitFor((m) => m.type === 'state' || failed(m), WORKER_REPLY_TIMEOUT_MS);
    // A worker that exits (or is killed) before replying rejects both waits at once; the caller
    // hears of it through `reply`, so `settled` must not go unhandled in the meantime.
    settled.catch(() => undefined);
    // The dataset's buffers are transferred: the caller must not use `dataset` afterwards.
    this.client.post({ type: 'configure', spec, dataset, stream, interrupt: this.client.interruptFlag });
    const message = await reply;
    if (message.type !== 'configured') throw new Error(message.type === 'error' ? message.message : 'unexpected reply to configure');
    await settled;
    return message;
  }

  post(message: HostToWorkerMessage): void {
    if (this.alive) this.client.post(message);
  }

  /** Posts `message` and resolves with the first reply `accept` takes (listening starts before posting). */
  request(message: HostToWorkerMessage, accept: (reply: WorkerToHostMessage) => boolean): Promise<WorkerToHostMessage> {
    this.checkAlive();
    const reply = this.client.waitFor(accept, WORKER_REPLY_TIMEOUT_MS * 4);
    this.client.post(message);
    return reply;
  }

  /**
   * Throws when the thread has exited. Checked before a wait is set up: a dead worker's wait
   * rejects at once and posting to it throws, which would leave that rejection unhandled. The
   * exit is reported by an event, so it cannot happen between this check and the post after it.
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
