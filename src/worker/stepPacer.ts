import { stepIntervalMs, type Pace } from '../core/pace';

/**
 * Falling behind by up to this long (ms) is caught up with steps back to back: timers wake a
 * millisecond or two late, which at 1 000 steps/s would otherwise cost a fifth of the pace.
 */
const CATCH_UP_MS = 20;

/**
 * When the next step of a paced run may start. The worker sleeps until then (a timer, not a busy
 * wait); at full speed every step is due at once, so the unpaced path gains one comparison.
 */
export class StepPacer {
  private intervalMs = 0;
  private nextDueAt = Number.NEGATIVE_INFINITY;

  constructor(pace: Pace, private readonly now: () => number = () => performance.now()) {
    this.setPace(pace);
  }

  /** Applies at once: the next step is due now, then every interval of the new pace. */
  setPace(pace: Pace): void {
    this.intervalMs = stepIntervalMs(pace);
    this.nextDueAt = Number.NEGATIVE_INFINITY;
  }

  /** Milliseconds until the next step is due; 0 when it is due now. */
  get waitMs(): number {
    return this.intervalMs === 0 ? 0 : Math.max(0, this.nextDueAt - this.now());
  }

  /** A paced step that started at `startedAt` is done. */
  stepped(startedAt: number): void {
    if (this.intervalMs === 0) return;
    // A fixed grid keeps the average pace when timers wake late; far behind (a slow model, a pause) restarts it.
    const behind = startedAt - this.nextDueAt;
    this.nextDueAt = behind < Math.max(this.intervalMs, CATCH_UP_MS) ? this.nextDueAt + this.intervalMs : startedAt + this.intervalMs;
  }

  /** The run rests (paused, stepped): its next step is due as soon as it trains again. */
  restart(): void {
    this.nextDueAt = Number.NEGATIVE_INFINITY;
  }
}
