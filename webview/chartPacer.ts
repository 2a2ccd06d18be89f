/**
 * Paces chart.js re-renders while a run streams. Heatmaps are cheap (ImageData), but the three run
 * charts and the per-card histograms cost about 13 ms a frame on W1 (784-256-128-10), more than
 * half of the frame: drawn at every snapshot they held the panel under 20 snapshots/s. Lines and
 * histograms read fine at 10 updates a second, so while training they render at most every
 * `intervalMs`; the newest request always renders in the end (trailing), and a paused, finished
 * or scrubbed panel renders at once.
 */
export class ChartPacer {
  private lastRender = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: (() => void) | undefined;

  constructor(private readonly intervalMs: number) {}

  /** Renders now when `immediate` or the interval has passed; otherwise once it has, with only the newest `render`. */
  request(render: () => void, immediate: boolean): void {
    const wait = this.lastRender + this.intervalMs - performance.now();
    if (immediate || wait <= 0) {
      this.cancel();
      this.run(render);
      return;
    }
    this.pending = render;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const newest = this.pending;
      this.pending = undefined;
      if (newest) this.run(newest);
    }, wait);
  }

  /** Drops a render waiting for its turn (a new layout replaces the charts). */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private run(render: () => void): void {
    this.lastRender = performance.now();
    render();
  }
}
