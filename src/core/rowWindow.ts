/**
 * Which rows of a batch a snapshot's z, a and δ carry. A batch of at most `LIMITS.maxSnapshotRows`
 * rows is carried whole; a larger one as a window of that many consecutive rows around the
 * selected sample, so one snapshot's size does not grow with the batch (docs/protocol.md).
 */
import { LIMITS } from './limits';

/** Consecutive rows of a batch: `count` rows from the 0-based row `first`. */
export interface RowWindow {
  readonly first: number;
  readonly count: number;
}

/**
 * The window of a batch of `batchSize` rows that a snapshot carries when row `sample` is selected:
 * the whole batch, or `maxRows` rows centred on the sample where the batch allows it, else
 * shifted to end at the batch's first or last row.
 */
export function snapshotRows(batchSize: number, sample: number, maxRows: number = LIMITS.maxSnapshotRows): RowWindow {
  if (batchSize <= maxRows) return { first: 0, count: batchSize };
  const centred = sample - Math.floor(maxRows / 2);
  return { first: Math.max(0, Math.min(centred, batchSize - maxRows)), count: maxRows };
}

/** The rows a snapshot's batch tensors carry: its window, or every row of the batch when it has none. */
export function carriedRows(run: { readonly batchSize: number; readonly rowWindow?: RowWindow }): RowWindow {
  return run.rowWindow ?? { first: 0, count: run.batchSize };
}
