/**
 * A chart series that keeps memory flat however long a run lasts: at most `capacity` points.
 * When full, every other point is dropped and from then on only every `stride`-th step is kept
 * (the stride doubles at each halving), so the whole run stays visible at decreasing resolution.
 * The newest point is always present, so the curve's end is never stale.
 */

/** A point in the shape chart.js reads directly when `parsing: false`. */
export interface ChartPoint {
  x: number;
  y: number;
}

export const DEFAULT_SERIES_CAPACITY = 2000;

export class BoundedSeries {
  /** Read by chart.js as the dataset's data (same array; replaced on halving). */
  points: ChartPoint[] = [];
  private stride = 1;
  private sinceKept = 0;
  /** Whether the last point only stands in for the newest value until the stride is reached. */
  private provisional = false;

  constructor(private readonly capacity = DEFAULT_SERIES_CAPACITY) {}

  /** Adds (x, y); a non-finite y is stored as NaN so chart.js leaves a gap there. */
  push(x: number, y: number): void {
    const point = { x, y: Number.isFinite(y) ? y : Number.NaN };
    if (this.provisional) this.points[this.points.length - 1] = point;
    else this.points.push(point);
    this.sinceKept++;
    this.provisional = this.sinceKept < this.stride;
    if (!this.provisional) this.sinceKept = 0;
    if (this.points.length > this.capacity) this.halve();
  }

  clear(): void {
    this.points = [];
    this.stride = 1;
    this.sinceKept = 0;
    this.provisional = false;
  }

  /** The last `count` points (a view for window statistics; no copy of the whole series). */
  recent(count: number): ChartPoint[] {
    return this.points.slice(Math.max(0, this.points.length - count));
  }

  private halve(): void {
    const last = this.points.length - 1;
    this.points = this.points.filter((_, i) => i % 2 === 0 || i === last);
    this.stride *= 2;
  }
}

/**
 * First and last step over several series, to pin a step axis to the data: chart.js would round
 * the axis out to a nice number (a run at step 42 drawn up to 50), and with `bounds: 'data'` it
 * labels both ends, which collide with the nice ticks next to them.
 */
export function stepExtent(series: readonly ChartPoint[][]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const points of series) {
    if (points.length === 0) continue;
    min = Math.min(min, points[0].x);
    max = Math.max(max, points[points.length - 1].x);
  }
  return Number.isFinite(min) ? { min, max: max > min ? max : min + 1 } : undefined;
}
