/** Chart points, and the step extent of chart series. */

/** A point in the shape chart.js reads directly when `parsing: false`. */
export interface ChartPoint {
  x: number;
  y: number;
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
