/** Steps per second over the last second or so, robust to bursts: a ring of step timestamps. */
export class ThroughputMeter {
  private readonly times = new Float64Array(256);
  private count = 0;

  tick(nowMs: number): void {
    this.times[this.count % this.times.length] = nowMs;
    this.count++;
  }

  reset(): void {
    this.count = 0;
  }

  /** Steps per second measured across the stored window (0 until two steps were seen). */
  get perSecond(): number {
    const stored = Math.min(this.count, this.times.length);
    if (stored < 2) return 0;
    const newest = this.times[(this.count - 1) % this.times.length];
    const oldest = this.times[(this.count - stored) % this.times.length];
    return newest > oldest ? (1000 * (stored - 1)) / (newest - oldest) : 0;
  }
}
