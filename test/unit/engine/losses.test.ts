// Output errors Δ⁽ᴸ⁾ against the closed forms of docs/notation.md, computed here from the engine's
// forward outputs O and the targets T (not from the engine's backward code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrainer } from '../../../src/engine';
import { dataset, layer, maxRelativeError, model, referenceLoss, toRows } from './helpers';

function softmaxCeDelta(targets: number[][]): void {
  const inputs = [[0.5, -1.2], [2, 0.3], [-0.7, -0.1], [1.1, 1.9]];
  const spec = model(2, [layer(5, 'tanh', { init: 'uniform', initRange: 1 }), layer(3, 'softmax', { init: 'uniform', initRange: 1 })], 'cross_entropy', { batchSize: 4, shuffle: false });
  const trainer = createTrainer(spec, dataset(inputs, targets, 'classification'));
  const output = new Float32Array(12);
  const delta = new Float32Array(12);
  trainer.gradientCheck({ samplesPerLayer: 0 }); // loads the first batch and leaves its forward/backward in place
  const { network } = trainer;
  const o = Array.from(network.layers[1].a.subarray(0, 12));
  const d = Array.from(network.layers[1].delta.subarray(0, 12));
  const B = 4;
  const expected: number[] = [];
  for (let b = 0; b < B; b++) {
    const tau = targets[b].reduce((p, q) => p + q, 0);
    for (let j = 0; j < 3; j++) expected.push((o[b * 3 + j] * tau - targets[b][j]) / B);
  }
  assert.ok(maxRelativeError(d, expected) < 1e-12, `Δ differs: ${d} vs ${expected}`);
  // The same through a capture of a real step (Float32 copies), before the update.
  const report = trainer.step({ capture: { items: [{ layer: 2, quantity: 'a', target: output }, { layer: 2, quantity: 'delta', target: delta }] } });
  assert.equal(report.rows, 4);
  for (let i = 0; i < 12; i++) assert.ok(Math.abs(delta[i] - expected[i]) < 1e-6);
}

test('softmax + cross-entropy: Δ = (O − T)/B for one-hot targets', () => {
  softmaxCeDelta([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]);
});

test('softmax + cross-entropy: Δ = (O ⊙ τ − T)/B for non-normalized probability targets', () => {
  softmaxCeDelta([[0.2, 0.5, 0.1], [0.6, 0.6, 0.3], [0, 0.25, 0.25], [1.5, 0, 0.5]]);
});

test('loss values match the reference reductions (CE sums classes, BCE/MSE average outputs)', () => {
  const inputs = [[0.5, -1.2], [2, 0.3], [-0.7, -0.1]];
  const cases = [
    { loss: 'cross_entropy' as const, out: 'softmax' as const, targets: [[0.3, 0.7], [1, 0], [0.5, 1]] },
    { loss: 'binary_cross_entropy' as const, out: 'sigmoid' as const, targets: [[0, 1], [1, 1], [0, 0]] },
    { loss: 'mse' as const, out: 'tanh' as const, targets: [[0.3, -2], [1, 0.5], [0, 4]] },
  ];
  for (const c of cases) {
    const spec = model(2, [layer(4, 'relu', { init: 'uniform', initRange: 1 }), layer(2, c.out, { init: 'uniform', initRange: 1 })], c.loss, { batchSize: 3, shuffle: false });
    const trainer = createTrainer(spec, dataset(inputs, c.targets, 'regression'));
    const weights = trainer.network.layers.map((l) => toRows(l.weights, l.units, l.inputs));
    const biases = trainer.network.layers.map((l) => Array.from(l.bias));
    const expected = referenceLoss(spec, weights, biases, inputs, c.targets);
    const { loss } = trainer.step();
    assert.ok(Math.abs(loss - expected) <= 1e-14 * Math.abs(expected), `${c.loss}: ${loss} vs ${expected}`);
  }
});

test('sigmoid + BCE: Δ = (A − Y)/(B·n_L); MSE: Δ = 2(A − Y) ⊙ f′(Z)/(B·n_L)', () => {
  const inputs = [[0.5, -1.2], [2, 0.3], [-0.7, -0.1]];
  const targets = [[0, 1], [1, 1], [0, 0]];
  for (const [loss, out] of [['binary_cross_entropy', 'sigmoid'], ['mse', 'tanh']] as const) {
    const spec = model(2, [layer(2, out, { init: 'uniform', initRange: 1 })], loss, { batchSize: 3 });
    const trainer = createTrainer(spec, dataset(inputs, targets, 'binary'));
    trainer.gradientCheck({ samplesPerLayer: 0 });
    const { a, delta } = trainer.network.layers[0];
    for (let i = 0; i < 6; i++) {
      // The batch order is shuffled: find this row's target by matching the loaded input buffer.
      const row = Math.floor(i / 2);
      const x = Array.from(trainer.network.input.subarray(row * 2, row * 2 + 2));
      const t = targets[inputs.findIndex((v) => v[0] === x[0] && v[1] === x[1])][i % 2];
      const expected = loss === 'mse' ? (2 * (a[i] - t) * (1 - a[i] * a[i])) / 6 : (a[i] - t) / 6;
      assert.ok(Math.abs(delta[i] - expected) <= 1e-15, `${loss}[${i}]: ${delta[i]} vs ${expected}`);
    }
  }
});
