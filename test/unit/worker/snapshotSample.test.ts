// The snapshot carries x and t of the selected batch row (the panel's equations need a⁽⁰⁾ = x and
// the loss terms), taken from the batch the step actually ran, not from the next one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTrainer } from '../../../src/engine';
import { SnapshotBuilder } from '../../../src/worker/snapshotBuilder';
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

test('on the step that ends an epoch (validation runs right after it) the sample is still the training row', () => {
  const data = randomData(12, 3, 2, 'cross_entropy', 7);
  // 9 training rows in batches of 3: steps 3 and 6 end an epoch and evaluate the 3 validation rows.
  const spec = model(3, [layer(4, 'tanh'), layer(2, 'softmax')], 'cross_entropy', { batchSize: 3, shuffle: false, validationSplit: 0.25, precision: 'f32' });
  const trainer = createTrainer(spec, data);
  const builder = new SnapshotBuilder(trainer, { rate: 30, layers: [], quantities: [], sample: 1 });
  const train = Array.from(trainer.trainIndices);
  assert.equal(train.length, 9);
  for (let step = 1; step <= 6; step++) {
    const plan = builder.plan(builder.nextBatchRows());
    const report = trainer.step({ capture: { items: plan.items }, stats: true, inspect: plan.inspect });
    assert.equal(report.epochEnd !== undefined, step % 3 === 0, `step ${step} ends an epoch`);
    const row = train[((step - 1) % 3) * 3 + 1];
    const snapshot = builder.build(step, report, { state: 'training', stepsPerSecond: 0 }, plan);
    assert.deepEqual(Array.from(snapshot.sample!.input), Array.from(data.inputs.subarray(row * 3, row * 3 + 3), Math.fround), `step ${step}`);
  }
});
