// The snapshot carries x and t of the selected batch row (the panel's equations need a⁽⁰⁾ = x and
// the loss terms), taken from the batch the step actually ran, not from the next one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineStep } from '../../fixtures/snapshots/engineSnapshot';
import { layer, model, randomData } from '../engine/helpers';

test('snapshot.sample holds the selected row of the batch just run', () => {
  const data = randomData(12, 3, 2, 'cross_entropy', 5);
  const spec = model(3, [layer(4, 'tanh'), layer(2, 'softmax')], 'cross_entropy', { batchSize: 4, shuffle: false, precision: 'f32' });
  for (const [sample, steps] of [[0, 1], [3, 1], [2, 2]] as const) {
    const { snapshot, batchRows } = engineStep(spec, data, sample, steps);
    const row = batchRows[sample];
    assert.ok(snapshot.sample, 'the snapshot has sample vectors');
    assert.deepEqual(Array.from(snapshot.sample.input), Array.from(data.inputs.subarray(row * 3, row * 3 + 3), Math.fround));
    assert.deepEqual(Array.from(snapshot.sample.target), Array.from(data.targets.subarray(row * 2, row * 2 + 2)));
    assert.equal(snapshot.run.sampleIndex, sample);
  }
});
