// NON_NEGATIVE_OUTPUT (src/core/activationFacts.ts, the panel's colour-map choice) against the
// engine's forward rules: an activation marked non-negative never gives a negative value over a
// grid of z, and every other one does somewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NON_NEGATIVE_OUTPUT } from '../../../src/core/activationFacts';
import { ACTIVATIONS } from '../../../src/core/spec';
import { ACTIVATION_FUNCTIONS } from '../../../src/engine/activations';
import { createJsKernels } from '../../../src/engine/kernels/jsKernels';

test('an activation is marked non-negative exactly when its forward rule never goes below 0', () => {
  const kernels = createJsKernels('f64');
  const z = Float64Array.from({ length: 161 }, (_, i) => -20 + i / 4);
  for (const activation of ACTIVATIONS) {
    const a = new Float64Array(z.length);
    // One row of many units: softmax normalizes across it, the others act element by element.
    ACTIVATION_FUNCTIONS[activation].forward(z, a, 1, z.length, { negativeSlope: 0.01, alpha: 1, beta: 1 }, kernels);
    assert.equal(Math.min(...a) >= 0, NON_NEGATIVE_OUTPUT[activation], activation);
  }
});
