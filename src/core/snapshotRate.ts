/**
 * The one rule for the snapshot rate (snapshots per second the worker streams), wherever it is
 * bounded: the `gradientLens.snapshotRate` setting (package.json's schema and the host's reading of
 * it) and the worker's snapshot gate.
 */
import { LIMITS } from './limits';

/** Why `rate` cannot be the snapshot rate, or undefined when it can. */
export function snapshotRateProblem(rate: number): string | undefined {
  if (Number.isFinite(rate) && rate >= LIMITS.minSnapshotRate && rate <= LIMITS.maxSnapshotRate) return undefined;
  return `snapshot rate must be a number in [${LIMITS.minSnapshotRate}, ${LIMITS.maxSnapshotRate}] per second, got ${rate}`;
}

/** A finite rate moved into the allowed range (a hand-edited setting out of range still streams). */
export function clampSnapshotRate(rate: number): number {
  return Math.min(Math.max(rate, LIMITS.minSnapshotRate), LIMITS.maxSnapshotRate);
}
