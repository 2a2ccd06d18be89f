import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeTargets, targetWidthFor } from '../../../src/data/encode';

describe('encodeTargets', () => {
  it('one-hot for cross_entropy, even with two classes', () => {
    const encoded = encodeTargets([1, 0], 2, 'cross_entropy');
    assert.deepEqual([...encoded.targets], [0, 1, 1, 0]);
    assert.equal(encoded.task, 'classification');
  });
  it('a single 0/1 column for two classes with binary_cross_entropy or mse', () => {
    for (const loss of ['binary_cross_entropy', 'mse'] as const) {
      const encoded = encodeTargets([1, 0, 1], 2, loss);
      assert.deepEqual([...encoded.targets], [1, 0, 1]);
      assert.equal(encoded.targetWidth, 1);
      assert.equal(encoded.task, 'binary');
    }
  });
  it('one-hot for three classes with binary_cross_entropy', () => {
    assert.deepEqual([...encodeTargets([2], 3, 'binary_cross_entropy').targets], [0, 0, 1]);
    assert.equal(targetWidthFor(3, 'mse'), 3);
  });
  it('rejects labels outside [0, k)', () => {
    assert.throws(() => encodeTargets([0, 3], 3, 'cross_entropy'), /label 3 of sample 1/);
    assert.throws(() => encodeTargets([0.5], 3, 'cross_entropy'), RangeError);
  });
});
