/**
 * Every key the model-file format accepts, per object. The parser warns about anything else, and
 * a unit test compares these lists with schema/nn.schema.json so the two cannot drift apart.
 */
import type { BundledSourceName, SyntheticSourceName } from '../core/spec';

export const ROOT_KEYS = ['$schema', 'name', 'input', 'layers', 'loss', 'data', 'training'] as const;

export const LAYER_KEYS = ['type', 'units', 'activation', 'init', 'initRange', 'negativeSlope', 'alpha', 'beta'] as const;

export const TRAINING_KEYS = [
  'optimizer', 'learningRate', 'momentum', 'nesterov', 'beta1', 'beta2', 'epsilon', 'weightDecay',
  'batchSize', 'epochs', 'seed', 'precision', 'validationSplit', 'shuffle',
] as const;

/** Keys of a `data` object, by the kind of source named in its `source` key. */
export const DATA_KEYS = {
  synthetic: ['source', 'samples', 'noise', 'classes', 'seed'],
  csv: ['source', 'path', 'target', 'features', 'normalize'],
  idx: ['source', 'images', 'labels', 'limit', 'normalize'],
  bundled: ['source', 'normalize'],
} as const satisfies Record<string, readonly string[]>;

export type DataSourceKind = keyof typeof DATA_KEYS;

export function dataSourceKind(source: SyntheticSourceName | BundledSourceName | 'csv' | 'idx'): DataSourceKind {
  if (source === 'csv' || source === 'idx') return source;
  if (source === 'iris' || source === 'digits') return 'bundled';
  return 'synthetic';
}
