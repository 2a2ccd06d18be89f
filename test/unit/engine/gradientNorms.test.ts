// StepRequest.gradientNorms: every step's ‖∂L/∂W⁽ˡ⁾‖ for the charts, taken from the step's
// statistics when it has them and summed otherwise; both must be the norm of the gradient itself.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTrainer } from '../../../src/engine';
import { layer, model, randomData } from './helpers';

function norm(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return Math.sqrt(sum);
}

test('gradientNorms: ‖∂L/∂W⁽ˡ⁾‖ of the captured gradient, with and without statistics', () => {
  const spec = model(3, [layer(4, 'tanh'), layer(5, 'relu'), layer(2, 'sigmoid')], 'binary_cross_entropy', { batchSize: 5 });
  const trainer = createTrainer(spec, randomData(10, 3, 2, 'binary_cross_entropy', 4));
  for (const stats of [false, true, false]) {
    const dW = [new Float32Array(12), new Float32Array(20), new Float32Array(10)];
    const norms = new Float64Array(3);
    trainer.step({ stats, gradientNorms: norms, capture: { items: dW.map((target, i) => ({ layer: i + 1, quantity: 'dW' as const, target })) } });
    dW.forEach((gradient, i) => {
      const expected = norm(gradient);
      assert.ok(expected > 0, `layer ${i + 1} has a gradient`);
      assert.ok(Math.abs(norms[i] - expected) <= 1e-6 * expected, `layer ${i + 1} (stats ${stats}): ${norms[i]} vs ${expected}`);
    });
  }
});
