/**
 * A chart series that keeps every step of a run, in bounded memory: one bucket per step until
 * SCALAR_LIMITS.maxSeriesBuckets, then pairs of buckets merge (keeping each pair's minimum and
 * maximum with their steps), so a long run keeps its peaks at a coarser resolution. `points` is
 * what chart.js draws: at most SCALAR_LIMITS.drawnGroups min/max pairs, and the newest step last.
 */
import { SCALAR_LIMITS } from '../../src/core/limits';
import type { ChartPoint } from './chartPoints';
import { minMaxDownsample, type Buckets } from './minMaxDownsample';

export class StepSeries {
  private buckets: { -readonly [K in keyof Buckets]: Buckets[K] };
  /** Steps per bucket (a power of 2) and how many the last bucket holds. */
  private span = 1;
  private filled = 0;
  private newest: ChartPoint | undefined;
  private drawn: ChartPoint[] | undefined;
  /** Values pushed since the last `clear`: the points before downsampling. */
  recorded = 0;

  constructor(private readonly capacity: number = SCALAR_LIMITS.maxSeriesBuckets, private readonly groups: number = SCALAR_LIMITS.drawnGroups) {
    this.buckets = emptyBuckets(Math.min(capacity, 256));
  }

  /** Adds step `x` with value `y`; a non-finite y becomes a gap. Steps must increase. */
  push(x: number, y: number): void {
    this.recorded++;
    this.drawn = undefined;
    this.newest = { x, y: Number.isFinite(y) ? y : Number.NaN };
    if (this.buckets.length === 0 || this.filled === this.span) {
      if (this.buckets.length === this.capacity) this.halve();
      this.open();
    }
    const i = this.buckets.length - 1;
    const buckets = this.buckets;
    this.filled++;
    if (!Number.isFinite(y)) {
      if (Number.isNaN(buckets.gap[i])) buckets.gap[i] = x;
      return;
    }
    if (Number.isNaN(buckets.lo[i]) || y < buckets.lo[i]) [buckets.xLo[i], buckets.lo[i]] = [x, y];
    if (Number.isNaN(buckets.hi[i]) || y > buckets.hi[i]) [buckets.xHi[i], buckets.hi[i]] = [x, y];
  }

  /** Downsampled points in step order, ending with the newest step (read by chart.js). */
  get points(): ChartPoint[] {
    if (this.drawn === undefined) this.drawn = this.withNewest(minMaxDownsample(this.buckets, this.groups));
    return this.drawn;
  }

  /** Points of the last `count` buckets at full resolution, for window statistics. */
  recent(count: number): ChartPoint[] {
    const from = Math.max(0, this.buckets.length - count);
    return this.withNewest(minMaxDownsample(this.buckets, count, from));
  }

  clear(): void {
    this.buckets = emptyBuckets(Math.min(this.capacity, 256));
    this.span = 1;
    this.filled = 0;
    this.newest = undefined;
    this.drawn = undefined;
    this.recorded = 0;
  }

  private withNewest(points: ChartPoint[]): ChartPoint[] {
    const newest = this.newest;
    if (newest !== undefined && (points.length === 0 || points[points.length - 1].x !== newest.x)) points.push(newest);
    return points;
  }

  /** Starts an empty bucket, growing the arrays (doubling, up to the capacity) when they are full. */
  private open(): void {
    const b = this.buckets;
    if (b.length === b.xLo.length) {
      const grown = emptyBuckets(Math.min(this.capacity, b.xLo.length * 2));
      for (const key of ['xLo', 'lo', 'xHi', 'hi', 'gap'] as const) grown[key].set(b[key].subarray(0, b.length));
      grown.length = b.length;
      this.buckets = grown;
    }
    const i = this.buckets.length++;
    // Halving leaves merged-away values behind the new end.
    this.buckets.lo[i] = this.buckets.hi[i] = this.buckets.gap[i] = Number.NaN;
    this.filled = 0;
  }

  /** Merges bucket pairs: half as many buckets, each covering twice the steps. */
  private halve(): void {
    const b = this.buckets;
    const merged = Math.ceil(b.length / 2);
    for (let k = 0; k < merged; k++) {
      const [i, j] = [2 * k, Math.min(2 * k + 1, b.length - 1)];
      const lo = Number.isNaN(b.lo[j]) || b.lo[i] <= b.lo[j] ? i : j;
      const hi = Number.isNaN(b.hi[j]) || b.hi[i] >= b.hi[j] ? i : j;
      const loPick = Number.isNaN(b.lo[i]) ? j : lo;
      const hiPick = Number.isNaN(b.hi[i]) ? j : hi;
      const gap = Number.isNaN(b.gap[i]) ? b.gap[j] : b.gap[i];
      [b.xLo[k], b.lo[k], b.xHi[k], b.hi[k], b.gap[k]] = [b.xLo[loPick], b.lo[loPick], b.xHi[hiPick], b.hi[hiPick], gap];
    }
    // The last bucket was full (halving happens only then), so every merged bucket is full too.
    b.length = merged;
    this.span *= 2;
    this.filled = this.span;
  }
}

function emptyBuckets(size: number): { -readonly [K in keyof Buckets]: Buckets[K] } {
  return {
    length: 0,
    xLo: new Float64Array(size),
    lo: new Float64Array(size).fill(Number.NaN),
    xHi: new Float64Array(size),
    hi: new Float64Array(size).fill(Number.NaN),
    gap: new Float64Array(size).fill(Number.NaN),
  };
}
