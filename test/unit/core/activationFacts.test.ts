// The activation facts checked against the engine's own forward rules, so a fact cannot drift from
// what the engine computes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NON_NEGATIVE_OUTPUT } from '../../../src/core/activationFacts';
import { ACTIVATIONS } from '../../../src/core/spec';
import { createTrainer } from '../../../src/engine';
import { resolveModel } from '../../../src/model';
import { noFiles } from '../data/readers';

describe('NON_NEGATIVE_OUTPUT', () => {
  for (const activation of ACTIVATIONS) {
    it(`${activation}: matches the sign of the engine's outputs over inputs of both signs`, async () => {
      // Standardized inputs into a wide first layer, so z takes both signs (softmax only as the output layer).
      const first = { units: activation === 'softmax' ? 3 : 32, activation };
      const { spec, dataset } = await resolveModel(JSON.stringify({
        data: { source: 'gaussians', classes: 3, samples: 60 },
        layers: activation === 'softmax' ? [first] : [first, { units: 3, activation: 'softmax' }],
        training: { batchSize: 60, validationSplit: 0 },
      }), noFiles);
      assert.ok(spec && dataset);
      const trainer = createTrainer(spec, dataset);
      trainer.step();
      const { a, z } = trainer.network.layers[0];
      assert.ok(z.some((value) => value < 0), 'some z < 0');
      assert.equal(a.every((value) => value >= 0), NON_NEGATIVE_OUTPUT[activation]);
    });
  }
});
