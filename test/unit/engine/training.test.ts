// End-to-end learning: loss falls on XOR and on spirals; f32 and f64 agree on a small net.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrainer } from '../../../src/engine';
import { generateSynthetic } from '../../../src/data/synthetic';
import { layer, model, randomData, xorData } from './helpers';

test('XOR: a 2-4-1 tanh/sigmoid net learns the truth table', () => {
  const spec = model(2, [layer(4, 'tanh'), layer(1, 'sigmoid')], 'binary_cross_entropy', { learningRate: 0.5, momentum: 0.9, batchSize: 4, seed: 3 });
  const trainer = createTrainer(spec, xorData());
  const first = trainer.step().loss;
  let last = first;
  for (let i = 0; i < 1500; i++) last = trainer.step().loss;
  assert.ok(last < first * 0.1, `loss ${first} → ${last}`);
  const evaluation = trainer.evaluate('train');
  assert.equal(evaluation?.accuracy, 1);
});

test('spirals: a 2-32-32-3 relu net with Adam drives the loss down', () => {
  const data = generateSynthetic({ source: 'spirals', samples: 300, noise: 0.05, classes: 3, seed: 4 }, 'cross_entropy');
  const spec = model(2, [layer(32, 'relu', { init: 'he_uniform' }), layer(32, 'relu', { init: 'he_uniform' }), layer(3, 'softmax')], 'cross_entropy', { optimizer: 'adam', learningRate: 0.01, batchSize: 32, validationSplit: 0.2, seed: 4 });
  const trainer = createTrainer(spec, data);
  const initial = trainer.evaluate('train');
  assert.ok(initial);
  let lastEpoch;
  for (let i = 0; i < 100 * trainer.stepsPerEpoch; i++) lastEpoch = trainer.step().epochEnd ?? lastEpoch;
  const final = trainer.evaluate('train');
  assert.ok(final && final.loss < initial.loss * 0.5, `train loss ${initial.loss} → ${final?.loss}`);
  assert.ok(final.accuracy !== null && final.accuracy > 0.8, `train accuracy ${final.accuracy}`);
  assert.ok(lastEpoch?.validation && lastEpoch.validation.accuracy !== null && lastEpoch.validation.accuracy > 0.7, `validation ${JSON.stringify(lastEpoch?.validation)}`);
});

test('f32 and f64 agree to ~1e-4 relative on a small net over several steps', () => {
  const runs = (['f32', 'f64'] as const).map((precision) => {
    const spec = model(4, [layer(8, 'tanh'), layer(6, 'gelu'), layer(3, 'softmax')], 'cross_entropy', { precision, batchSize: 8, learningRate: 0.1, momentum: 0.5, seed: 12 });
    const trainer = createTrainer(spec, randomData(32, 4, 3, 'cross_entropy', 12));
    const losses = Array.from({ length: 10 }, () => trainer.step().loss);
    return { losses, weights: Array.from(trainer.network.parameters) };
  });
  const [f32, f64] = runs;
  for (let i = 0; i < 10; i++) assert.ok(Math.abs(f32.losses[i] - f64.losses[i]) <= 1e-4 * Math.abs(f64.losses[i]), `step ${i}: ${f32.losses[i]} vs ${f64.losses[i]}`);
  const diff = Math.sqrt(f32.weights.reduce((s, w, i) => s + (w - f64.weights[i]) ** 2, 0));
  const size = Math.sqrt(f64.weights.reduce((s, w) => s + w * w, 0));
  assert.ok(diff <= 1e-4 * size, `weights differ by ${diff / size} relative`);
  assert.notDeepEqual(f32.losses, f64.losses, 'the two precisions really ran differently');
});
