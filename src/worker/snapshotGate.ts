import { LIMITS } from '../core/limits';
import { snapshotRateProblem } from '../core/snapshotRate';

/**
 * Decides when the worker may send a snapshot: at most `rate` per second whatever the training
 * speed, and never more than `maxInFlight` unacknowledged. Training never waits on the gate:
 * a closed gate means the step's state is simply not captured, so a slow consumer always gets
 * the newest state next (coalescing) and nothing queues without bound.
 */
export class SnapshotGate {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastSentSeq = 0;
  private lastAckedSeq = 0;
  private intervalMs: number;

  constructor(
    rate: number,
    private readonly maxInFlight: number = LIMITS.maxUnacknowledgedSnapshots,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.intervalMs = SnapshotGate.intervalFor(rate);
  }

  private static intervalFor(rate: number): number {
    const problem = snapshotRateProblem(rate);
    if (problem !== undefined) throw new RangeError(problem);
    return 1000 / rate;
  }

  setRate(rate: number): void {
    this.intervalMs = SnapshotGate.intervalFor(rate);
  }

  get inFlight(): number {
    return this.lastSentSeq - this.lastAckedSeq;
  }

  /** Room for one more snapshot, ignoring the rate (for the snapshot that ends a pause or a step). */
  get hasRoom(): boolean {
    return this.inFlight < this.maxInFlight;
  }

  /**
   * Room for the snapshot a run rests on (Pause, Stop): one beyond `maxInFlight`, so a slow
   * consumer still gets the step the run stopped at; each rest adds at most one.
   */
  get hasRoomToRest(): boolean {
    return this.inFlight <= this.maxInFlight;
  }

  /** A snapshot captured now would be sent: the interval has passed and there is room. */
  get isDue(): boolean {
    return this.hasRoom && this.now() - this.lastSentAt >= this.intervalMs;
  }

  /** Records a send; returns the snapshot's sequence number (1, 2, …). */
  markSent(): number {
    // Keep a fixed grid: measuring from the send time would stretch every interval by a step's
    // duration and deliver well under `rate`. Falling more than an interval behind restarts it.
    const now = this.now();
    this.lastSentAt = now - this.lastSentAt < 2 * this.intervalMs ? this.lastSentAt + this.intervalMs : now;
    this.lastSentSeq += 1;
    return this.lastSentSeq;
  }

  /** Acknowledgements are cumulative: acking `seq` acknowledges every snapshot up to it. */
  acknowledge(seq: number): void {
    if (Number.isInteger(seq) && seq > this.lastAckedSeq && seq <= this.lastSentSeq) this.lastAckedSeq = seq;
  }

  /** Forget in-flight snapshots (the consumer went away or was replaced). */
  reset(): void {
    this.lastAckedSeq = this.lastSentSeq;
    this.lastSentAt = Number.NEGATIVE_INFINITY;
  }
}
