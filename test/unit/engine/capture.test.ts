// Capture hands out W/b as used by the step's forward pass (before the update) and Δ or δ = B·Δ;
// statistics match values computed here from the captured tensors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureLength, captureShape, createTrainer } from '../../../src/engine';
import { layer, model, randomData } from './helpers';

function setup() {
  const spec = model(3, [layer(6, 'relu', { init: 'uniform', initRange: 1 }), layer(4, 'sigmoid', { init: 'uniform', initRange: 3 }), layer(2, 'sigmoid')], 'binary_cross_entropy', { batchSize: 5, learningRate: 0.5 });
  return createTrainer(spec, randomData(10, 3, 2, 'binary_cross_entropy', 4));
}

test('capture: W and b are the pre-update values, Δ and per-sample δ = B·Δ', () => {
  const trainer = setup();
  const before = Float64Array.from(trainer.network.layers[1].weights);
  const biasBefore = Float64Array.from(trainer.network.layers[1].bias);
  const W = new Float32Array(24), b = new Float32Array(4);
  const delta = new Float32Array(20), perSample = new Float32Array(20), row = new Float32Array(4);
  trainer.step({ capture: { items: [{ layer: 2, quantity: 'W', target: W }, { layer: 2, quantity: 'b', target: b }, { layer: 2, quantity: 'delta', target: delta }] } });
  for (let i = 0; i < 24; i++) assert.equal(W[i], Math.fround(before[i]));
  for (let i = 0; i < 4; i++) assert.equal(b[i], Math.fround(biasBefore[i]));
  assert.ok(trainer.network.layers[1].weights.some((w, i) => w !== before[i]), 'the update changed W');
  const report = trainer.step({ capture: { perSampleDelta: true, items: [{ layer: 2, quantity: 'delta', target: perSample }, { layer: 2, quantity: 'delta', target: row, sample: 3 }] } });
  const batchDelta = trainer.network.layers[1].delta;
  for (let i = 0; i < 20; i++) assert.equal(perSample[i], Math.fround(batchDelta[i] * report.rows));
  for (let j = 0; j < 4; j++) assert.equal(row[j], perSample[3 * 4 + j]);
  assert.equal(captureLength(trainer.network, 2, 'delta', 5), 20);
  assert.equal(captureLength(trainer.network, 1, 'dW', 5), 18);
  assert.throws(() => trainer.step({ capture: { items: [{ layer: 3, quantity: 'W', target: new Float32Array(2) }] } }), RangeError);
  assert.throws(() => trainer.step({ capture: { items: [{ layer: 4, quantity: 'W', target: new Float32Array(99) }] } }), RangeError);
});

test('capture: a row window copies exactly those rows of z, a and per-sample δ; a window outside the batch is refused', () => {
  const trainer = setup();
  const whole = { z: new Float32Array(30), a: new Float32Array(30), delta: new Float32Array(30) };
  const window = { first: 2, count: 2 };
  const part = { z: new Float32Array(12), a: new Float32Array(12), delta: new Float32Array(12) };
  const quantities = ['z', 'a', 'delta'] as const;
  trainer.step({
    capture: {
      perSampleDelta: true,
      items: quantities.flatMap((quantity) => [{ layer: 1, quantity, target: whole[quantity] }, { layer: 1, quantity, target: part[quantity], window }]),
    },
  });
  for (const quantity of quantities) {
    // Rows 2 and 3 of the batch's [5 × 6] tensor are its elements 12…23.
    assert.deepEqual(Array.from(part[quantity]), Array.from(whole[quantity].subarray(12, 24)), quantity);
  }
  assert.ok(part.delta.some((v) => v !== 0));
  assert.deepEqual(captureShape(trainer.network, 1, 'a', 5, { window }), [2, 6]);
  assert.equal(captureLength(trainer.network, 1, 'delta', 5, { window }), 12);
  assert.deepEqual(captureShape(trainer.network, 1, 'W', 5, { window }), [6, 3]);
  for (const outside of [{ first: 4, count: 2 }, { first: -1, count: 2 }, { first: 0, count: 0 }, { first: 0.5, count: 2 }]) {
    assert.throws(() => trainer.step({ capture: { items: [{ layer: 1, quantity: 'a', target: new Float32Array(30), window: outside }] } }), RangeError, JSON.stringify(outside));
  }
});

test('per-sample δ does not depend on the batch size: the same sample alone or in a batch', () => {
  const data = randomData(4, 3, 2, 'binary_cross_entropy', 8);
  const deltas: Float32Array[] = [];
  for (const batchSize of [1, 4]) {
    const spec = model(3, [layer(4, 'tanh'), layer(2, 'sigmoid')], 'binary_cross_entropy', { batchSize, shuffle: false });
    const trainer = createTrainer(spec, data);
    const target = new Float32Array(4);
    trainer.step({ capture: { perSampleDelta: true, items: [{ layer: 1, quantity: 'delta', target, sample: 0 }] } });
    deltas.push(target);
  }
  for (let j = 0; j < 4; j++) assert.ok(Math.abs(deltas[0][j] - deltas[1][j]) < 1e-6, `${deltas[0][j]} vs ${deltas[1][j]}`);
  assert.ok(deltas[0].some((v) => v !== 0));
});

test('stats: norms, summaries, dead and saturated fractions and the update ratio', () => {
  const trainer = setup();
  const W = new Float32Array(18), a = new Float32Array(30), z = new Float32Array(30), a2 = new Float32Array(20);
  const report = trainer.step({ stats: true, capture: { items: [{ layer: 1, quantity: 'W', target: W }, { layer: 1, quantity: 'a', target: a }, { layer: 1, quantity: 'z', target: z }, { layer: 2, quantity: 'a', target: a2 }] } });
  const stats = report.stats;
  assert.ok(stats && stats.length === 3);
  const l1 = stats[0];
  const expectedNorm = Math.sqrt(W.reduce((s, w) => s + w * w, 0));
  assert.ok(Math.abs(l1.weightNorm - expectedNorm) < 1e-6 * expectedNorm);
  const mean = a.reduce((s, v) => s + v, 0) / 30;
  assert.ok(Math.abs(l1.activation.mean - mean) < 1e-6);
  assert.equal(l1.activation.min, Math.min(...a));
  let dead = 0;
  for (let j = 0; j < 6; j++) if ([0, 1, 2, 3, 4].every((r) => z[r * 6 + j] <= 0)) dead++;
  assert.equal(l1.deadFraction, dead / 6);
  const saturated = Array.from(a2).filter((v) => v * (1 - v) < 0.0025).length / 20;
  assert.ok(Math.abs(stats[1].saturatedFraction - saturated) < 1e-12);
  assert.ok(stats[1].saturatedFraction > 0, 'initRange 3 saturates some sigmoid units');
  const after = trainer.network.layers[0].weights;
  const change = Math.sqrt(Array.from(after).reduce((s, w, i) => s + (w - W[i]) ** 2, 0));
  assert.ok(Math.abs(l1.updateRatio - change / expectedNorm) < 1e-5 * (change / expectedNorm));
  assert.ok(l1.updateRatio > 0);
  assert.equal(stats[0].saturatedFraction, 0);
  assert.equal(stats[1].deadFraction, 0);
});

test('inspect sees the pre-update weights and the step loss', () => {
  const trainer = setup();
  const before = Float64Array.from(trainer.network.parameters);
  let seen: number[] = [];
  let seenLoss = Number.NaN;
  const report = trainer.step({ inspect: (network, rows, loss) => { seen = Array.from(network.parameters); seenLoss = loss; assert.equal(rows, 5); } });
  assert.deepEqual(seen, Array.from(before));
  assert.equal(seenLoss, report.loss);
  assert.notDeepEqual(Array.from(trainer.network.parameters), seen);
});
