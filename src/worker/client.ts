import { Worker } from 'node:worker_threads';
import { INTERRUPT_SLOTS, transferablesOf, type HostToWorkerMessage, type WorkerToHostMessage } from '../protocol/workerMessages';

/** Commands that must overtake a long step: the worker polls the flag between layers. */
const INTERRUPTING = new Set<HostToWorkerMessage['type']>(['pause', 'stop', 'step', 'reset', 'configure', 'gradientCheck', 'cancelGradientCheck', 'dumpStep']);

/**
 * The host's handle on one training worker (extension session, CLI, benchmark, tests). Owns the
 * thread: `dispose()` terminates it, and every pending `waitFor` is rejected if the thread exits,
 * so nothing waits forever on a dead worker.
 */
export class TrainingWorkerClient {
  private readonly worker: Worker;
  private readonly interruptBuffer = new SharedArrayBuffer(INTERRUPT_SLOTS.length * Int32Array.BYTES_PER_ELEMENT);
  private readonly interrupt = new Int32Array(this.interruptBuffer);
  /** Tickets of the gradient checks posted so far. */
  private checkTickets = 0;
  private readonly listeners = new Set<(message: WorkerToHostMessage) => void>();
  private readonly exitListeners = new Set<(code: number, error?: Error) => void>();
  private exited: { code: number; error?: Error } | undefined;
  private lastError: Error | undefined;

  constructor(workerScript: string) {
    this.worker = new Worker(workerScript);
    this.worker.on('message', (message: WorkerToHostMessage) => this.listeners.forEach((listener) => listener(message)));
    this.worker.on('error', (error) => { this.lastError = error; });
    this.worker.on('exit', (code) => {
      this.exited = { code, ...(this.lastError ? { error: this.lastError } : {}) };
      this.exitListeners.forEach((listener) => listener(code, this.lastError));
    });
  }

  get threadId(): number {
    return this.worker.threadId;
  }

  get hasExited(): boolean {
    return this.exited !== undefined;
  }

  /** The shared flag to pass in `configure`. */
  get interruptFlag(): SharedArrayBuffer {
    return this.interruptBuffer;
  }

  post(message: HostToWorkerMessage): void {
    if (this.exited) throw new Error(`the training worker has exited (code ${this.exited.code})`);
    if (message.type === 'gradientCheck') message = { ...message, ticket: ++this.checkTickets };
    // Every check asked for so far is cancelled, even one the worker has not taken up yet.
    if (message.type === 'cancelGradientCheck') Atomics.store(this.interrupt, INTERRUPT_SLOTS.cancelledCheck, this.checkTickets);
    if (INTERRUPTING.has(message.type)) Atomics.store(this.interrupt, INTERRUPT_SLOTS.flag, 1);
    this.worker.postMessage(message, transferablesOf(message));
  }

  onMessage(listener: (message: WorkerToHostMessage) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  onExit(listener: (code: number, error?: Error) => void): { dispose(): void } {
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  /** The next message matching `predicate`; rejects on timeout or when the worker exits first. */
  waitFor<M extends WorkerToHostMessage>(predicate: (message: WorkerToHostMessage) => message is M, timeoutMs?: number): Promise<M>;
  waitFor(predicate: (message: WorkerToHostMessage) => boolean, timeoutMs?: number): Promise<WorkerToHostMessage>;
  waitFor(predicate: (message: WorkerToHostMessage) => boolean, timeoutMs = 30_000): Promise<WorkerToHostMessage> {
    if (this.exited) return Promise.reject(new Error(`the training worker has exited (code ${this.exited.code})`));
    return new Promise((resolve, reject) => {
      const cleanup = () => { clearTimeout(timer); subscription.dispose(); exit.dispose(); };
      const timer = setTimeout(() => { cleanup(); reject(new Error(`no matching worker message within ${timeoutMs} ms`)); }, timeoutMs);
      const subscription = this.onMessage((message) => {
        if (predicate(message)) { cleanup(); resolve(message); }
      });
      const exit = this.onExit((code, error) => { cleanup(); reject(new Error(`the training worker exited (code ${code})${error ? `: ${error.message}` : ''}`)); });
    });
  }

  /** Terminates the thread; resolves once it has exited. */
  async dispose(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.onExit(() => resolve()));
    await this.worker.terminate();
    await exit;
  }
}
