// Same spec + seed ⇒ identical bytes of weights and losses; another seed ⇒ different ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrainer, type Trainer, type FloatArray } from '../../../src/engine';
import { layer, model, randomData } from './helpers';
import type { Precision } from '../../../src/core/spec';

function run(seed: number, precision: Precision, steps = 25): { losses: Float64Array; weights: Uint8Array; trainer: Trainer<FloatArray> } {
  const spec = model(3, [layer(8, 'relu', { init: 'he_normal' }), layer(6, 'tanh', { init: 'xavier_normal' }), layer(4, 'softmax')], 'cross_entropy', { seed, precision, batchSize: 7, validationSplit: 0.2, optimizer: 'adam', learningRate: 0.01 });
  const trainer = createTrainer(spec, randomData(50, 3, 4, 'cross_entropy', 3));
  const losses = new Float64Array(steps);
  for (let i = 0; i < steps; i++) losses[i] = trainer.step().loss;
  const p = trainer.network.parameters;
  return { losses, weights: new Uint8Array(p.buffer, p.byteOffset, p.byteLength).slice(), trainer };
}

for (const precision of ['f32', 'f64'] as const) {
  test(`determinism (${precision}): same seed gives identical weights and losses, another seed differs`, () => {
    const a = run(42, precision);
    const b = run(42, precision);
    assert.deepEqual(new Uint8Array(a.losses.buffer), new Uint8Array(b.losses.buffer));
    assert.deepEqual(a.weights, b.weights);
    assert.deepEqual(a.trainer.validationIndices, b.trainer.validationIndices);
    const c = run(43, precision);
    assert.notDeepEqual(a.weights, c.weights);
    assert.notDeepEqual(Array.from(a.losses), Array.from(c.losses));
    assert.notDeepEqual(Array.from(a.trainer.validationIndices), Array.from(c.trainer.validationIndices));
  });
}

test('split: validationSplit holds out round(N·split) rows, disjoint from training, covering all', () => {
  const { trainer } = run(5, 'f64', 0);
  assert.equal(trainer.validationIndices.length, 10);
  assert.equal(trainer.trainIndices.length, 40);
  const all = new Set([...trainer.trainIndices, ...trainer.validationIndices]);
  assert.equal(all.size, 50);
  assert.equal(trainer.stepsPerEpoch, 6); // ⌈40/7⌉, the last batch has 5 rows
});

test('epochs: partial last batch, epoch report with validation, and reset() replays the run', () => {
  const { trainer } = run(9, 'f64', 0);
  const rows: number[] = [];
  let epochEnd;
  for (let i = 0; i < 6; i++) {
    const report = trainer.step();
    rows.push(report.rows);
    if (i < 5) assert.equal(report.epochEnd, undefined);
    else epochEnd = report.epochEnd;
  }
  assert.deepEqual(rows, [7, 7, 7, 7, 7, 5]);
  assert.ok(epochEnd);
  assert.equal(epochEnd.epoch, 1);
  assert.equal(epochEnd.validation?.count, 10);
  assert.ok(epochEnd.trainAccuracy !== null && epochEnd.trainAccuracy >= 0 && epochEnd.trainAccuracy <= 1);
  assert.equal(trainer.epoch, 1);
  const second = trainer.step();
  assert.equal(second.epoch, 1);
  assert.equal(second.batch, 0);
  trainer.reset();
  const replay = run(9, 'f64', 3);
  const again = [trainer.step().loss, trainer.step().loss, trainer.step().loss];
  assert.deepEqual(again, Array.from(replay.losses));
});

test('shuffling: batches differ between epochs when shuffle is on, repeat when off', () => {
  for (const shuffle of [true, false]) {
    const spec = model(2, [layer(1, 'linear')], 'mse', { batchSize: 10, shuffle });
    const data = randomData(10, 2, 1, 'mse', 1);
    const trainer = createTrainer(spec, data);
    const first = new Float32Array(20);
    const second = new Float32Array(20);
    // Capture the input rows in batch order through layer 1's z (a linear function of the rows)… simpler: read X.
    trainer.step();
    first.set(trainer.network.input.subarray(0, 20));
    trainer.step();
    second.set(trainer.network.input.subarray(0, 20));
    if (shuffle) assert.notDeepEqual(first, second);
    else assert.deepEqual(first, second);
  }
});
