// A snapshot's z, a and δ carry at most LIMITS.maxSnapshotRows rows of the batch: a window that
// holds the selected sample, so a very large batch does not make every snapshot huge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTrainer } from '../../../src/engine';
import { snapshotRows } from '../../../src/core/rowWindow';
import { QUANTITIES } from '../../../src/core/snapshot';
import { SnapshotBuilder } from '../../../src/worker/snapshotBuilder';
import { layer, model, randomData } from '../engine/helpers';

test('snapshotRows: the whole of a small batch; else a window centred on the sample, clamped to the batch', () => {
  assert.deepEqual(snapshotRows(256, 200, 256), { first: 0, count: 256 });
  assert.deepEqual(snapshotRows(10, 9, 4), { first: 6, count: 4 }, 'centred would start at 7 and end past the batch');
  assert.deepEqual(snapshotRows(10, 5, 4), { first: 3, count: 4 });
  assert.deepEqual(snapshotRows(10, 1, 4), { first: 0, count: 4 });
  assert.deepEqual(snapshotRows(8192, 8191, 256), { first: 7936, count: 256 });
  assert.deepEqual(snapshotRows(8192, 640, 256), { first: 512, count: 256 });
});

test('a batch of 8192 rows through a wide layer: z, a, Δ of 256 rows holding the selected sample, bytes bounded', () => {
  const batch = 8192, width = 1024, inputs = 4, outputs = 2, selected = 5000;
  const spec = model(inputs, [layer(width, 'tanh'), layer(outputs, 'softmax')], 'cross_entropy', { batchSize: batch, shuffle: false, precision: 'f32' });
  const trainer = createTrainer(spec, randomData(batch, inputs, outputs, 'cross_entropy', 11));
  const builder = new SnapshotBuilder(trainer, { rate: 30, layers: 'all', quantities: [...QUANTITIES], sample: selected });
  const plan = builder.plan(builder.nextBatchRows());
  // The whole batch's A⁽¹⁾, captured beside the plan, to find the sample's row in.
  const wholeA = new Float32Array(batch * width);
  const report = trainer.step({ capture: { items: [...plan.items, { layer: 1, quantity: 'a', target: wholeA }] }, stats: true, inspect: plan.inspect });
  const snapshot = builder.build(1, report, { state: 'paused', stepsPerSecond: 0 }, plan);

  assert.equal(snapshot.run.batchSize, batch);
  assert.equal(snapshot.run.sampleIndex, selected);
  const window = snapshot.run.rowWindow;
  assert.ok(window !== undefined, 'the snapshot says which rows it carries');
  assert.equal(window.count, 256);
  assert.ok(window.first <= selected && selected < window.first + window.count, `rows ${window.first}… hold sample ${selected}`);
  for (const [i, units] of [width, outputs].entries()) {
    for (const quantity of ['z', 'a', 'delta'] as const) assert.deepEqual(snapshot.layers[i].tensors[quantity]?.shape, [256, units], `layer ${i + 1} ${quantity}`);
  }
  const row = selected - window.first;
  assert.deepEqual(snapshot.layers[0].tensors.a!.data.subarray(row * width, (row + 1) * width), wholeA.subarray(selected * width, (selected + 1) * width));

  // Three 256-row tensors per layer and the parameters twice (W, b and their gradients), as Float32.
  const units = width + outputs;
  const parameters = width * (inputs + 1) + outputs * (width + 1);
  const bound = 4 * (3 * 256 * units + 2 * parameters);
  const bytes = snapshot.layers.reduce((sum, l) => sum + Object.values(l.tensors).reduce((s, t) => s + t.data.byteLength, 0), 0);
  assert.ok(bytes <= bound, `${bytes} bytes, at most ${bound}`);
});

test('a batch of at most 256 rows is carried whole, with no window', () => {
  const spec = model(3, [layer(4, 'tanh'), layer(2, 'softmax')], 'cross_entropy', { batchSize: 256, shuffle: false, precision: 'f32' });
  const trainer = createTrainer(spec, randomData(256, 3, 2, 'cross_entropy', 3));
  const builder = new SnapshotBuilder(trainer, { rate: 30, layers: 'all', quantities: ['a'], sample: 255 });
  const plan = builder.plan(builder.nextBatchRows());
  const report = trainer.step({ capture: { items: plan.items }, stats: true, inspect: plan.inspect });
  const snapshot = builder.build(1, report, { state: 'paused', stepsPerSecond: 0 }, plan);
  assert.equal(snapshot.run.rowWindow, undefined);
  assert.deepEqual(snapshot.layers[0].tensors.a?.shape, [256, 4]);
});

test('a sample selected while a step runs waits for the next plan: the snapshot names the row its window holds', () => {
  const spec = model(3, [layer(4, 'tanh'), layer(2, 'softmax')], 'cross_entropy', { batchSize: 300, shuffle: false, precision: 'f32' });
  const data = randomData(300, 3, 2, 'cross_entropy', 3);
  const trainer = createTrainer(spec, data);
  const stream = { rate: 30, layers: 'all' as const, quantities: ['a' as const], sample: 290 };
  const builder = new SnapshotBuilder(trainer, stream);
  const plan = builder.plan(builder.nextBatchRows());
  builder.setStream({ ...stream, sample: 3 });
  const report = trainer.step({ capture: { items: plan.items }, stats: true, inspect: plan.inspect });
  const snapshot = builder.build(1, report, { state: 'paused', stepsPerSecond: 0 }, plan);
  assert.equal(snapshot.run.sampleIndex, 290);
  assert.deepEqual(snapshot.run.rowWindow, { first: 44, count: 256 }, 'the last 256 of 300 rows');
  assert.deepEqual(Array.from(snapshot.sample!.input), Array.from(data.inputs.subarray(290 * 3, 291 * 3), Math.fround));
});
