/**
 * Downsampling that keeps peaks: consecutive buckets are grouped, and each group is drawn as its
 * minimum and its maximum, in step order, so a spike of one step in 100 000 still reaches the
 * chart. A non-finite value leaves a gap (a NaN point) where it first occurred in its group.
 */
import type { ChartPoint } from './chartPoints';

/** Buckets as parallel arrays: bucket i's minimum `lo[i]` at step `xLo[i]`, maximum `hi[i]` at `xHi[i]`, first non-finite step `gap[i]` (NaN: none). */
export interface Buckets {
  readonly length: number;
  readonly xLo: Float64Array;
  readonly lo: Float64Array;
  readonly xHi: Float64Array;
  readonly hi: Float64Array;
  readonly gap: Float64Array;
}

/** Points of buckets [from, to) in at most `groups` groups: ≤ 2 points per group, plus its gap. */
export function minMaxDownsample(buckets: Buckets, groups: number, from = 0, to = buckets.length): ChartPoint[] {
  const points: ChartPoint[] = [];
  const size = Math.max(1, Math.ceil((to - from) / Math.max(1, groups)));
  for (let start = from; start < to; start += size) {
    const end = Math.min(to, start + size);
    let min = -1;
    let max = -1;
    let gap = Number.NaN;
    for (let i = start; i < end; i++) {
      if (!Number.isNaN(buckets.lo[i]) && (min < 0 || buckets.lo[i] < buckets.lo[min])) min = i;
      if (!Number.isNaN(buckets.hi[i]) && (max < 0 || buckets.hi[i] > buckets.hi[max])) max = i;
      if (Number.isNaN(gap) && !Number.isNaN(buckets.gap[i])) gap = buckets.gap[i];
    }
    const group: ChartPoint[] = [];
    if (min >= 0) group.push({ x: buckets.xLo[min], y: buckets.lo[min] });
    if (max >= 0 && !(buckets.xHi[max] === buckets.xLo[min] && buckets.hi[max] === buckets.lo[min])) group.push({ x: buckets.xHi[max], y: buckets.hi[max] });
    if (!Number.isNaN(gap)) group.push({ x: gap, y: Number.NaN });
    group.sort((a, b) => a.x - b.x);
    points.push(...group);
  }
  return points;
}
