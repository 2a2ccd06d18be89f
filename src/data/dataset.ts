/** What a data source turns into: dense, row-major, ready for the engine. */
export type TaskKind = 'classification' | 'binary' | 'regression';

export interface Dataset {
  /** N × inputWidth, row-major, after any normalization. */
  readonly inputs: Float64Array;
  /** N × targetWidth, row-major: one-hot rows for classification, 0/1 for binary, values for regression. */
  readonly targets: Float64Array;
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
