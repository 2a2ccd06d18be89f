import type { ModelSpec } from '../../model/spec';
import type { Dataset } from '../../data/dataset';
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

  constructor(workerScript: string, onMessage: (message: WorkerToHostMessage) => void, onUnexpectedExit: (code: number, error?: Error) => void) {
    this.client = new TrainingWorkerClient(workerScript);
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
    const failed = (m: WorkerToHostMessage) => m.type === 'error' && m.code === 'invalid-configuration';
    const reply = this.client.waitFor((m) => m.type === 'configured' || failed(m), WORKER_REPLY_TIMEOUT_MS);
    // The worker follows `configured` with its state (paused at step 0): callers see that state too.
    const settled = this.client.waitFor((m) => m.type === 'state' || failed(m), WORKER_REPLY_TIMEOUT_MS);
    // The dataset's buffers are transferred: the caller must not use `dataset` afterwards.
    this.client.post({ type: 'configure', spec, dataset, stream, interrupt: this.client.interruptFlag });
    const message = await reply;
    if (message.type !== 'configured') {
      settled.catch(() => undefined);
      throw new Error(message.type === 'error' ? message.message : 'unexpected reply to configure');
    }
    await settled;
    return message;
  }

  post(message: HostToWorkerMessage): void {
    if (this.alive) this.client.post(message);
  }

  /** Posts `message` and resolves with the first reply `accept` takes (listening starts before posting). */
  request(message: HostToWorkerMessage, accept: (reply: WorkerToHostMessage) => boolean): Promise<WorkerToHostMessage> {
    const reply = this.client.waitFor(accept, WORKER_REPLY_TIMEOUT_MS * 4);
    this.client.post(message);
    return reply;
  }

  /** Ends the thread as a crash would, without marking it intended (the development build's test hooks use it). */
  terminateAbruptly(): Promise<void> {
    return this.client.dispose();
  }

  async dispose(): Promise<void> {
    this.disposing = true;
    this.subscriptions.forEach((subscription) => subscription.dispose());
    await this.client.dispose();
  }
}
