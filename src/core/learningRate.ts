/**
 * The one rule for the learning rate η, wherever it is set: a model file's `training.learningRate`
 * (the model reader), the panel's η control (the webview and the host's validator of its messages)
 * and the trainer. A file and the panel accept the same range, so a value read from one can always
 * be set again from the other.
 */
import { LIMITS } from './limits';

/** η lies in (0, LIMITS.maxLearningRate], in the shape of a model reader's number rule. */
export const LEARNING_RATE_RANGE = { min: 0, minExclusive: true, max: LIMITS.maxLearningRate } as const;

/** Why `value` cannot be η, or undefined when it can. */
export function learningRateProblem(value: number): string | undefined {
  if (Number.isFinite(value) && value > LEARNING_RATE_RANGE.min && value <= LEARNING_RATE_RANGE.max) return undefined;
  return `the learning rate must be a finite number in (0, ${LEARNING_RATE_RANGE.max}] (LIMITS.maxLearningRate), got ${value}`;
}
