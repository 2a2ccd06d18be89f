/**
 * Which loaded data sets the editor's cache drops to stay within LIMITS.maxCachedDataBytes: the
 * least recently used first, never the most recent (the one just asked for, which an open model
 * file is waiting on; dropping it would only make the editor load it again).
 */
import type { Dataset } from '../../core/dataset';
import { LIMITS } from '../../core/limits';

/** Bytes a loaded data set holds: its inputs and targets. */
export function datasetBytes(dataset: Pick<Dataset, 'inputs' | 'targets'>): number {
  return dataset.inputs.byteLength + dataset.targets.byteLength;
}

/**
 * @param entries keys with the bytes each holds (0 while loading), least recently used first.
 * @returns the keys to drop, oldest first, so that the rest fit in `limit` (or only the newest is left).
 */
export function keysOverBudget(entries: readonly (readonly [key: string, bytes: number])[], limit: number = LIMITS.maxCachedDataBytes): string[] {
  let total = entries.reduce((sum, [, bytes]) => sum + bytes, 0);
  const dropped: string[] = [];
  for (const [key, bytes] of entries.slice(0, -1)) {
    if (total <= limit) break;
    dropped.push(key);
    total -= bytes;
  }
  return dropped;
}
