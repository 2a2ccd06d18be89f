/**
 * The y-range of a log-scale chart from the recent points only, in whole decades, so the axis
 * follows where the values are now instead of where they once were.
 */
import type { ChartPoint } from './chartPoints';

/** Whole decades around the positive finite values of the windows, or undefined if there are none. */
export function windowRange(windows: readonly ChartPoint[][]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = 0;
  for (const points of windows) {
    for (const { y } of points) {
      if (y > 0 && Number.isFinite(y)) {
        if (y < min) min = y;
        if (y > max) max = y;
      }
    }
  }
  if (max === 0) return undefined;
  const low = Math.floor(Math.log10(min));
  const high = Math.max(low + 1, Math.ceil(Math.log10(max)));
  // Parsed, not 10 ** n: 10 ** −5 is 0.000009999999999999999, and the axis should read 1e−5.
  return { min: Number(`1e${low}`), max: Number(`1e${high}`) };
}
