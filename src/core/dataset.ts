/** What a data source turns into: dense, row-major, ready for the engine. */

/** Readers build Float64 values; a data set bound for an f32 run is stored as Float32 (`storedFor`). */
export type DataValues = Float64Array | Float32Array;

export type TaskKind = 'classification' | 'binary' | 'regression';

export interface Dataset {
  /** N × inputWidth, row-major, after any normalization. */
  readonly inputs: DataValues;
  /** N × targetWidth, row-major: one-hot rows for classification, 0/1 for binary, values for regression. */
  readonly targets: DataValues;
  /** N, the number of samples. */
  readonly count: number;
  readonly inputWidth: number;
  readonly targetWidth: number;
  readonly task: TaskKind;
  /** Class names in one-hot column order (classification and binary only). */
  readonly classNames?: readonly string[];
  /** Feature names in column order, when the source has them. */
  readonly featureNames?: readonly string[];
  /**
   * Per input column, the scaling normalization applied: x' = (x − shift) / scale. Present when the
   * source scaled its columns one by one (CSV), so views can label axes in the data's own units.
   */
  readonly inputScaling?: { readonly shift: readonly number[]; readonly scale: readonly number[] };
  /** [height, width] when each input row is an image, so panels can draw first-layer weights as images. */
  readonly imageShape?: readonly [number, number];
}

/**
 * The data set as a run of `precision` stores it: Float32 for an f32 run (half the memory; the
 * engine rounds every value to Float32 when it copies a batch anyway, so training is unchanged),
 * as it is for f64.
 */
export function storedFor(dataset: Dataset, precision: 'f32' | 'f64'): Dataset {
  if (precision === 'f64' || (dataset.inputs instanceof Float32Array && dataset.targets instanceof Float32Array)) return dataset;
  return { ...dataset, inputs: Float32Array.from(dataset.inputs), targets: Float32Array.from(dataset.targets) };
}
