// What Check Gradients promises, taken from where it is promised rather than from the code that
// keeps it: the sample size per tensor from the README, the pass thresholds and ε from the engine's
// exported DEFAULT_THRESHOLDS, the tensor sizes from the model file.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelSpec } from '../../../src/core/spec';
import { extensionUnderTest } from './fixture';

export { DEFAULT_THRESHOLDS } from '../../../src/core/gradientCheckReport';

/** How many parameters of each tensor Check Gradients compares: the README's "(N sampled parameters per tensor)". */
export function sampledPerTensor(): number {
  const readme = readFileSync(join(extensionUnderTest().extensionPath, 'README.md'), 'utf8');
  const stated = /\((\d+) sampled parameters per tensor\)/.exec(readme);
  assert.ok(stated, 'the README says how many parameters per tensor Check Gradients compares');
  return Number(stated[1]);
}

/** Per layer, the sizes of [W⁽ˡ⁾, b⁽ˡ⁾]: [units × inputs, units]. */
export function tensorSizes(spec: ModelSpec): [number, number][] {
  return spec.layers.map((layer, i) => [layer.units * (i === 0 ? spec.input : spec.layers[i - 1].units), layer.units]);
}

/** Per layer, how many of [weights, biases] a check compares: all of a tensor, up to `sampled` of it. */
export function checkedPerLayer(spec: ModelSpec, sampled: number): [number, number][] {
  return tensorSizes(spec).map(([weights, biases]) => [Math.min(weights, sampled), Math.min(biases, sampled)]);
}

/** `text` as a RegExp source that matches it literally. */
export const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
