/**
 * What model validation needs to know about a dataset, and the sources that determine it without
 * loading anything (synthetic and bundled sets), so the editor can check those models as you type.
 */
import type { DataSpec, LossName } from '../core/spec';
import type { Dataset } from '../core/dataset';
import { targetWidthFor, taskFor } from './encode';
import { syntheticClassNames } from './synthetic';

/** The facts about a dataset that model validation uses; a Dataset is one. */
export type DatasetInfo = Pick<Dataset, 'count' | 'inputWidth' | 'targetWidth' | 'task' | 'classNames' | 'featureNames'>;

/** Facts of the bundled sets (checked against the loaded files by the bundled-data tests). */
export const BUNDLED_FACTS = {
  iris: {
    count: 150,
    featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
    classNames: ['setosa', 'versicolor', 'virginica'],
  },
  digits: {
    count: 1797,
    featureNames: undefined,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
} as const;
export const DIGITS_IMAGE_SHAPE: readonly [number, number] = [8, 8];

function classInfo(count: number, inputWidth: number, classNames: readonly string[], loss: LossName, featureNames?: readonly string[]): DatasetInfo {
  return {
    count, inputWidth, classNames,
    targetWidth: targetWidthFor(classNames.length, loss),
    task: taskFor(classNames.length, loss),
    ...(featureNames ? { featureNames } : {}),
  };
}

/** The dataset facts of a spec when they follow from the spec alone; undefined for csv and idx. */
export function staticDatasetInfo(data: DataSpec, loss: LossName): DatasetInfo | undefined {
  switch (data.source) {
    case 'csv':
    case 'idx':
      return undefined;
    case 'iris':
      return classInfo(BUNDLED_FACTS.iris.count, 4, BUNDLED_FACTS.iris.classNames, loss, BUNDLED_FACTS.iris.featureNames);
    case 'digits':
      return classInfo(BUNDLED_FACTS.digits.count, 64, BUNDLED_FACTS.digits.classNames, loss);
    case 'sine':
      return { count: data.samples, inputWidth: 1, targetWidth: 1, task: 'regression', featureNames: ['x'] };
    default:
      return classInfo(data.samples, 2, syntheticClassNames(data), loss, ['x', 'y']);
  }
}
