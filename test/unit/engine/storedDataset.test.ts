// A data set bound for an f32 run is stored as Float32 (half the memory), and training on it is
// exactly training on the Float64 original: the engine rounds each value to Float32 either way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storedFor } from '../../../src/core/dataset';
import { createTrainer } from '../../../src/engine';
import { createKernels } from '../../../src/engine/kernels/select';
import { layer, model, randomData } from './helpers';

describe('storedFor', () => {
  const data = randomData(64, 3, 2, 'cross_entropy', 5);

  it('stores an f32 run\'s data as Float32, in half the bytes, and leaves an f64 run\'s as it is', () => {
    const stored = storedFor(data, 'f32');
    assert.ok(stored.inputs instanceof Float32Array && stored.targets instanceof Float32Array);
    assert.equal(stored.inputs.byteLength, data.inputs.byteLength / 2);
    assert.deepEqual(Array.from(stored.inputs), Array.from(data.inputs, Math.fround));
    assert.equal(storedFor(data, 'f64'), data);
  });

  it('f32 training on the Float32 copy gives bit-identical losses to training on the Float64 data', () => {
    const spec = model(3, [layer(5, 'tanh'), layer(2, 'softmax')], 'cross_entropy', { precision: 'f32', batchSize: 16, learningRate: 0.1 });
    const losses = (dataset: typeof data) => {
      const trainer = createTrainer(spec, dataset, { kernels: createKernels('f32') });
      return Array.from({ length: 12 }, () => trainer.step().loss);
    };
    const fromFloat64 = losses(data);
    assert.ok(fromFloat64.every(Number.isFinite));
    assert.deepEqual(losses(storedFor(data, 'f32')), fromFloat64);
  });
});
