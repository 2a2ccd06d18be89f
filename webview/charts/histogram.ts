/**
 * Histogram of a gradient tensor's values on a range symmetric around zero, so the bar at the
 * middle is "no gradient" and the two halves compare directly, as in the diverging heatmaps.
 */

export interface Histogram {
  /** Half-range m: bins cover [−m, +m] in equal widths. */
  readonly limit: number;
  /** Count per bin, from −m upwards; a value equal to +m falls in the last bin. */
  readonly counts: Uint32Array;
  /** NaN and ±Inf values, which no bin holds. */
  readonly nonFinite: number;
}

/** Bins `values` into `binCount` equal bins over [−m, m], m = max |finite value| (1 if all zero). */
export function histogramOf(values: Float32Array, binCount: number): Histogram {
  let limit = 0;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const magnitude = Math.abs(values[i]);
    if (!Number.isFinite(magnitude)) nonFinite++;
    else if (magnitude > limit) limit = magnitude;
  }
  if (limit === 0) limit = 1;
  const counts = new Uint32Array(binCount);
  const perUnit = binCount / (2 * limit);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(binCount - 1, Math.floor((v + limit) * perUnit))]++;
  }
  return { limit, counts, nonFinite };
}
