import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inferShapes, parameterCount, quantityShape } from '../../../src/core/shapes';

describe('inferShapes', () => {
  const shapes = inferShapes({
    input: 2,
    layers: [
      { units: 16, activation: 'tanh' },
      { units: 16, activation: 'relu' },
      { units: 3, activation: 'softmax' },
    ],
  });

  it('gives W as n_l × n_{l−1} and b as n_l per layer', () => {
    assert.deepEqual(shapes.layers.map((l) => [l.inputs, l.units]), [[2, 16], [16, 16], [16, 3]]);
    assert.deepEqual(shapes.layers.map((l) => l.weightShape), [[16, 2], [16, 16], [3, 16]]);
    assert.deepEqual(shapes.layers.map((l) => l.biasShape), [[16], [16], [3]]);
  });

  it('counts parameters per layer and in total', () => {
    // 16·2+16 = 48, 16·16+16 = 272, 3·16+3 = 51.
    assert.deepEqual(shapes.layers.map((l) => l.parameters), [48, 272, 51]);
    assert.equal(shapes.totalParameters, 371);
  });

  it('labels each layer and the network in one line', () => {
    assert.equal(shapes.layers[0].label, '16×2 → 16 · 48 params');
    assert.equal(shapes.layers[2].label, '3×16 → 3 · 51 params');
    assert.equal(shapes.label, '2 → 16 → 16 → 3 · 371 params');
  });

  it('uses separators for large counts', () => {
    const big = inferShapes({ input: 784, layers: [{ units: 1000, activation: 'relu' }] });
    assert.equal(big.layers[0].label, '1000×784 → 1000 · 785,000 params');
  });
});

describe('parameterCount', () => {
  it('counts n_l·n_{l−1} weights and n_l biases', () => {
    assert.equal(parameterCount(3, 16), 51);
    assert.equal(parameterCount(1, 1), 2);
  });
});

describe('quantityShape', () => {
  // Layer 2 of 2 → 16 → 3: n_l = 3, n_{l−1} = 16, batches of 8 rows.
  const layer = { units: 3, inputs: 16 };

  it('gives z, a and δ one row per sample, or one sample\'s vector', () => {
    for (const quantity of ['z', 'a', 'delta'] as const) {
      assert.deepEqual(quantityShape(quantity, layer, 8), [8, 3]);
      assert.deepEqual(quantityShape(quantity, layer, 8, 5), [3]);
    }
  });

  it('gives W and ∂L/∂W as n_l × n_{l−1}, b and ∂L/∂b as n_l, whatever the batch', () => {
    assert.deepEqual(quantityShape('W', layer, 8), [3, 16]);
    assert.deepEqual(quantityShape('dW', layer, 8, 5), [3, 16]);
    assert.deepEqual(quantityShape('b', layer, 8), [3]);
    assert.deepEqual(quantityShape('db', layer, 8), [3]);
  });
});
