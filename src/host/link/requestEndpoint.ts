/**
 * Requests with ids over a message link: each request gets an id (1, 2, …), the reply carries it
 * back in `replyTo`, and the request settles with exactly that reply, whatever else arrives in
 * between (snapshots, scalars, another request's reply). See docs/protocol.md, "Request ids".
 */

/** What every message on the link has. */
export interface Typed {
  readonly type: string;
}

/** A message that may answer a request. */
export interface MaybeReply extends Typed {
  readonly replyTo?: number;
}

/** Raised when a request's reply did not come in time, or the link closed first. */
export class RequestFailedError extends Error {}

interface Pending<In> {
  readonly resolve: (reply: In) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class RequestEndpoint<Out extends Typed, In extends MaybeReply> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<In>>();
  private closed: Error | undefined;

  /** `send` posts a request (with its id) on the link; `timeoutMs` bounds the wait for each reply. */
  constructor(private readonly send: (message: Out & { readonly id: number }) => void, private readonly timeoutMs: number) {}

  /** Requests waiting for their reply. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Posts `message` with a fresh id; resolves with the reply that carries it. */
  request(message: Out, timeoutMs = this.timeoutMs): Promise<In> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    return new Promise<In>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestFailedError(`no reply to '${message.type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.send({ ...message, id });
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Every message that arrives on the link: settles the request it replies to; true if it was a reply. */
  receive(message: In): boolean {
    if (message.replyTo === undefined) return false;
    const waiting = this.pending.get(message.replyTo);
    if (waiting === undefined) return false;
    this.pending.delete(message.replyTo);
    clearTimeout(waiting.timer);
    waiting.resolve(message);
    return true;
  }

  /** The link ended: every waiting request rejects with `reason`, and so does any made later. */
  close(reason: Error): void {
    this.closed = reason;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(id);
      waiting.reject(reason);
    }
  }
}
