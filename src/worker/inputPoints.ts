/**
 * The data side of the input-space view: which samples to draw (a seeded random subsample, bounded by
 * INPUT_SPACE_LIMITS.maxPoints) and the box the prediction grid covers (the data's range plus a
 * margin), both from the dataset as the network sees it.
 */
import type { Dataset } from '../core/dataset';
import { Random } from '../core/random';
import type { GridDomain, InputPointsMessage } from '../protocol/inputSpace';
import { INPUT_SPACE_LIMITS } from '../core/limits';

/** Fixed, so the same dataset always shows the same points. */
const SUBSAMPLE_SEED = 0x504f494e;

/**
 * `limit` distinct dataset rows drawn uniformly at random (all rows when count ≤ limit), ascending.
 * Random rather than every k-th: a regular stride aliases with datasets whose labels cycle
 * (synthetic sample i is class i mod k) and could drop a class entirely.
 */
export function subsampleRows(count: number, limit: number): Uint32Array {
  const taken = Math.max(0, Math.min(count, Math.floor(limit)));
  const rows = new Uint32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  if (taken === count) return rows;
  // A partial Fisher–Yates shuffle: the first `taken` entries become a uniform sample.
  const random = new Random(SUBSAMPLE_SEED);
  for (let i = 0; i < taken; i++) {
    const j = i + random.int(count - i);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows.slice(0, taken).sort();
}

/**
 * Per input column, the range of every sample widened by `margin` of it on each side; a column
 * with one value gets ±1 around it, and non-finite values are skipped.
 */
export function dataDomain(dataset: Pick<Dataset, 'inputs' | 'count' | 'inputWidth'>, margin: number = INPUT_SPACE_LIMITS.margin): GridDomain {
  const min: number[] = [];
  const max: number[] = [];
  for (let column = 0; column < dataset.inputWidth; column++) {
    let low = Infinity;
    let high = -Infinity;
    for (let row = 0; row < dataset.count; row++) {
      const value = dataset.inputs[row * dataset.inputWidth + column];
      if (!Number.isFinite(value)) continue;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    if (low > high) [low, high] = [-1, 1];
    const pad = high > low ? (high - low) * margin : 1;
    min.push(low - pad);
    max.push(high + pad);
  }
  return { min, max };
}

/** Index of the largest of `width` values starting at `base`. */
function argmax(values: ArrayLike<number>, base: number, width: number): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (values[base + j] > values[base + best]) best = j;
  return best;
}

/** The points message of a 1- or 2-input dataset; `validationRows` are the held-out dataset rows. */
export function inputPointsOf(dataset: Dataset, validationRows: ArrayLike<number>, domain: GridDomain): InputPointsMessage {
  const inputWidth = dataset.inputWidth;
  if (inputWidth !== 1 && inputWidth !== 2) throw new RangeError(`input points need 1 or 2 inputs, the dataset has ${inputWidth}`);
  const held = new Uint8Array(dataset.count);
  for (let i = 0; i < validationRows.length; i++) held[validationRows[i]] = 1;
  const rows = subsampleRows(dataset.count, INPUT_SPACE_LIMITS.maxPoints);
  const inputs = new Float32Array(rows.length * inputWidth);
  const targets = new Float32Array(rows.length);
  const validation = new Uint8Array(rows.length);
  const width = dataset.targetWidth;
  rows.forEach((row, k) => {
    for (let j = 0; j < inputWidth; j++) inputs[k * inputWidth + j] = dataset.inputs[row * inputWidth + j];
    const base = row * width;
    // Binary targets are one 0/1 column; classification rows are one-hot; regression keeps the value.
    targets[k] = dataset.task === 'regression' ? dataset.targets[base]
      : width === 1 ? (dataset.targets[base] >= 0.5 ? 1 : 0) : argmax(dataset.targets, base, width);
    validation[k] = held[row];
  });
  return {
    type: 'inputPoints',
    inputWidth,
    task: dataset.task,
    ...(dataset.classNames ? { classNames: dataset.classNames } : {}),
    ...(dataset.featureNames ? { featureNames: dataset.featureNames } : {}),
    ...(dataset.inputScaling ? { inputScaling: dataset.inputScaling } : {}),
    inputs,
    targets,
    validation,
    total: dataset.count,
    domain,
  };
}
