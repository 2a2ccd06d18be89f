// NaN/±Inf detection names the layer and quantity where the bad value first appears.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrainer } from '../../../src/engine';
import { layer, model, randomData } from './helpers';

function trainer(precision: 'f32' | 'f64') {
  const spec = model(3, [layer(5, 'relu'), layer(4, 'tanh'), layer(3, 'softmax')], 'cross_entropy', { batchSize: 6, precision });
  return createTrainer(spec, randomData(12, 3, 3, 'cross_entropy', 2));
}

test('a NaN weight in layer 2 is reported as layer 2, W, at its index', () => {
  const t = trainer('f64');
  t.network.layers[1].weights[7] = Number.NaN;
  const report = t.step({ stats: true });
  assert.deepEqual(report.nonFinite && { ...report.nonFinite, value: String(report.nonFinite.value) }, { layer: 2, quantity: 'W', index: 7, value: 'NaN' });
  // Without stats the non-finite loss still triggers the scan.
  const t2 = trainer('f64');
  t2.network.layers[1].weights[7] = Number.NaN;
  const quiet = t2.step();
  assert.ok(Number.isNaN(quiet.loss));
  assert.equal(quiet.nonFinite?.layer, 2);
  assert.equal(quiet.nonFinite?.quantity, 'W');
});

test('a huge weight overflows Z of its layer in f32: reported as layer 1, z', () => {
  const t = trainer('f32');
  t.network.layers[0].weights.fill(3e38);
  t.network.layers[0].bias.fill(3e38);
  const report = t.step({ stats: true });
  assert.equal(report.nonFinite?.layer, 1);
  assert.equal(report.nonFinite?.quantity, 'z');
  assert.equal(report.nonFinite?.value, Infinity);
});

test('a target that makes only the loss non-finite is reported as layer 0, loss', () => {
  const spec = model(2, [layer(2, 'softmax')], 'cross_entropy', { batchSize: 2 });
  const data = randomData(2, 2, 2, 'cross_entropy', 1);
  (data.targets as Float64Array)[0] = Infinity;
  const report = createTrainer(spec, data).step({ stats: true });
  assert.equal(report.nonFinite?.layer, 0);
  assert.equal(report.nonFinite?.quantity, 'loss');
});

test('a healthy step reports nothing', () => {
  const report = trainer('f64').step({ stats: true });
  assert.equal(report.nonFinite, undefined);
  assert.ok(Number.isFinite(report.loss));
});
