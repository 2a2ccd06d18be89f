/**
 * How long snapshots wait between arriving and being on the canvases (the receive time of the
 * snapshot drawn, against the time its frame finished drawing), and how much of that the drawing
 * itself took. Kept in bounded buffers (the oldest entries are dropped) that the benchmark drains
 * through the test hook.
 */
const CAPACITY = 8192;

export class DrawTimings {
  private readonly latencies: number[] = [];
  private readonly drawDurations: number[] = [];

  /** performance.now() values, in ms: arrival of the snapshot, start and end of the frame's drawing. */
  record(receivedAt: number, drawStart: number, drawnAt: number): void {
    if (this.latencies.length >= CAPACITY) {
      this.latencies.shift();
      this.drawDurations.shift();
    }
    this.latencies.push(drawnAt - receivedAt);
    this.drawDurations.push(drawnAt - drawStart);
  }

  /** Every (arrival → drawn, drawing) pair of durations since the last drain, oldest first. */
  drain(): { latencies: number[]; drawDurations: number[] } {
    return { latencies: this.latencies.splice(0), drawDurations: this.drawDurations.splice(0) };
  }
}
