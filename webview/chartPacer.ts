/**
 * Paces chart.js re-renders while a run streams. A chart.js render costs 1.5–3 ms (option
 * resolution, layout, text); the three run charts and one histogram per card rendered together
 * cost about 14 ms for a 784-256-128-10 net, and snapshots arriving during such a frame were
 * coalesced away. So while training:
 * - each chart renders at most every `intervalMs` (lines and histograms read fine at 10 a second),
 *   in the browser's idle time between snapshot frames, the chart rendered longest ago first, as
 *   many as the idle period has room for: no snapshot frame carries them;
 * - a chart that found no idle time renders by `maxWaitMs` after its last render all the same:
 *   one such chart per snapshot frame (`renderOverdue`), or in a task of its own when no frame
 *   comes (one chart per task, so messages and frames run in between);
 * - only the newest render of each chart is kept, and it always runs in the end.
 * A paused, finished or scrubbed panel renders at once (`immediate`), and so does whatever waited (`flush`).
 */

/** Charts are keyed by an object of their own (their chart.js instance). */
export type ChartKey = object;

/** The slice of `requestIdleCallback` the pacer uses; replaced in unit tests. */
export interface IdleScheduler {
  /**
   * Calls `callback` when idle, or after `timeoutMs` at the latest; returns a cancel function.
   * `timeRemaining` is the idle time left (ms), 0 when called because the timeout passed.
   */
  (callback: (timeRemaining: () => number) => void, timeoutMs: number): () => void;
}

/** Another render is started in an idle period only if this much of it remains (ms): a chart.js render takes 1.5–3 ms. */
const MIN_IDLE_MS = 3;

/** The browser's idle callbacks, typed here: this module is also compiled without DOM types (its unit test runs in Node). */
const idleApi = globalThis as {
  requestIdleCallback?: (callback: (deadline: { didTimeout: boolean; timeRemaining(): number }) => void, options: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/** requestIdleCallback with a timeout; a plain task where there is none (Node). */
export const browserIdle: IdleScheduler = (callback, timeoutMs) => {
  if (idleApi.requestIdleCallback !== undefined && idleApi.cancelIdleCallback !== undefined) {
    const handle = idleApi.requestIdleCallback((deadline) => callback(() => (deadline.didTimeout ? 0 : deadline.timeRemaining())), { timeout: timeoutMs });
    return () => idleApi.cancelIdleCallback?.(handle);
  }
  const handle = setTimeout(() => callback(() => 0), 0);
  return () => clearTimeout(handle);
};

export class ChartPacer {
  /** The newest render of every chart waiting. */
  private readonly waiting = new Map<ChartKey, () => void>();
  private readonly lastRender = new WeakMap<ChartKey, number>();
  private readonly renderCounts = new WeakMap<ChartKey, number>();
  private cancelScheduled: (() => void) | undefined;

  /** At most every `intervalMs`, at least every `maxWaitMs` while requested (ms). */
  constructor(private readonly intervalMs: number, private readonly maxWaitMs: number, private readonly idle: IdleScheduler = browserIdle) {}

  /** Renders `chart` now when `immediate`; otherwise when it is due and the panel idle (see above), with only the newest `render`. */
  request(chart: ChartKey, render: () => void, immediate: boolean): void {
    if (immediate) {
      this.waiting.delete(chart);
      this.run(chart, render);
      return;
    }
    this.waiting.set(chart, render);
    this.schedule();
  }

  /** Renders every waiting chart now: the run stopped streaming (paused, stepped, scrubbed), so all of it shows at once. */
  flush(): void {
    this.unschedule();
    for (const [chart, render] of [...this.waiting]) {
      this.waiting.delete(chart);
      this.run(chart, render);
    }
  }

  /** Called in every snapshot frame: renders one chart that waited `maxWaitMs` without finding idle time, if any. */
  renderOverdue(): void {
    this.renderNext(this.maxWaitMs - this.intervalMs);
  }

  /** Renders waiting for their turn (for the test hooks: 0 means every chart shows its newest data). */
  get pending(): number {
    return this.waiting.size;
  }

  /** How often `chart` rendered (for the benchmark's chart rate). */
  renders(chart: ChartKey): number {
    return this.renderCounts.get(chart) ?? 0;
  }

  /** Drops the render waiting for `chart`, or every waiting render (a new layout replaces the charts). */
  cancel(chart?: ChartKey): void {
    if (chart === undefined) this.waiting.clear();
    else this.waiting.delete(chart);
    if (this.waiting.size === 0) this.unschedule();
  }

  private schedule(): void {
    if (this.cancelScheduled !== undefined || this.waiting.size === 0) return;
    const wait = this.earliest((chart) => this.dueAt(chart)) - performance.now();
    if (wait > 0) {
      const timer = setTimeout(() => {
        this.cancelScheduled = undefined;
        this.schedule();
      }, wait);
      this.cancelScheduled = () => clearTimeout(timer);
      return;
    }
    const overdue = this.earliest((chart) => this.dueAt(chart) + this.maxWaitMs - this.intervalMs) - performance.now();
    this.cancelScheduled = this.idle((timeRemaining) => {
      this.cancelScheduled = undefined;
      // A timed-out callback renders one chart, the rest go in later tasks.
      while (this.renderNext(0) && timeRemaining() >= MIN_IDLE_MS);
      this.schedule();
    }, Math.max(0, overdue));
  }

  private unschedule(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  /** Renders the waiting chart rendered longest ago if it has been due for `lateMs`; returns whether it did. */
  private renderNext(lateMs: number): boolean {
    let next: ChartKey | undefined;
    for (const chart of this.waiting.keys()) if (next === undefined || this.dueAt(chart) < this.dueAt(next)) next = chart;
    if (next === undefined || this.dueAt(next) + lateMs > performance.now()) return false;
    const render = this.waiting.get(next) as () => void;
    this.waiting.delete(next);
    this.run(next, render);
    return true;
  }

  private earliest(time: (chart: ChartKey) => number): number {
    let earliest = Infinity;
    for (const chart of this.waiting.keys()) earliest = Math.min(earliest, time(chart));
    return earliest;
  }

  private dueAt(chart: ChartKey): number {
    return (this.lastRender.get(chart) ?? -Infinity) + this.intervalMs;
  }

  private run(chart: ChartKey, render: () => void): void {
    this.lastRender.set(chart, performance.now());
    this.renderCounts.set(chart, this.renders(chart) + 1);
    render();
  }
}
