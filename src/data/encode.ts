/**
 * Turning class labels into target rows, one rule for every source (synthetic, CSV, IDX,
 * bundled), so a dataset's target width follows the model's loss the same way everywhere:
 *
 * - `cross_entropy`: one-hot rows of k columns (for a softmax output of k units);
 * - otherwise, two classes: one column of 0/1, class 0 → 0 and class 1 → 1 (one sigmoid unit);
 * - otherwise, k > 2 classes: one-hot rows of k columns (k sigmoid units, or k linear units with mse).
 */
import type { Dataset, TaskKind } from '../core/dataset';
import type { LossName } from '../core/spec';

/** Target columns for k classes under a loss (see the module comment). */
export function targetWidthFor(classCount: number, loss: LossName): number {
  return loss !== 'cross_entropy' && classCount === 2 ? 1 : classCount;
}

export function taskFor(classCount: number, loss: LossName): TaskKind {
  return targetWidthFor(classCount, loss) === 1 ? 'binary' : 'classification';
}

export interface EncodedTargets {
  /** count × targetWidth, row-major. */
  readonly targets: Float64Array;
  readonly targetWidth: number;
  readonly task: TaskKind;
}

/** @param labels class index per sample, each in [0, classCount). */
export function encodeTargets(labels: ArrayLike<number>, classCount: number, loss: LossName): EncodedTargets {
  const targetWidth = targetWidthFor(classCount, loss);
  const targets = new Float64Array(labels.length * targetWidth);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new RangeError(`label ${label} of sample ${i} is outside [0, ${classCount})`);
    }
    if (targetWidth === 1) targets[i] = label;
    else targets[i * targetWidth + label] = 1;
  }
  return { targets, targetWidth, task: taskFor(classCount, loss) };
}

/** A labelled dataset: features plus class indices, before encoding. */
export interface LabelledSamples {
  /** count × inputWidth, row-major. */
  readonly inputs: Float64Array;
  readonly inputWidth: number;
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
  readonly featureNames?: readonly string[];
  readonly imageShape?: readonly [number, number];
}

export function labelledToDataset(samples: LabelledSamples, loss: LossName): Dataset {
  const { targets, targetWidth, task } = encodeTargets(samples.labels, samples.classNames.length, loss);
  return {
    inputs: samples.inputs,
    targets,
    count: samples.labels.length,
    inputWidth: samples.inputWidth,
    targetWidth,
    task,
    classNames: samples.classNames,
    ...(samples.featureNames ? { featureNames: samples.featureNames } : {}),
    ...(samples.imageShape ? { imageShape: samples.imageShape } : {}),
  };
}
