/** Reads the `training` object; every key is optional (defaults in defaults.ts). */
import { LIMITS } from '../core/limits';
import { LEARNING_RATE_RANGE } from '../core/learningRate';
import { DEFAULT_OPTIMIZER, TRAINING_DEFAULTS, defaultLearningRate } from './defaults';
import { TRAINING_KEYS } from './keys';
import { formatCount } from '../core/messages';
import type { ObjectReader, ReadContext } from './objectReader';
import { OPTIMIZERS, PRECISIONS, type TrainingSpec } from '../core/spec';

export const SEED_RULE = { integer: true, min: 0, max: 0xffffffff, hint: 'Seeds are 32-bit unsigned integers, e.g. 42.' } as const;

/** The training spec with defaults, plus the reader (undefined when the file has no `training`). */
export function readTraining(_context: ReadContext, root: ObjectReader): { training: TrainingSpec; reader?: ObjectReader } {
  const reader = root.object('training', '"training"');
  reader?.warnUnknownKeys(TRAINING_KEYS);
  const unit = { min: 0, max: 1, maxExclusive: true } as const;
  const optimizer = reader?.enumValue('optimizer', OPTIMIZERS) ?? DEFAULT_OPTIMIZER;
  const training: TrainingSpec = {
    optimizer,
    learningRate: reader?.number('learningRate', {
      ...LEARNING_RATE_RANGE,
      hint: `Typical values: 0.001 for adam, 0.01 to 0.1 for sgd; the limit is ${LEARNING_RATE_RANGE.max} (LIMITS.maxLearningRate).`,
    }) ?? defaultLearningRate(optimizer),
    momentum: reader?.number('momentum', { ...unit, hint: 'Typical: 0.9 (0 disables momentum).' }) ?? TRAINING_DEFAULTS.momentum,
    nesterov: reader?.boolean('nesterov') ?? TRAINING_DEFAULTS.nesterov,
    beta1: reader?.number('beta1', { ...unit, hint: 'PyTorch uses 0.9.' }) ?? TRAINING_DEFAULTS.beta1,
    beta2: reader?.number('beta2', { ...unit, hint: 'PyTorch uses 0.999.' }) ?? TRAINING_DEFAULTS.beta2,
    epsilon: reader?.number('epsilon', { min: 0, minExclusive: true, hint: 'PyTorch uses 1e-8.' }) ?? TRAINING_DEFAULTS.epsilon,
    weightDecay: reader?.number('weightDecay', { min: 0, hint: 'Typical: 0 (off) or 1e-4.' }) ?? TRAINING_DEFAULTS.weightDecay,
    batchSize: reader?.number('batchSize', {
      integer: true, min: 1, max: LIMITS.maxBatchSize,
      hint: `The limit is ${formatCount(LIMITS.maxBatchSize)} samples (LIMITS.maxBatchSize); typical: 32.`,
    }) ?? TRAINING_DEFAULTS.batchSize,
    epochs: reader?.number('epochs', {
      integer: true, min: 1, max: LIMITS.maxEpochs,
      hint: `The limit is ${formatCount(LIMITS.maxEpochs)} epochs (LIMITS.maxEpochs).`,
    }) ?? TRAINING_DEFAULTS.epochs,
    seed: reader?.number('seed', SEED_RULE) ?? TRAINING_DEFAULTS.seed,
    precision: reader?.enumValue('precision', PRECISIONS) ?? TRAINING_DEFAULTS.precision,
    validationSplit: reader?.number('validationSplit', {
      min: 0, max: 0.9, hint: 'It is the fraction held out for validation, e.g. 0.2 (0 disables validation).',
    }) ?? TRAINING_DEFAULTS.validationSplit,
    shuffle: reader?.boolean('shuffle') ?? TRAINING_DEFAULTS.shuffle,
  };
  return { training, reader };
}
