import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelMessageOf } from '../../../../src/host/session/modelMessage';
import { parseModel } from '../../../../src/model';

describe('modelMessageOf', () => {
  it('outlines each card with n_{l−1} → n_l chained from the input width', () => {
    const { spec } = parseModel(JSON.stringify({
      data: { source: 'spirals', classes: 3 },
      layers: [{ units: 16, activation: 'tanh' }, { units: 8, activation: 'leaky_relu', negativeSlope: 0.2 }, { units: 3 }],
    }));
    assert.ok(spec);
    const { layers } = modelMessageOf(spec);
    assert.deepEqual(layers.map(({ index, inputs, units, activation }) => [index, inputs, units, activation]),
      [[1, 2, 16, 'tanh'], [2, 16, 8, 'leaky_relu'], [3, 8, 3, 'softmax']]);
    assert.equal(layers[1].activationParameters?.negativeSlope, 0.2);
  });
});
