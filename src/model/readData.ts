/** Reads the `data` object; which keys are valid depends on its `source`. */
import { LIMITS } from '../core/limits';
import {
  DEFAULT_CLASSES, FIXED_CLASS_COUNT, MAX_SYNTHETIC_CLASSES, MIN_SYNTHETIC_SAMPLES, SYNTHETIC_DEFAULTS, defaultNormalize,
} from './defaults';
import { DATA_KEYS, dataSourceKind } from './keys';
import { formatCount, quoteText } from '../core/messages';
import { type ObjectReader, type ReadContext, rangeOfNode } from './objectReader';
import { SEED_RULE } from './readTraining';
import {
  BUNDLED_SOURCES, SYNTHETIC_SOURCES, type DataSpec, type NormalizeMode, type SyntheticSourceName,
} from '../core/spec';

export const DATA_SOURCES = [...SYNTHETIC_SOURCES, 'csv', 'idx', ...BUNDLED_SOURCES] as const;
export type DataSourceName = (typeof DATA_SOURCES)[number];
export const NORMALIZE_MODES: readonly NormalizeMode[] = ['none', 'standard', 'minmax'];

const SAMPLES_RULE = {
  integer: true, max: LIMITS.maxSamples,
  hint: `A dataset may have at most ${formatCount(LIMITS.maxSamples)} samples (LIMITS.maxSamples).`,
} as const;

/**
 * The data spec with defaults, or undefined when the file has no usable `data` (then no spec can
 * be built). `trainingSeed` is the default seed of synthetic data.
 */
export function readData(context: ReadContext, root: ObjectReader, trainingSeed: number): { data?: DataSpec; reader?: ObjectReader } {
  if (!root.requireKey('data', '"data": { "source": "xor" }')) return {};
  const reader = root.object('data', '"data"');
  if (!reader) return {};
  if (!reader.requireKey('source', `"source": "spirals" (one of ${DATA_SOURCES.join(', ')})`)) return { reader };
  const source = reader.enumValue('source', DATA_SOURCES);
  if (source === undefined) return { reader };
  const kind = dataSourceKind(source);
  reader.warnUnknownKeys(DATA_KEYS[kind], ` (source "${source}")`);
  const normalize = (fallback: NormalizeMode): NormalizeMode => reader.enumValue('normalize', NORMALIZE_MODES) ?? fallback;

  switch (source) {
    case 'csv': {
      reader.requireKey('path', '"path": "data/points.csv" (relative to the model file)');
      reader.requireKey('target', '"target": "label" (the name of the target column)');
      const path = reader.string('path', { nonEmpty: true });
      const target = reader.string('target', { nonEmpty: true });
      const features = readFeatures(context, reader, target);
      if (path === undefined || target === undefined || features === null) return { reader };
      return { reader, data: { source, path, target, ...(features ? { features } : {}), normalize: normalize(defaultNormalize(source)) } };
    }
    case 'idx': {
      reader.requireKey('images', '"images": "train-images-idx3-ubyte.gz"');
      reader.requireKey('labels', '"labels": "train-labels-idx1-ubyte.gz"');
      const images = reader.string('images', { nonEmpty: true });
      const labels = reader.string('labels', { nonEmpty: true });
      const limit = reader.number('limit', { ...SAMPLES_RULE, min: 1 });
      if (images === undefined || labels === undefined) return { reader };
      return { reader, data: { source, images, labels, ...(limit !== undefined ? { limit } : {}), normalize: normalize(defaultNormalize(source)) } };
    }
    case 'iris':
    case 'digits':
      return { reader, data: { source, normalize: normalize(defaultNormalize(source)) } };
    default:
      return { reader, data: readSynthetic(context, reader, source, trainingSeed) };
  }
}

function readSynthetic(context: ReadContext, reader: ObjectReader, source: SyntheticSourceName, trainingSeed: number): DataSpec {
  const fixed = FIXED_CLASS_COUNT[source];
  let classes: number;
  if (fixed !== undefined) {
    classes = fixed;
    const written = reader.number('classes', { integer: true, min: 1 });
    if (written !== undefined && written !== fixed) {
      const what = source === 'sine' ? 'is a regression set with 1 target value' : `always has ${fixed} classes`;
      context.sink.error('fixed-class-count', reader.valueRange('classes'),
        `"${source}" ${what}; remove "classes", or use "spirals" or "gaussians" for ${written} classes.`);
    }
  } else {
    classes = reader.number('classes', {
      integer: true, min: 2, max: MAX_SYNTHETIC_CLASSES, hint: `"${source}" takes 2 to ${MAX_SYNTHETIC_CLASSES} classes, e.g. 3.`,
    }) ?? DEFAULT_CLASSES;
  }
  return {
    source,
    samples: reader.number('samples', { ...SAMPLES_RULE, min: MIN_SYNTHETIC_SAMPLES }) ?? SYNTHETIC_DEFAULTS.samples,
    noise: reader.number('noise', { min: 0, hint: 'It is a standard deviation in data units, e.g. 0.1.' }) ?? SYNTHETIC_DEFAULTS.noise,
    classes,
    seed: reader.number('seed', SEED_RULE) ?? trainingSeed,
  };
}

/** undefined when absent, null when invalid (already reported). */
function readFeatures(context: ReadContext, reader: ObjectReader, target: string | undefined): string[] | undefined | null {
  if (!reader.has('features')) return undefined;
  const elements = reader.array('features');
  if (!elements) return null;
  if (elements.length === 0) {
    context.sink.error('out-of-range', reader.valueRange('features'),
      '"features" is empty; list at least one column name, or remove "features" to use every column but the target.');
    return null;
  }
  const names: string[] = [];
  let valid = true;
  for (const element of elements) {
    if (element.type !== 'string') {
      context.sink.error('wrong-type', rangeOfNode(element), `Each entry of "features" must be a column name in quotes, not a ${element.type}.`);
      valid = false;
      continue;
    }
    const name = element.value as string;
    if (names.includes(name)) {
      context.sink.error('duplicate-key', rangeOfNode(element), `Column "${quoteText(name)}" is listed twice in "features"; list it once.`);
      valid = false;
    } else if (name === target) {
      context.sink.error('out-of-range', rangeOfNode(element),
        `Column "${quoteText(name)}" is the target, so it cannot also be a feature; remove it from "features".`);
      valid = false;
    }
    names.push(name);
  }
  return valid ? names : null;
}
